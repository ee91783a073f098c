#!/usr/bin/python3
"""Run a per-pair suite on a seeded sample of a catalog (the sanitizer builds run a sample,
the normal build the whole catalog: every pair once, and CI stays short).

Usage: sampled.py N DIR CMD... -- every argument equal to @CATALOG@ is replaced by a
temporary catalog holding N models of DIR/models picked with a fixed seed (the same models
every run), or by DIR itself when N is 0 or DIR has no more than N models.  The exit status
is the command's."""
import os
import random
import shutil
import subprocess
import sys
import tempfile

n, src, cmd = int(sys.argv[1]), sys.argv[2], sys.argv[3:]
models = sorted(f for f in os.listdir(os.path.join(src, "models")) if f.endswith(".json"))
tmp = None
catalog = src
if 0 < n < len(models):
    pick = sorted(random.Random(20261201).sample(models, n))
    tmp = tempfile.mkdtemp()
    os.makedirs(os.path.join(tmp, "models"))
    for f in pick:
        shutil.copy(os.path.join(src, "models", f), os.path.join(tmp, "models", f))
    catalog = tmp
    print(f"# a sample of {n} of the {len(models)} models of {src}: {', '.join(p[:-5] for p in pick)}",
          flush=True)
try:
    rc = subprocess.call([catalog if a == "@CATALOG@" else a for a in cmd])
finally:
    if tmp:
        shutil.rmtree(tmp)
sys.exit(rc)
