#!/usr/bin/python3
"""Tests of `versus import` (issue 8), run by meson in suite 'import'.

    import_test.py VERSUS SOURCE_ROOT cases      the tricky cases, on the real entries of
                                                 tests/import/fixtures (make_fixtures.py)
    import_test.py VERSUS SOURCE_ROOT snapshot   both real snapshots into an empty directory:
                                                 `check` clean, every entry accounted for, a
                                                 second run changes no byte (data/snapshots:
                                                 the dated copies the repository carries)
    import_test.py VERSUS SOURCE_ROOT spec       spec_check.py on a seeded sample of 40 imported
                                                 models (the snapshots)

Each check prints "ok N - what" or "not ok N - what"; the exit status is 1 when any failed.
Standard library only; runs under /usr/bin/python3."""
import json, os, random, re, shutil, subprocess, sys, tempfile

VERSUS, SRC, MODE = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2]), sys.argv[3]
FIX = os.path.join(SRC, "tests", "import", "fixtures")
OR_FIX, LL_FIX = os.path.join(FIX, "openrouter.json"), os.path.join(FIX, "litellm.json")
SNAPSHOTS = os.path.join(SRC, "data", "snapshots")
OR_SNAP = os.path.join(SNAPSHOTS, "openrouter-models-2026-07-02.json")
LL_SNAP = os.path.join(SNAPSHOTS, "litellm-model-prices-2025-09-05.json")
SPEC_CHECK = os.path.join(SRC, "tests", "spec", "spec_check.py")
SEED = 20260702  # the OpenRouter snapshot's date: the sample is the same on every machine
TMP = tempfile.mkdtemp(prefix="versus-import-")
ENV = dict(os.environ)
for k in ("VERSUS_DATA", "VERSUS_RULES", "VERSUS_PLUGINS", "NO_COLOR"):
    ENV.pop(k, None)

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from tap import ok, finish  # noqa: E402 (tests/tap.py)


def versus(*args):
    p = subprocess.run([VERSUS, "--data", os.path.join(SRC, "data"), *args], env=ENV,
                       capture_output=True, text=True)
    return p.returncode, p.stdout, p.stderr


def imp(fmt, path, out, *flags):
    return versus("import", fmt, path, "-o", out, *flags)


def record(d, rid):
    with open(os.path.join(d, "models", rid + ".json"), encoding="utf-8") as f:
        return json.load(f)


def text(d, rid):
    with open(os.path.join(d, "models", rid + ".json"), encoding="utf-8") as f:
        return f.read()


def snapshot(d):
    """Every file under d with its bytes."""
    out = {}
    for root, _, files in os.walk(d):
        for f in files:
            p = os.path.join(root, f)
            with open(p, "rb") as fh:
                out[os.path.relpath(p, d)] = fh.read()
    return out


def route(rec, provider, region=None):
    for r in rec.get("routes", []):
        if r["provider"] == provider and r.get("region") == region:
            return r
    return None


def entries(path, fmt):
    with open(path, encoding="utf-8") as f:
        d = json.load(f)
    return len(d["data"]) if fmt == "openrouter" else len(d)


def accounting(err):
    m = re.search(r"(\d+) \+ (\d+) \+ (\d+) = (\d+) entries", err)
    return tuple(int(x) for x in m.groups()) if m else None


def check_clean(d, what):
    p = subprocess.run([VERSUS, "--data", d, "check"], env=ENV, capture_output=True, text=True)
    ok(p.returncode == 0 and " 0 errors, 0 warnings" in p.stdout and not p.stderr.strip(),
       f"{what}: versus check finds no error and no warning", p.stdout + p.stderr)


def import_both(d, or_path, ll_path, *flags):
    """OpenRouter first, then LiteLLM; returns the two (rc, stdout, stderr)."""
    return imp("openrouter", or_path, d, *flags), imp("litellm", ll_path, d, *flags)


def cases():
    d = os.path.join(TMP, "fx")
    (rc1, _, err1), (rc2, _, err2) = import_both(d, OR_FIX, LL_FIX, "--verbose")
    ok(rc1 == 0 and rc2 == 0, "both fixtures import (exit 0)", err1 + err2)
    for err, path, fmt in ((err1, OR_FIX, "openrouter"), (err2, LL_FIX, "litellm")):
        acc = accounting(err)
        total = entries(path, fmt)
        ok(acc is not None and acc[0] + acc[1] + acc[2] == acc[3] == total,
           f"{fmt}: models + merged + skipped = its {total} entries", err[-600:])
    check_clean(d, "fixture import")

    # A merge across providers: LiteLLM's gpt-4o, openai/gpt-4o, azure/gpt-4o,
    # openrouter/openai/gpt-4o and vercel_ai_gateway/openai/gpt-4o, OpenRouter's openai/gpt-4o.
    g = record(d, "gpt-4o")
    provs = [r["provider"] for r in g["routes"]]
    ok(provs == ["OpenAI API", "Azure OpenAI", "OpenRouter", "Vercel AI Gateway"],
       "gpt-4o: one record, a route per provider, first party first", provs)
    orr = route(g, "OpenRouter")
    ok(orr and orr.get("source") == "https://openrouter.ai/openai/gpt-4o",
       "gpt-4o: the OpenRouter route comes from OpenRouter's own list, not LiteLLM's copy", orr)
    ok("merged: litellm.json: azure/gpt-4o into gpt-4o" in err2, "--verbose names each merge",
       err2[:400])
    ok(not [f for f in os.listdir(os.path.join(d, "models")) if f.startswith("openai")],
       "no record is named after a provider prefix")

    # Variants and dated snapshots never merge into the base model.
    for rid in ("gpt-4o-2024-08-06", "gpt-4o-mini", "qwen-plus-2025-07-28-thinking",
                "llama-3.3-70b-instruct-turbo"):
        ok(os.path.exists(os.path.join(d, "models", rid + ".json")), f"{rid} is a record of its own")
    models_of_gpt4o = {r.get("model") for r in g["routes"]}
    ok(models_of_gpt4o == {"gpt-4o", "openai/gpt-4o"}, "gpt-4o holds no snapshot's or variant's "
       "route", models_of_gpt4o)
    ok(route(record(d, "llama-3.3-70b-instruct"), "Together AI") is None,
       "Together's Llama-3.3-70B-Instruct-Turbo stays out of Llama 3.3 70B Instruct")
    ok("skipped: litellm.json: chatgpt-4o-latest: moving alias" in err2,
       "a -latest alias is skipped with its reason")

    # Unknown prices: OpenRouter's -1 (openrouter/auto), "0" (owl-alpha), LiteLLM's 0.0
    # (vertex_ai/meta/llama3-405b-instruct-maas): never a free route.
    ok(route(record(d, "auto"), "OpenRouter")["pricing"] is None, "-1 (varies) is an unknown price")
    ok(route(record(d, "owl-alpha"), "OpenRouter")["pricing"] is None, "\"0\" is an unknown price")
    v = route(record(d, "llama-3.1-405b-instruct"), "Google Vertex AI")
    ok(v is not None and v["pricing"] is None, "LiteLLM's 0.0 on a paid model is unknown", v)
    p = subprocess.run([VERSUS, "--data", d, "compare", "auto", "gpt-4o", "-f", "json"], env=ENV,
                       capture_output=True, text=True)
    ok("no_complete_price" in p.stdout and '"monthly_usd": 0' not in p.stdout,
       "a model priced -1 costs nothing known, not $0", p.stdout[:300] + p.stderr[:300])
    zero = [(f, r["provider"]) for f in os.listdir(os.path.join(d, "models"))
            for r in record(d, f[:-5]).get("routes", [])
            if r.get("pricing") and any(r["pricing"].get(k) == 0 for k in
                                         ("input_per_mtok", "output_per_mtok",
                                          "cached_input_per_mtok"))]
    ok(not zero, "no route anywhere has a price of 0", zero)

    # :free entries are skipped; the paid twin keeps its price.
    ok("skipped: openrouter.json: meta-llama/llama-3.3-70b-instruct:free: free tier" in err1,
       ":free is skipped with its reason", err1[:300])
    lp = route(record(d, "llama-3.3-70b-instruct"), "OpenRouter")["pricing"]
    ok(lp and lp["input_per_mtok"] > 0 and lp["output_per_mtok"] > 0,
       "the paid Llama 3.3 70B route keeps its price", lp)
    ok(route(record(d, "llama-3.3-70b-instruct"), "Together AI") is None,
       "Together's -Free entry is skipped too")

    # Long-context tiers: above 128k (Gemini 1.5 Pro) and 200k (Gemini 2.5 Pro) input tokens.
    t15 = route(record(d, "gemini-1.5-pro"), "Google AI Studio")["pricing"]
    ok(t15.get("tiers") == [{"above_input_tokens": 128000, "input_per_mtok": 7,
                             "output_per_mtok": 21}], "gemini-1.5-pro: the tier above 128000", t15)
    t25 = route(record(d, "gemini-2.5-pro"), "Google AI Studio")["pricing"]
    ok(t25.get("tiers") == [{"above_input_tokens": 200000, "input_per_mtok": 2.5,
                             "output_per_mtok": 15}], "gemini-2.5-pro: the tier above 200000", t25)

    # Batch prices: half of gpt-4o's standard ones is batch_discount 0.5.
    ok(route(g, "OpenAI API")["pricing"].get("batch_discount") == 0.5, "gpt-4o: batch_discount 0.5")

    # Float-exact conversion, in the file's own text.
    ok('"input_per_mtok": 0.1,' in text(d, "gpt-4.1-nano"),
       "1e-07 per token is written 0.1 (not 0.09999999999999999)")
    ok('"input_per_mtok": 3,' in text(d, "claude-3.7-sonnet"), "3e-06 per token is written 3")
    ok('"input_per_mtok": 0.05,' in text(d, "granite-4.1-8b"),
       "\"0.00000005\" is written 0.05 (not 0.049999999999999996)")
    ugly = [f for f in os.listdir(os.path.join(d, "models"))
            if re.search(r"\d\.\d*(9999999|0000001)\d", text(d, f[:-5]))]
    ok(not ugly, "no record carries a binary rounding artefact", ugly)

    # First party: the creator's own API, primary first.
    ok(route(g, "OpenAI API").get("first_party") is True and
       all("first_party" not in r for r in g["routes"][1:]), "gpt-4o: only OpenAI's API is first party")
    gem = record(d, "gemini-2.5-pro")
    ok([r["provider"] for r in gem["routes"][:2]] == ["Google AI Studio", "Google Vertex AI"] and
       all(r.get("first_party") for r in gem["routes"][:2]),
       "gemini-2.5-pro: the Gemini API first, Vertex AI second, both first party",
       [r["provider"] for r in gem["routes"]])
    son = record(d, "claude-sonnet-4")
    ok(son["routes"][0]["provider"] == "Anthropic API" and son["routes"][0].get("first_party"),
       "claude-sonnet-4: Anthropic's dated id joins the record, first party", son["routes"][0])
    ok(son.get("family") == "Claude Sonnet" and g.get("family") == "GPT-4o",
       "families from the model line")
    regions = sorted(str(r.get("region")) for r in son["routes"] if r["provider"] == "AWS Bedrock")
    ok(len(regions) >= 1 and len(regions) == len(set(regions)), "Bedrock routes, one per region",
       regions)

    # A context-window disagreement: OpenRouter's 8191 (input and output) against
    # LiteLLM's 8192 (max_input_tokens, input only): OpenRouter's wins, --verbose says so.
    ok(record(d, "gpt-4")["context_window"] == 8191, "gpt-4: OpenRouter's window wins")
    ok(re.search(r"gpt-4: context_window disagrees: 8191 from OpenRouter's models list "
                 r"\(context_length: input and output\), 8192 from LiteLLM", err2),
       "--verbose reports the disagreement with both counts and what they count")

    # Idempotence: a second run changes no byte.
    before = snapshot(d)
    (rc1, _, e1), (rc2, _, e2) = import_both(d, OR_FIX, LL_FIX)
    ok(rc1 == rc2 == 0 and snapshot(d) == before, "a second run changes no byte", e1 + e2)
    ok("0 added, 0 changed" in e1 and "0 added, 0 changed" in e2, "and says so", e2[-300:])

    # A hand edit is kept; what nobody edited still follows the source.
    path = os.path.join(d, "models", "gpt-4o.json")
    g = record(d, "gpt-4o")
    g["context_window"] = 999999
    g["decision_tags"] = ["Multimodal"]
    with open(path, "w", encoding="utf-8") as f:
        f.write(json.dumps(g, indent=2, ensure_ascii=False) + "\n")
    with open(LL_FIX, encoding="utf-8") as f:
        ll = json.load(f)
    ll["azure/gpt-4o"]["output_cost_per_token"] = 1.2e-05  # the source changed Azure's price
    changed = os.path.join(TMP, "litellm-changed.json")
    with open(changed, "w", encoding="utf-8") as f:
        json.dump(ll, f, indent=4)
    rc, _, err = imp("litellm", changed, d, "--verbose")
    g = record(d, "gpt-4o")
    ok(rc == 0 and g["context_window"] == 999999 and g.get("decision_tags") == ["Multimodal"],
       "a hand-edited field and a hand-added one are kept", err[-400:])
    ok("kept hand edit: gpt-4o: context_window" in err and "kept 1 hand edit" in err,
       "the summary counts the kept hand edit and --verbose names it", err[-400:])
    ok(route(g, "Azure OpenAI")["pricing"]["output_per_mtok"] == 12,
       "a field nobody edited takes the source's new value", route(g, "Azure OpenAI"))

    # --dry-run writes nothing, here and in a new directory.
    g["context_window"] = 777777
    with open(path, "w", encoding="utf-8") as f:
        f.write(json.dumps(g, indent=2, ensure_ascii=False) + "\n")
    before = snapshot(d)
    rc, _, err = imp("litellm", LL_FIX, d, "--dry-run", "--force")
    ok(rc == 0 and snapshot(d) == before and "dry run: nothing written" in err,
       "--dry-run --force changes no byte and says so", err[-300:])
    ok(", 1 changed," in err and "context_window 1" in err,
       "--dry-run still says what would change, field by field", err[-300:])
    fresh = os.path.join(TMP, "dry")
    rc, _, err = imp("openrouter", OR_FIX, fresh, "--dry-run")
    ok(rc == 0 and not os.path.exists(fresh) and "52 added" in err,
       "--dry-run into a new directory creates nothing but counts what it would add", err[-300:])

    # --force overwrites the hand edit (a field the importer never writes stays).
    rc, _, err = imp("litellm", changed, d, "--force")
    g = record(d, "gpt-4o")
    ok(rc == 0 and g["context_window"] == 128000 and g.get("decision_tags") == ["Multimodal"],
       "--force overwrites the edited field and keeps the analyst's own", err[-300:])

    # A record deleted by hand stays deleted, unless --force.
    os.unlink(os.path.join(d, "models", "gpt-4o-mini.json"))
    rc, _, err = imp("litellm", changed, d)
    ok(rc == 0 and not os.path.exists(os.path.join(d, "models", "gpt-4o-mini.json")) and
       "deleted by hand" in err, "a record deleted by hand is not re-created", err[-300:])
    rc, _, err = imp("litellm", changed, d, "--force")
    ok(os.path.exists(os.path.join(d, "models", "gpt-4o-mini.json")), "--force re-creates it")

    # Bad input: a clear error naming the file and place, and nothing written.
    with open(LL_FIX, "rb") as f:
        data = f.read()
    trunc = os.path.join(TMP, "truncated.json")
    with open(trunc, "wb") as f:
        f.write(data[: len(data) * 3 // 5])
    before = snapshot(d)
    rc, _, err = imp("litellm", trunc, d)
    ok(rc == 3 and snapshot(d) == before, "a truncated file: exit 3, nothing written", err)
    ok(re.search(re.escape(trunc) + r":\d+:\d+: ", err) and "Nothing was written" in err,
       "the error names the file, line and column", err)
    fresh = os.path.join(TMP, "trunc-fresh")
    rc, _, err = imp("litellm", trunc, fresh)
    ok(rc == 3 and not os.path.exists(fresh), "a truncated file creates no directory")
    bad = os.path.join(TMP, "bad.json")
    for content, fmt, want in (
            ("hello", "litellm", "not valid JSON"),
            ('{"data": {}}', "openrouter", "$.data"),
            ("[1, 2]", "litellm", "expected an object of LiteLLM model entries"),
            ('{"data": [{"id": "a/b", "pricing": {"prompt": "abc"}}]}', "openrouter",
             "$.data[0].pricing.prompt"),
            ('{"x": {"litellm_provider": "openai", "mode": "chat", "input_cost_per_token": []}}',
             "litellm", '$["x"].input_cost_per_token')):
        with open(bad, "w") as f:
            f.write(content)
        rc, _, err = imp(fmt, bad, d)
        ok(rc == 3 and want in err and bad in err and snapshot(d) == before,
           f"bad input {content[:30]!r}: exit 3, says {want!r}", err)
    # The whole first line, as the parsers word it: the file, the entry's JSON path (a later
    # entry too, by index or by key), what was expected and what came.
    for content, fmt, want in (
            ('{"data": [{"id": "a/b"}, {"id": "c/d", "top_provider": '
             '{"max_completion_tokens": "9"}}]}', "openrouter",
             "$.data[1].top_provider.max_completion_tokens: expected an integer token count, "
             "got a string"),
            ('{"data": [{"id": "a/b", "pricing": {"prompt": "0.1", "completion": "x1"}}]}',
             "openrouter", '$.data[0].pricing.completion: expected a decimal string (USD per '
             'token), got "x1"'),
            ('{"data": [7]}', "openrouter", "$.data[0]: expected an object (one model), got a number"),
            ('{"a": {"litellm_provider": "openai", "mode": "chat"}, "b/c": {"litellm_provider": '
             '"openai", "mode": "chat", "supports_vision": "yes"}}', "litellm",
             '$["b/c"].supports_vision: expected true or false, got a string'),
            ('{"x": {"litellm_provider": "openai", "mode": "chat", "input_cost_per_token": "abc"}}',
             "litellm", '$["x"].input_cost_per_token: expected a number or a decimal string (USD '
             'per token), got a string')):
        with open(bad, "w") as f:
            f.write(content)
        rc, _, err = imp(fmt, bad, d)
        line = f"versus: import: {bad}: {want}"
        ok(rc == 3 and err.splitlines()[:1] == [line] and snapshot(d) == before,
           f"bad {fmt} input: exit 3, says {want!r}", err)
    rc, _, err = imp("csv", OR_FIX, d)
    ok(rc == 2 and "unknown format" in err, "an unknown format is a usage error", err)
    rc, _, err = imp("openrouter", os.path.join(TMP, "missing.json"), d)
    ok(rc == 4 and "missing.json" in err, "a file that cannot be read: exit 4", err)


def snapshot_test():
    # The repository carries both snapshots: a missing one is a failure, never a skip.
    for path in (OR_SNAP, LL_SNAP):
        ok(os.path.exists(path), f"the snapshot {os.path.relpath(path, SRC)} is in the checkout")
    d = os.path.join(TMP, "snap")
    (rc1, _, err1), (rc2, _, err2) = import_both(d, OR_SNAP, LL_SNAP)
    ok(rc1 == 0 and rc2 == 0, "both snapshots import", err1[-500:] + err2[-500:])
    print("# " + "\n# ".join((err1 + err2).splitlines()))
    for err, path, fmt in ((err1, OR_SNAP, "openrouter"), (err2, LL_SNAP, "litellm")):
        acc = accounting(err)
        total = entries(path, fmt)
        ok(acc is not None and acc[0] + acc[1] + acc[2] == acc[3] == total,
           f"{fmt}: models + merged + skipped = its {total} entries", err[-600:])
    check_clean(d, "snapshot import")
    before = snapshot(d)
    (rc1, _, e1), (rc2, _, e2) = import_both(d, OR_SNAP, LL_SNAP)
    ok(rc1 == rc2 == 0 and snapshot(d) == before, "a second run changes no byte", e1 + e2)


def spec_test():
    d = os.path.join(TMP, "spec-src")
    (rc1, _, e1), (rc2, _, e2) = import_both(d, OR_SNAP, LL_SNAP)
    ok(rc1 == rc2 == 0, "import the snapshots", e1 + e2)
    ids = sorted(f[:-5] for f in os.listdir(os.path.join(d, "models")) if f.endswith(".json"))
    # 40 models in the normal build; fewer under the sanitizers (VERSUS_TEST_SAMPLE), where
    # each report is ten times slower and the point is the memory checks, not the coverage.
    n = int(os.environ.get("VERSUS_TEST_SAMPLE", "0") or 0) or 40
    sample = random.Random(SEED).sample(ids, min(n, len(ids)))
    print("# sample: " + " ".join(sorted(sample)))
    s = os.path.join(TMP, "spec", "models")
    os.makedirs(s)
    for rid in sample:
        shutil.copy(os.path.join(d, "models", rid + ".json"), s)
    p = subprocess.run([sys.executable, SPEC_CHECK, VERSUS, "--data", os.path.dirname(s)],
                       env=ENV, capture_output=True, text=True, cwd=SRC)
    ok(p.returncode == 0, "spec_check.py passes on 40 imported models: " +
       (p.stdout.strip().splitlines() or [""])[-1], p.stdout[-2000:] + p.stderr[-500:])


try:
    {"cases": cases, "snapshot": snapshot_test, "spec": spec_test}[MODE]()
finally:
    shutil.rmtree(TMP, ignore_errors=True)
finish()
