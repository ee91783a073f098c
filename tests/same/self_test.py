#!/usr/bin/python3
"""The proof of "byte-identical output" (same_output.py) held to its word, cheaply: every part
runs, on a catalog of 5 fixture models, a sample of 4 imported models and 4 pairs.

    self_test.py VERSUS SOURCE_ROOT

  - the same binary twice: the same, exit 0, every part compared files;
  - a copy of the rules with one word changed (a section title the golden reports print) as
    the new build's rules: different, exit 1, in the golden, site and sample parts, and not
    in the import part (the importer reads no rule);
  - an unchanged copy of the rules, staged the same way: the same (staging adds no difference);
  - a build without plugins (it would run quietly without capabilities), a binary that does
    not exist: exit 2, not a verdict.
And the masking alone: durations and rates in stderr, nothing else.
Prints TAP (tests/tap.py); run by meson in suite 'same'."""
import os
import re
import shutil
import subprocess
import sys
import tempfile

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
from tap import ok, finish  # noqa: E402

VERSUS, SRC = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
SCRIPT = os.path.join(HERE, "same_output.py")
TMP = tempfile.mkdtemp(prefix="versus-same-test-")


def same_output(*args):
    p = subprocess.run([sys.executable, SCRIPT, "--inputs", SRC, "--site-data", CATALOG,
                        "--sample", "4", "--pairs", "4", *args],
                       capture_output=True, text=True)
    return p.returncode, p.stdout + p.stderr


def counts(out):
    """{part: (files compared, files that differ)} from the script's summary lines."""
    return {m.group(1): (int(m.group(2)), int(m.group(3))) for m in
            re.finditer(r"^(\S+(?: -j \d+)?)\s+(\d+) files compared, (\d+) differ$", out, re.M)}


def rules_copy(name):
    """A tree holding a copy of SRC's rules and data/ (the schema, the importer's aliases), as
    --new-root reads it."""
    root = os.path.join(TMP, name)
    shutil.copytree(os.path.join(SRC, "rules"), os.path.join(root, "rules"))
    shutil.copytree(os.path.join(SRC, "data"), os.path.join(root, "data"),
                    ignore=shutil.ignore_patterns("snapshots"))
    return root


def alter_one_word(root):
    """Changes the last word of the first section title the reference golden report prints;
    returns 'FILE: OLD -> NEW', or None when no title of the rules is in that report."""
    with open(os.path.join(SRC, "tests", "golden", "reference-md", "expected")) as f:
        headings = set(re.findall(r"^## (.+)$", f.read(), re.M))
    rules = os.path.join(root, "rules")
    for name in sorted(os.listdir(rules)):
        path = os.path.join(rules, name)
        if not name.endswith(".lua"):
            continue
        with open(path) as f:
            text = f.read()
        for m in re.finditer(r'title = "([^"]+)"', text):
            if m.group(1) in headings:
                title = m.group(1)
                changed = title[:-1] + ("X" if title[-1] != "X" else "Y")
                with open(path, "w") as f:
                    f.write(text[:m.start(1)] + changed + text[m.end(1):])
                return f"{name}: '{title}' -> '{changed}'"
    return None


sys.path.insert(0, HERE)
from same_output import normalized  # noqa: E402

try:
    # What is masked: the clock's figures in stderr, nothing in a report, nothing else.
    log = "site: 202 of 2017 pages, {}/s, ETA {}s\nsite: 2017 pages written, in {} s (3 sources)\n"
    ok(normalized("site-j1.out.status", log.format(112, 7, "1.63").encode()) ==
       normalized("site-j1.out.status", log.format("1,286", 3, "0.9").encode()),
       "durations and rates in stderr are masked")
    ok(normalized("site-j1.out.status", log.format(1, 1, 1).encode()) !=
       normalized("site-j1.out.status", log.format(1, 1, 1).replace("3 sources", "4 sources").encode()),
       "other figures in stderr are not")
    ok(normalized("golden/heavy-md", b"in 1.63 s, 112/s") == b"in 1.63 s, 112/s",
       "a report is compared byte for byte")

    CATALOG = os.path.join(TMP, "catalog")
    os.makedirs(os.path.join(CATALOG, "models"))
    fixtures = os.path.join(SRC, "tests", "fixtures", "golden", "models")
    for f in sorted(x for x in os.listdir(fixtures) if x.endswith(".json"))[:5]:
        shutil.copy(os.path.join(fixtures, f), os.path.join(CATALOG, "models"))

    rc, out = same_output(VERSUS, VERSUS)
    ok(rc == 0 and "# SAME" in out, "the same binary twice: the same (exit 0)", f"exit {rc}\n{out[-1500:]}")
    c = counts(out)
    empty = [p for p in ("golden", "site -j 1", "site -j 2", "import", "sample", "check")
             if c.get(p, (0, 0))[0] == 0]
    ok(not empty, "every part compared files", f"no files in: {', '.join(empty)}\n{out[-1500:]}")

    altered = rules_copy("altered")
    what = alter_one_word(altered)
    if ok(what is not None, "a section title of the rules is in the golden reference report"):
        rc, out = same_output("--new-root", altered, VERSUS, VERSUS)
        ok(rc == 1 and "FIRST DIFFERENCE: golden/" in out,
           f"one word changed in the rules ({what}): different (exit 1), first in the goldens",
           f"exit {rc}\n{out[-1500:]}")
        c = counts(out)
        missed = [p for p in ("golden", "site -j 1", "site -j 2", "sample") if c.get(p, (0, 0))[1] == 0]
        ok(not missed, "the changed word is found in the golden, site and sample parts",
           f"no difference in: {', '.join(missed)}\n{out[-1500:]}")
        ok(c.get("import", (0, 1))[1] == 0 and c.get("import", (0, 0))[0] > 0,
           "and not in the import part, which reads no rule", out[-1500:])

    rc, out = same_output("--new-root", rules_copy("unchanged"), VERSUS, VERSUS)
    ok(rc == 0 and "staged" in out, "an unchanged copy of the rules, staged: the same (exit 0)",
       f"exit {rc}\n{out[-1500:]}")

    empty = os.path.join(TMP, "no-plugins")
    os.makedirs(empty)
    rc, out = same_output("--parts", "golden", "--new-plugins", empty, VERSUS, VERSUS)
    ok(rc == 2 and "no plugin in" in out, "a build without plugins: exit 2, not a verdict",
       f"exit {rc}\n{out[-800:]}")

    rc, out = same_output("--parts", "golden", os.path.join(TMP, "no-such-versus"), VERSUS)
    ok(rc == 2 and "not an executable file" in out, "a binary that does not exist: exit 2",
       f"exit {rc}\n{out[-800:]}")
finally:
    shutil.rmtree(TMP, ignore_errors=True)
finish()
