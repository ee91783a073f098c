#!/usr/bin/env python3
"""validate_json.py SCHEMA FILE...: each FILE is one JSON document (duplicate keys, NaN and
Infinity refused) valid against the JSON Schema SCHEMA (Draft 2020-12, checked itself first).
Prints one line per problem; exit 1 on any, 77 (skipped) without python3-jsonschema."""
import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import strictjson  # noqa: E402 (tests/strictjson.py)

jsonschema = strictjson.import_jsonschema()


with open(sys.argv[1], encoding="utf-8") as f:
    schema = json.load(f)
jsonschema.Draft202012Validator.check_schema(schema)
validator = jsonschema.Draft202012Validator(schema)
bad = 0
for path in sys.argv[2:]:
    try:
        with open(path, encoding="utf-8") as f:
            doc = strictjson.loads(f.read())
    except (OSError, ValueError) as e:
        print(f"{path}: {e}")
        bad += 1
        continue
    for err in validator.iter_errors(doc):
        print(f"{path}: {'/'.join(map(str, err.absolute_path))}: {err.message}")
        bad += 1
sys.exit(1 if bad else 0)
