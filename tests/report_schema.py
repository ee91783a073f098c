#!/usr/bin/env python3
"""Every JSON report the tests produce validates against docs/report.schema.json (Draft
2020-12): the JSON golden files, `versus --data DIR compare A B -f json` for every ordered pair
of the shipped catalog and of the edge fixture catalog, the same for every unordered pair at a
heavy traffic profile, and a report carrying rule diagnostics (a temporary --rules directory
with failing rules).  Beyond the schema, each report must name the two models asked for, in
order, and carry the traffic profile it was made at.

Usage: report_schema.py VERSUS SOURCE_ROOT.  Prints "N passed, N failed"; exit 1 on a failure,
77 (skipped) without python3-jsonschema."""
import glob
import json
import os
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import strictjson  # noqa: E402 (tests/strictjson.py)

jsonschema = strictjson.import_jsonschema()

if len(sys.argv) != 3:
    print("usage: report_schema.py VERSUS SOURCE_ROOT", file=sys.stderr)
    sys.exit(2)
versus, src = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])

with open(os.path.join(src, "docs", "report.schema.json"), encoding="utf-8") as f:
    schema = json.load(f)
jsonschema.Draft202012Validator.check_schema(schema)
validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())

# The environment the golden tests use: nothing from the user's configuration.
env = dict(os.environ)
for k in ("NO_COLOR", "VERSUS_DATA", "VERSUS_RULES", "VERSUS_PLUGINS"):
    env.pop(k, None)
env.update(HOME="/nonexistent", XDG_CONFIG_HOME="", COLUMNS="80", LC_ALL="C")

HEAVY = ["--requests", "2500000", "--input-tokens", "150000", "--output-tokens", "1200",
         "--cached-share", "0.4", "--batch"]
DEFAULT_TRAFFIC = {"requests_per_month": 100000, "input_tokens": 2000, "output_tokens": 500,
                   "cached_share": 0, "batch": False, "providers": [], "cheapest": False}
HEAVY_TRAFFIC = {"requests_per_month": 2500000, "input_tokens": 150000, "output_tokens": 1200,
                 "cached_share": 0.4, "batch": True, "providers": [], "cheapest": False}

passed = failed = 0


def fail(name, why):
    global failed
    failed += 1
    print(f"FAIL {name}: {why}")


def check_report(name, text, ids=None, traffic=None, want_diagnostics=None):
    """Validate one report; ids/traffic/want_diagnostics are extra expectations."""
    global passed
    try:
        report = strictjson.loads(text)
    except ValueError as e:  # json.JSONDecodeError is a ValueError
        fail(name, f"not strict JSON: {e}")
        return None
    errors = sorted(validator.iter_errors(report), key=lambda e: list(e.absolute_path))
    if errors:
        for e in errors[:5]:
            path = "$" + "".join(f"[{p!r}]" if isinstance(p, int) else f".{p}" for p in e.absolute_path)
            fail(name, f"{path}: {e.message[:300]}")
        if len(errors) > 5:
            print(f"    ... and {len(errors) - 5} more schema errors")
        return None
    problems = []
    if ids is not None:
        got = [m.get("id") for m in report.get("models", [])]
        if got != list(ids):
            problems.append(f"models {got}, expected {list(ids)}")
        cost_ids = [m.get("id") for m in report.get("cost", {}).get("models", [])]
        if cost_ids != list(ids):
            problems.append(f"cost models {cost_ids}, expected {list(ids)}")
    if traffic is not None and report.get("traffic") != traffic:
        problems.append(f"traffic {report.get('traffic')}, expected {traffic}")
    if want_diagnostics is not None:
        rules = [d.get("rule") for d in report.get("diagnostics", [])]
        for rule in want_diagnostics:
            if rule not in rules:
                problems.append(f"no diagnostic for rule {rule!r} (diagnostics: {rules})")
    if problems:
        for p in problems:
            fail(name, p)
        return None
    passed += 1
    return report


def run_versus(args):
    return subprocess.run([versus] + args, cwd=src, env=env, capture_output=True, text=True,
                          timeout=120)


def compare_args(data_dir, a, b, extra=(), rules_dir=None):
    args = ["--data", data_dir]
    if rules_dir:
        args += ["--rules", rules_dir]
    return args + ["compare", a, b, "-f", "json"] + list(extra)


def run_or_timeout(args):
    try:
        return run_versus(args)
    except subprocess.TimeoutExpired:
        return None


def compare(name, data_dir, a, b, extra=(), traffic=DEFAULT_TRAFFIC, rules_dir=None,
            want_diagnostics=None, done=None):
    """done: the finished run when the caller ran it already (see the pool below)."""
    p = done if done is not None else run_or_timeout(compare_args(data_dir, a, b, extra, rules_dir))
    if p is None:
        fail(name, "timed out")
        return None
    if p.returncode != 0:
        fail(name, f"exit {p.returncode}: {p.stderr.strip()[:500]}")
        return None
    return check_report(name, p.stdout, ids=(a, b), traffic=traffic,
                        want_diagnostics=want_diagnostics)


def catalog_ids(data_dir):
    ids = sorted(os.path.basename(p)[:-len(".json")]
                 for p in glob.glob(os.path.join(data_dir, "models", "*.json")))
    # The sanitizer builds check a seeded sample (VERSUS_TEST_SAMPLE=N); the normal build all.
    n = int(os.environ.get("VERSUS_TEST_SAMPLE", "0") or 0)
    if 0 < n < len(ids):
        import random
        ids = sorted(random.Random(20261201).sample(ids, n))
    return ids


# 1. The golden files that are JSON.
goldens = 0
for expected in sorted(glob.glob(os.path.join(src, "tests", "golden", "*", "expected"))):
    with open(expected, encoding="utf-8") as f:
        text = f.read()
    if not text.lstrip().startswith("{"):
        continue
    with open(os.path.join(os.path.dirname(expected), "args"), encoding="utf-8") as f:
        if " diff " in " " + f.read():
            continue  # a `versus diff` document: tests/diff checks it against diff.schema.json
    goldens += 1
    check_report(os.path.relpath(expected, src), text)
if goldens == 0:
    fail("golden", "no JSON golden file found")

# 2. Every ordered pair of each catalog at the default traffic, every unordered pair at the
# heavy profile.
for catalog in ("data", os.path.join("tests", "fixtures", "edge")):
    data_dir = os.path.join(src, catalog)
    ids = catalog_ids(data_dir)
    if len(ids) < 2:
        fail(catalog, f"fewer than two models in {data_dir}")
        continue
    jobs = [(f"{catalog}: {a} vs {b}", a, b, (), DEFAULT_TRAFFIC)
            for a in ids for b in ids if a != b]
    jobs += [(f"{catalog}: {a} vs {b} (heavy)", a, b, HEAVY, HEAVY_TRAFFIC)
             for i, a in enumerate(ids) for b in ids[i + 1:]]
    # Each run is a process: run several at once (a catalog of 60 models is 5,000 reports),
    # then check them in order so the output reads the same.
    with ThreadPoolExecutor(2 * (os.cpu_count() or 1)) as pool:
        runs = pool.map(lambda j: run_or_timeout(compare_args(data_dir, j[1], j[2], j[3])), jobs)
        for (name, a, b, extra, traffic), p in zip(jobs, runs):
            compare(name, data_dir, a, b, extra, traffic, done=p)

# 3. Rule diagnostics in the report: a rule that raises, one that loops, one that returns a
# malformed item, one whose error object is a table; the rest of the report still made.
tmp = tempfile.mkdtemp(prefix="versus-report-schema-")
try:
    with open(os.path.join(tmp, "zz-failing.lua"), "w", encoding="utf-8") as f:
        f.write('rule{ key = "schema.raises", section = "deep_dive", fn = function(p)\n'
                '  local x = nil\n'
                '  return { text = x.field }\n'
                'end }\n'
                'rule{ key = "schema.loops", section = "tradeoffs", fn = function(p)\n'
                '  while true do end\n'
                'end }\n'
                'rule{ key = "schema.malformed", section = "faq", fn = function(p)\n'
                '  return { text = "x", cells = { "a" } }\n'
                'end }\n'
                'rule{ key = "schema.table_error", section = "summary", fn = function(p)\n'
                '  error({ code = 42 })\n'
                'end }\n'
                'rule{ key = "schema.fine", section = "deep_dive", fn = function(p)\n'
                '  return { text = "still here \\u{2014} \\"quoted\\" <b>&amp;</b>" }\n'
                'end }\n')
    data_dir = os.path.join(src, "data")
    ids = catalog_ids(data_dir)
    want = ["schema.raises", "schema.loops", "schema.malformed", "schema.table_error"]
    for a, b in [(ids[0], ids[1]), (ids[-1], ids[0])]:
        report = compare(f"rule diagnostics: {a} vs {b}", data_dir, a, b, rules_dir=tmp,
                         want_diagnostics=want)
        if report is not None:
            texts = [it.get("text") for s in report["sections"] for it in s.get("items", [])]
            if not any(t and t.startswith("still here") for t in texts):
                fail(f"rule diagnostics: {a} vs {b}", "the working rule's item is missing")
            for d in report["diagnostics"]:
                if "0x" in d.get("message", ""):
                    fail(f"rule diagnostics: {a} vs {b}", f"an address in {d}")
    # The same in the edge catalog, at the heavy profile.
    edge = os.path.join(src, "tests", "fixtures", "edge")
    eids = catalog_ids(edge)
    compare(f"rule diagnostics: {eids[0]} vs {eids[1]} (edge, heavy)", edge, eids[0], eids[1],
            HEAVY, HEAVY_TRAFFIC, rules_dir=tmp, want_diagnostics=want)
finally:
    shutil.rmtree(tmp, ignore_errors=True)

print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
