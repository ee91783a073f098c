#!/usr/bin/env python3
"""The C validator (`versus check`) and the JSON Schema (data/schema/model.schema.json) agree:
every record the schema rejects, versus rejects; every record versus rejects, the schema
rejects too, unless it is a problem a schema cannot see (JSON that does not parse, duplicate
keys, an id that differs from the file name, a number out of double range).
Usage: schema_agree.py VERSUS SOURCE_ROOT.  Exit 77 (skipped) without python3-jsonschema."""
import glob, json, os, subprocess, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import strictjson  # noqa: E402 (tests/strictjson.py)

jsonschema = strictjson.import_jsonschema()

versus, src = sys.argv[1], sys.argv[2]
schema = json.load(open(os.path.join(src, "data/schema/model.schema.json")))
validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


def strict_load(path):
    with open(path, "rb") as f:
        raw = f.read()
    text = raw.decode("utf-8")  # may raise
    if text.startswith("\ufeff") or "\x00" in text:
        raise ValueError("BOM or NUL")
    def finite(x):
        f = float(x)
        if f in (float("inf"), float("-inf")):
            raise ValueError("number out of range")
        return f

    def int64(x):
        i = int(x)
        if not -2**63 <= i < 2**63:
            raise ValueError("integer out of range")
        return i
    # Out-of-range numbers are parse errors in jansson; a schema cannot see them.
    return strictjson.loads(text, parse_float=finite, parse_int=int64)


def versus_errors(data_dir):
    p = subprocess.run([versus, "--data", data_dir, "check"], capture_output=True, text=True)
    return p.returncode != 0, p.stderr


cases = sorted(glob.glob(os.path.join(src, "tests/fixtures/bad/*/")))
cases += [os.path.join(src, "tests/fixtures/edge/"), os.path.join(src, "data/")]
passed = failed = 0
for case in cases:
    for path in sorted(glob.glob(os.path.join(case, "models/*.json"))):
        name = os.path.relpath(path, src)
        try:
            record = strict_load(path)
        except (ValueError, UnicodeDecodeError):
            record = None  # parse-level: the schema cannot see it
        schema_ok = record is not None and not list(validator.iter_errors(record))
        file_id = os.path.basename(path)[:-5]
        blind = record is None or (isinstance(record, dict) and record.get("id") != file_id)
        tmp = case if len(glob.glob(os.path.join(case, "models/*.json"))) == 1 else None
        if tmp is None:
            # a catalog: check the whole catalog once, it must be clean
            continue
        c_error, stderr = versus_errors(case)
        if record is not None and not schema_ok and not c_error:
            print(f"not ok - {name}: the schema rejects it, versus accepts it")
            failed += 1
        elif c_error and schema_ok and not blind:
            print(f"not ok - {name}: versus rejects it, the schema accepts it:\n  {stderr.strip()}")
            failed += 1
        else:
            passed += 1
for catalog in ("tests/fixtures/edge", "tests/fixtures/golden", "data"):
    c_error, stderr = versus_errors(os.path.join(src, catalog))
    bad = [p for p in glob.glob(os.path.join(src, catalog, "models/*.json"))
           if list(validator.iter_errors(strict_load(p)))]
    if c_error or bad:
        print(f"not ok - {catalog}: versus error={c_error} schema rejects={bad}\n{stderr}")
        failed += 1
    else:
        passed += 1
print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
