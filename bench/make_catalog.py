#!/usr/bin/env python3
"""Make a large catalog for benchmarks: N records made from the shipped ones with new ids.
Usage: make_catalog.py SOURCE_DATA_DIR OUT_DIR N"""
import json, os, sys

src, out, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
base = [json.load(open(os.path.join(src, "models", f)))
        for f in sorted(os.listdir(os.path.join(src, "models"))) if f.endswith(".json")]
os.makedirs(os.path.join(out, "models"), exist_ok=True)
for i in range(n):
    r = dict(base[i % len(base)])
    r["id"] = f"{r['id']}-c{i:05d}"
    r["name"] = f"{r['name']} #{i}"
    with open(os.path.join(out, "models", r["id"] + ".json"), "w") as f:
        json.dump(r, f, indent=2)
print(f"{n} records in {out}/models")
