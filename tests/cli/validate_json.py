#!/usr/bin/env python3
"""validate_json.py SCHEMA FILE...: each FILE is one JSON document (duplicate keys, NaN and
Infinity refused) valid against the JSON Schema SCHEMA (Draft 2020-12, checked itself first).
Prints one line per problem; exit 1 on any, 77 (skipped) without python3-jsonschema."""
import json
import os
import sys

try:
    import jsonschema
except ImportError:
    # Debian's python3-jsonschema belongs to /usr/bin/python3, which may not be first on PATH.
    if os.path.exists("/usr/bin/python3") and os.path.realpath(sys.executable) != os.path.realpath("/usr/bin/python3"):
        os.execv("/usr/bin/python3", ["/usr/bin/python3"] + sys.argv)
    print("python3-jsonschema is not installed: skipped")
    sys.exit(77)


def strict_pairs(pairs):
    keys = [k for k, _ in pairs]
    if len(keys) != len(set(keys)):
        raise ValueError(f"duplicate key in {keys}")
    return dict(pairs)


def no_constant(name):
    raise ValueError(f"{name} is not JSON")


with open(sys.argv[1], encoding="utf-8") as f:
    schema = json.load(f)
jsonschema.Draft202012Validator.check_schema(schema)
validator = jsonschema.Draft202012Validator(schema)
bad = 0
for path in sys.argv[2:]:
    try:
        with open(path, encoding="utf-8") as f:
            doc = json.load(f, object_pairs_hook=strict_pairs, parse_constant=no_constant)
    except (OSError, ValueError) as e:
        print(f"{path}: {e}")
        bad += 1
        continue
    for err in validator.iter_errors(doc):
        print(f"{path}: {'/'.join(map(str, err.absolute_path))}: {err.message}")
        bad += 1
sys.exit(1 if bad else 0)
