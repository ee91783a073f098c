#!/usr/bin/python3
"""`versus diff OLD NEW` (issue 15), suite 'diff': the two small catalogs of tests/diff (new/
differs from old/ by gpt-4o's price, Claude Sonnet 4's tier on the Anthropic route and
Gemini 2.5 Pro's OpenRouter route; tests/golden/diff-* hold the outputs read line by line):
exit codes, the JSON against docs/diff.schema.json, selections, and the time on a big catalog.
    diff_test.py VERSUS SOURCE_ROOT"""
import json, os, shutil, subprocess, sys, tempfile, time

VERSUS, SRC = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
OLD, NEW = os.path.join(SRC, "tests", "diff", "old"), os.path.join(SRC, "tests", "diff", "new")
sys.path.insert(0, os.path.join(SRC, "tests"))
from tap import ok, finish  # noqa: E402
import strictjson  # noqa: E402
jsonschema = strictjson.import_jsonschema()
ENV = {k: v for k, v in os.environ.items() if not k.startswith("VERSUS_")}


def versus(*args):
    p = subprocess.run([VERSUS, *args], env=ENV, capture_output=True, text=True)
    return p.returncode, p.stdout, p.stderr


rc, out, err = versus("diff", OLD, OLD, "--exit-code")
ok(rc == 0 and "0 models changed" in out, "the same catalog twice: nothing changed, exit 0",
   out + err)
rc, out, err = versus("diff", OLD, NEW)
ok(rc == 0, "a changed catalog: exit 0 without --exit-code", err)
rc, out, err = versus("diff", OLD, NEW, "--exit-code")
ok(rc == 1, "and 1 with --exit-code, as git diff", err)

rc, out, err = versus("diff", OLD, NEW, "-f", "json")
doc = json.loads(out)
with open(os.path.join(SRC, "docs", "diff.schema.json"), encoding="utf-8") as f:
    schema = json.load(f)
if jsonschema:
    errors = [e.message for e in jsonschema.Draft202012Validator(schema).iter_errors(doc)]
    ok(not errors, "-f json follows docs/diff.schema.json", errors[:5])
fields = {(m["id"], f["field"], f["route"]) for m in doc["models"] for f in m["fields"]}
ok(fields == {("gpt-4o", "input_per_mtok", "OpenAI API"), ("gpt-4o", "output_per_mtok", "OpenAI API"),
              ("claude-sonnet-4", "tiers", "Anthropic API"), ("gemini-2.5-pro", "route", "OpenRouter")},
   "the changed fields: a price, a tier, a removed route", sorted(map(str, fields)))
ok([(p["a"], p["b"], p["cheaper_flipped"]) for p in doc["pairs"]] ==
   [("gemini-2.5-pro", "gpt-4o", True)], "the pair whose cheaper model flipped", doc["pairs"])
rc, out, _ = versus("diff", OLD, NEW, "-f", "json", "--all")
ok(len(json.loads(out)["pairs"]) == 3, "--all: every pair with gpt-4o, whose cost changed")
rc, out, _ = versus("diff", OLD, NEW, "-f", "json", "--input-tokens", "250000")
d = {m["id"]: m for m in json.loads(out)["models"]}
ok(d["claude-sonnet-4"]["monthly_usd"]["old"] != d["claude-sonnet-4"]["monthly_usd"]["new"],
   "past 200k input tokens the tier's removal changes Claude Sonnet 4's monthly cost")

rc, _, err = versus("diff", OLD, NEW, "--pair", "gpt-4o")
ok(rc == 2, "--pair with one model is a usage error", err)
rc, _, err = versus("diff", OLD, NEW, "-f", "html")
ok(rc == 2, "-f html is a usage error for diff", err)
rc, _, err = versus("diff", OLD, NEW, "--pair", "gpt-4o", "nosuchmodel")
ok(rc == 3 and "nosuchmodel" in err, "an unknown model: exit 3", err)
rc, _, err = versus("diff", os.path.join(SRC, "no-such-dir"), NEW)
ok(rc == 3, "an OLD directory without models/: exit 3", err)

# Reasons to choose (report.md): a change no price shows still changes a decision.
tmp = tempfile.mkdtemp(prefix="versus-diff-reasons-")
try:
    edited = os.path.join(tmp, "edited")
    shutil.copytree(OLD, edited)
    path = os.path.join(edited, "models", "gpt-4o-mini.json")
    with open(path, encoding="utf-8") as f:
        rec = json.load(f)
    rec["openness"] = "open-weights"          # open_license against every proprietary model
    rec["benchmarks"][0]["score"] = 90.7      # MMLU: 2 points above gpt-4o's 88.7, material
    with open(path, "w", encoding="utf-8") as f:
        json.dump(rec, f, indent=2)
    rc, out, err = versus("diff", OLD, edited, "-f", "json", "--exit-code")
    doc = json.loads(out)
    ok(rc == 1 and [(m["id"], [f["field"] for f in m["fields"]]) for m in doc["models"]] ==
       [("gpt-4o-mini", ["openness", "benchmarks"])],
       "a change of openness and a benchmark score is a change of the model", doc["models"])
    pairs = {(p["a"], p["b"]): p for p in doc["pairs"]}
    ok(sorted(pairs) == [("claude-sonnet-4", "gpt-4o-mini"), ("gemini-2.5-pro", "gpt-4o-mini"),
                         ("gpt-4o-mini", "gpt-4o")] and all(p["reasons_changed"] for p in pairs.values()),
       "the pairs whose reasons to choose changed are listed, though no cost moved", sorted(pairs))
    g = pairs.get(("gpt-4o-mini", "gpt-4o"), {}).get("reasons", {})
    ok(g == {"old": {"a": ["cheaper_at_traffic"], "b": ["benchmarks"]},
             "new": {"a": ["cheaper_at_traffic", "open_license"], "b": []}},
       "gpt-4o loses its benchmark lead (1 of 2 leads each), gpt-4o-mini gains open_license", g)
    rc, out, _ = versus("diff", OLD, edited)
    ok("open license" in out and "(changed)" in out, "md says the reasons before and after", out)
    # The C reasons agree with the rules' verdict (model.reasons, decision tags aside: report.md
    # says a tag is never a reason) on every pair of both catalogs.
    disagree = []
    for cat in (OLD, NEW, edited):
        ids = sorted(f[:-5] for f in os.listdir(os.path.join(cat, "models")))
        for i, a in enumerate(ids):
            for b in ids[i + 1:]:
                _, out, _ = versus("--data", cat, "compare", a, b, "-f", "json")
                rep = json.loads(out)
                lua = {}
                for sec in rep["sections"]:
                    for it in sec.get("items", []):
                        if it.get("key") == "choose":
                            lua[it["about"][0]] = [v for v in it.get("values", [])
                                                   if v != "decision_tags"]
                _, out, _ = versus("diff", cat, cat, "--pair", a, b, "-f", "json")
                p = json.loads(out)["pairs"][0]
                c = {p["a"]: p["reasons"]["new"]["a"], p["b"]: p["reasons"]["new"]["b"]}
                if any(lua.get(k, []) != c[k] for k in c):
                    disagree.append((os.path.basename(cat), a, b, lua, c))
    ok(not disagree, "diff's reasons are the report's verdict reasons on every pair", disagree)

    # cheaper_at_traffic weighs X's high figure (report.md, Reasons to choose): X's creator
    # lists no tier while two other routes charge one at 2,000 input tokens.  $250 against
    # $500 is a reason; with the tiers, X's tier_unlisted figure ($2,500) is not 0.90 x $500.
    def catalog(name, tiered, y_type=None, y_window=128000):
        tier = [{"above_input_tokens": 1000, "input_per_mtok": 10, "output_per_mtok": 10}]
        x = {"id": "x", "name": "X", "context_window": 128000, "routes": [
            {"provider": "X API", "first_party": True,
             "pricing": {"input_per_mtok": 1, "output_per_mtok": 1}}] + [
            {"provider": f"R{k}", "pricing": dict({"input_per_mtok": 1, "output_per_mtok": 1},
                                                  **({"tiers": tier} if tiered else {}))}
            for k in (1, 2)]}
        y = {"id": "y", "name": "Y", "context_window": y_window, "routes": [
            {"provider": p, "pricing": {"input_per_mtok": 2, "output_per_mtok": 2}}
            for p in ("Y API", "R1")]}  # two providers: no more_providers for X's three
        if y_type:
            y["product_type"] = y_type
        os.makedirs(os.path.join(tmp, name, "models"))
        for rec in (x, y):
            with open(os.path.join(tmp, name, "models", rec["id"] + ".json"), "w") as f:
                json.dump(rec, f)
        return os.path.join(tmp, name)
    plain, tiered = catalog("plain", False), catalog("tiered", True)
    rc, out, err = versus("diff", plain, tiered, "-f", "json")
    p = json.loads(out)["pairs"] if rc == 0 else []
    ok([(q["a"], q["b"], q["reasons_changed"], q["reasons"]) for q in p] ==
       [("x", "y", True, {"old": {"a": ["cheaper_at_traffic"], "b": []},
                          "new": {"a": [], "b": []}})],
       "a tier the cost route does not list takes cheaper_at_traffic away (tier_unlisted)",
       out + err)
    rc, out, err = versus("diff", tiered, plain, "-f", "json")
    p = json.loads(out)["pairs"] if rc == 0 else []
    ok([(q["a"], q["b"], q["reasons"]) for q in p] ==
       [("x", "y", {"old": {"a": [], "b": []}, "new": {"a": ["cheaper_at_traffic"], "b": []}})],
       "and the tier's removal gives it back", out + err)
    # Models of different kinds: no cost reason either way (report.md, Kinds).
    embed = catalog("embed", False, "Embedding model")
    rc, out, err = versus("diff", plain, embed, "-f", "json")
    p = json.loads(out)["pairs"] if rc == 0 else []
    ok([(q["a"], q["b"], q["reasons"]) for q in p] ==
       [("x", "y", {"old": {"a": ["cheaper_at_traffic"], "b": []}, "new": {"a": [], "b": []}})],
       "a chat model against an embedding model: no cheaper_at_traffic", out + err)
    # Y's window of 1,000 cannot hold 2,000 + 500 tokens: fits_traffic for X, unless the two
    # are of different kinds (larger_context holds either way).
    small, small_embed = (catalog("small", False, None, 1000),
                          catalog("small-embed", False, "Embedding model", 1000))
    rc, out, err = versus("diff", small, small_embed, "-f", "json")
    p = json.loads(out)["pairs"] if rc == 0 else []
    ok([(q["a"], q["b"], q["reasons"]) for q in p] ==
       [("x", "y", {"old": {"a": ["fits_traffic", "larger_context"], "b": []},
                    "new": {"a": ["larger_context"], "b": []}})],
       "fits_traffic only between models of one kind", out + err)
finally:
    shutil.rmtree(tmp, ignore_errors=True)

# Seconds, not minutes: a catalog of 300 models (44,850 pairs) against a copy with every price changed.
# Ids whose file names sort apart from the ids (claude-opus-4.1.json before claude-opus-4.json,
# the ids the other way round): one record added is one model changed, never a model that is
# in both catalogs reported as removed and added (a merge that read file-name order as id order).
order = tempfile.mkdtemp(prefix="versus-diff-order-")
try:
    for side in ("old", "new"):
        os.makedirs(os.path.join(order, side, "models"))
        ids = ["claude-opus-4", "claude-opus-4.1"] + (["claude-opus-4.6"] if side == "new" else [])
        for rid in ids:
            with open(os.path.join(order, side, "models", rid + ".json"), "w") as f:
                json.dump({"id": rid, "name": rid, "routes": [{"provider": "P", "pricing": {
                    "input_per_mtok": 1, "output_per_mtok": 2}}]}, f)
    rc, out, err = versus("diff", os.path.join(order, "old"), os.path.join(order, "new"),
                          "-f", "json")
    changed = [m["id"] for m in json.loads(out)["models"]] if rc == 0 else []
    ok(changed == ["claude-opus-4.6"], "ids out of file-name order: one model added, nothing else "
       f"changed ({changed})", err)
finally:
    shutil.rmtree(order, ignore_errors=True)

big = tempfile.mkdtemp(prefix="versus-diff-")
try:
    for side, factor in (("old", 1.0), ("new", 1.1)):
        os.makedirs(os.path.join(big, side, "models"))
        for i in range(300):
            rec = {"id": f"m{i:03d}", "name": f"M{i:03d}", "context_window": 128000,
                   "routes": [{"provider": f"P{k}", "pricing": {
                       "input_per_mtok": round((1 + (i * 7 + k) % 50) * factor, 4),
                       "output_per_mtok": round((4 + (i * 3 + k) % 60) * factor, 4)}}
                       for k in range(3)]}
            with open(os.path.join(big, side, "models", rec["id"] + ".json"), "w") as f:
                json.dump(rec, f)
    t0 = time.monotonic()
    rc, out, err = versus("diff", os.path.join(big, "old"), os.path.join(big, "new"), "--all",
                          "-f", "json")
    took = time.monotonic() - t0
    ok(rc == 0 and len(json.loads(out)["pairs"]) == 300 * 299 // 2 and took < 20,
       f"300 models, every pair: {took:.2f} s", err[-300:])
finally:
    shutil.rmtree(big, ignore_errors=True)
finish()
