#!/usr/bin/python3
"""Tests of `versus import` (issue 8), run by meson in suite 'import'.

    import_test.py VERSUS SOURCE_ROOT cases      the tricky cases, on the real entries of
                                                 tests/import/fixtures (make_fixtures.py)
    import_test.py VERSUS SOURCE_ROOT sources    issue 15: the richest price, source errors, max
                                                 output, kinds, route owners, order-free
                                                 catalogs, the three merge bugs
    import_test.py VERSUS SOURCE_ROOT shipped    issue 15: the shipped records' prices (no outlier,
                                                 cached and tier on every route that has them)
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
    """No error, and no warning but report.md's outliers (the summary counts those); a warning
    never changes check's exit (tests/cli: "check warns about an outlier price, and still exits
    0").  Returns check's stderr, for the outliers it names."""
    p = subprocess.run([VERSUS, "--data", d, "check"], env=ENV, capture_output=True, text=True)
    m = re.search(r" 0 errors, (\d+) warnings?", p.stdout)
    outliers = len(re.findall(r"price_outlier", p.stdout + p.stderr))
    ok(p.returncode == 0 and m and int(m.group(1)) == outliers,
       f"{what}: versus check finds no error and no warning but outliers", p.stdout + p.stderr)
    return p.stderr


def outliers_agree(d, err, what):
    """The routes import names as outliers (--verbose) are the ones check warns about: one
    definition (core/model/cost.c's), not two that could drift apart."""
    named = set(re.findall(r"^(\S+): route (.+?) is an outlier:", err, re.M))
    warned = {(os.path.basename(f)[:-5], prov) for f, prov in re.findall(
        r"^(\S+\.json): warning: \[price_outlier\] \S+: '([^']+)'", check_clean(d, what), re.M)}
    ok(named and named == warned, f"{what}: import's outliers are the routes check warns about",
       f"import: {sorted(named)}\ncheck: {sorted(warned)}")


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

    # Unknown prices: "0" (owl-alpha), LiteLLM's 0.0 (vertex_ai/meta/llama3-405b-instruct-maas):
    # never a free route.  (OpenRouter's -1 is only on its routers, skipped: sources_test.)
    ok(route(record(d, "owl-alpha"), "OpenRouter")["pricing"] is None, "\"0\" is an unknown price")
    v = route(record(d, "llama-3.1-405b-instruct"), "Google Vertex AI")
    ok(v is not None and v["pricing"] is None, "LiteLLM's 0.0 on a paid model is unknown", v)
    p = subprocess.run([VERSUS, "--data", d, "compare", "owl-alpha", "gpt-4o", "-f", "json"], env=ENV,
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
    ok(rc == 0 and not os.path.exists(fresh) and "57 added" in err,
       "--dry-run into a new directory creates nothing but counts what it would add", err[-300:])

    # --dry-run --into NEW: the catalog untouched, NEW the catalog the import would make (the
    # same bytes as importing into a copy), so `versus diff CATALOG NEW` reviews it.
    cat = os.path.join(TMP, "into-cat")
    imp("openrouter", OR_FIX, cat)
    before = snapshot(cat)
    into = os.path.join(TMP, "into-new")
    rc, _, err = imp("litellm", changed, cat, "--dry-run", "--into", into)
    ok(rc == 0 and snapshot(cat) == before and "untouched" in err,
       "--dry-run --into NEW leaves the catalog untouched and says so", err[-300:])
    real = os.path.join(TMP, "into-real")
    shutil.copytree(cat, real)
    imp("litellm", changed, real)
    ok(os.path.isdir(into) and snapshot(into) == snapshot(real),
       "--into NEW holds what importing into the catalog would give, state included",
       sorted(set(snapshot(into)) ^ set(snapshot(real)))[:10])
    p = subprocess.run([VERSUS, "diff", cat, into, "--exit-code", "-f", "json"], env=ENV,
                       capture_output=True, text=True)
    ok(p.returncode == 1 and '"id": "gpt-4o"' in p.stdout,
       "versus diff CATALOG NEW shows what the import would change", p.stdout[:300] + p.stderr)
    rc, _, err = imp("litellm", changed, cat, "--into", into)
    ok(rc == 2 and "not empty" in err and snapshot(cat) == before,
       "--into a directory that is not empty is refused", err)
    gone = os.path.join(TMP, "into-bad")
    rc, _, err = imp("litellm", os.path.join(TMP, "truncated-none.json"), cat, "--into", gone)
    ok(rc == 4 and not os.path.exists(gone), "a failed import leaves no --into directory", err)

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

def write_json(path, v):
    with open(path, "w", encoding="utf-8") as f:
        json.dump(v, f, indent=1, ensure_ascii=False)
    return path


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def sources_test():
    """Issue 15: the richest price, source errors, max output, kinds, one owner per route,
    order-free ids and catalogs, and the three merge bugs; on entries cut from the snapshots."""
    d = os.path.join(TMP, "or-ll")
    (rc1, _, err1), (rc2, _, err2) = import_both(d, OR_FIX, LL_FIX, "--verbose")
    ok(rc1 == rc2 == 0, "both fixtures import", err1[-300:] + err2[-300:])

    # A tier on a duplicate entry: claude-4-sonnet-20250514 carries the tier above 200k that
    # claude-sonnet-4-20250514 (the same route, first in the file) lacks.
    a = route(record(d, "claude-sonnet-4"), "Anthropic API")["pricing"]
    ok(a.get("tiers") == [{"above_input_tokens": 200000, "input_per_mtok": 6,
                           "output_per_mtok": 22.5}] and a.get("cached_input_per_mtok") == 0.3,
       "claude-sonnet-4: the Anthropic route keeps the tier of the duplicate entry", a)
    # Two entries disagree on a base price: the higher is kept, --verbose names both.
    ds = route(record(d, "deepseek-chat"), "DeepSeek API")["pricing"]
    ok(ds["input_per_mtok"] == 0.27 and ds["output_per_mtok"] == 1.1,
       "deepseek-chat: the higher of two entries' prices, not the stale first one", ds)
    ok("deepseek-chat: route DeepSeek API prices disagree: 0.14/0.28 as given so far, 0.27/1.1 "
       "from litellm.json: deepseek/deepseek-chat; kept the higher, 0.27/1.1" in err2,
       "--verbose names both prices", err2[-2000:])
    # Swapped input and output (LiteLLM's command-r7b-12-2024; OpenRouter's is right).
    c = route(record(d, "command-r7b-12-2024"), "Cohere API")["pricing"]
    ok(c["input_per_mtok"] == 0.0375 and c["output_per_mtok"] == 0.15,
       "command-r7b: LiteLLM's swapped prices put right", c)
    ok("1 route with input and output prices swapped" in err2, "and the summary counts it",
       err2[-600:])
    # An outlier: Oracle's Grok 4 output price of $0.15 beside $15.
    ok("1 outlier route in 1 model" in err2 and
       re.search(r"grok-4: route Oracle Cloud Generative AI is an outlier: 3/0\.15 against the "
                 r"medians 3/15", err2), "the summary counts the outlier, --verbose names it",
       err2[-800:])
    # A stale price no source can tell: Mistral's own route of mistral-nemo (LiteLLM's 0.3/0.3,
    # which Mistral no longer charges) beside OpenRouter's 0.02/0.03 (a reseller's): both kept,
    # the model named for review and counted.
    mn = record(d, "mistral-nemo")
    ok(route(mn, "Mistral API")["pricing"]["input_per_mtok"] == 0.3 and
       route(mn, "OpenRouter")["pricing"]["input_per_mtok"] == 0.02,
       "mistral-nemo: both prices kept as the sources give them")
    ok("mistral-nemo: the creator's route Mistral API prices 0.3/0.3, OpenRouter 0.02/0.03: one "
       "may be stale" in err2 and re.search(r"\d+ models? whose creator's route and OpenRouter's "
       r"differ in price", err2), "--verbose names the disagreement, the summary counts it",
       err2[-800:])
    # Max output equal to the window is unknown, unless the creator's own entry gives it.
    ok("max_output_tokens" not in record(d, "granite-4.1-8b"),
       "granite-4.1-8b: OpenRouter's max output equal to the window is unknown")
    ok(record(d, "mistral-nemo").get("max_output_tokens") == 128000,
       "mistral-nemo: Mistral's own entry gives max output = window, and it is kept")
    # Routers are skipped; non-chat models are typed.
    for rid in ("auto", "free", "router"):
        ok(not os.path.exists(os.path.join(d, "models", rid + ".json")), f"router {rid}: no record")
    ok("skipped: openrouter.json: openrouter/auto: a router" in err1 and
       "skipped: litellm.json: openrouter/switchpoint/router: a router" in err2,
       "routers are skipped with their reason")
    ok(record(d, "mistral-embed").get("product_type") == "Embedding model",
       "mistral-embed: an embedding model (LiteLLM's mode embedding), though Vercel says chat")
    ok(record(d, "embed-v4.0").get("product_type") == "Embedding model",
       "embed-v4.0: typed by its name (aliases.json kinds) though its only entry says chat")
    ok(record(d, "gemini-2.5-flash-preview-tts").get("product_type") == "Text-to-speech model",
       "gemini-2.5-flash-preview-tts: audio out only is text-to-speech")
    # One source owns each route: LiteLLM's openrouter/ keys make none when OpenRouter's list
    # is imported.
    ok(route(record(d, "claude-3.7-sonnet"), "OpenRouter") is None and
       not os.path.exists(os.path.join(d, "models", "dbrx-instruct.json")),
       "LiteLLM's stale openrouter/ keys make no route and no record")
    ok(route(record(d, "deepseek-chat"), "OpenRouter")["pricing"]["input_per_mtok"] == 0.32,
       "deepseek-chat's OpenRouter route is OpenRouter's own price")
    # Provider copies become routes of the base model, the route keeping the provider's name.
    for rid, provider, model in (
            ("llama-3.1-70b-instruct", "Databricks", "databricks-meta-llama-3-1-70b-instruct"),
            ("llama-3-70b-instruct", "Groq", "llama3-70b-8192"),
            ("llama-3.1-8b-instruct", "Fireworks AI", "accounts/fireworks/models/llama-v3p1-8b-instruct"),
            ("llama-2-7b-chat", "DeepInfra", "meta-llama/Llama-2-7b-chat-hf"),
            ("gemini-2.0-flash", "Google Vertex AI", "gemini-2.0-flash-001"),
            ("grok-3", "xAI API", "grok-3-beta"),
            ("grok-3", "OpenRouter", "x-ai/grok-3"),
            ("deepseek-chat", "DeepSeek API", "deepseek-chat")):
        rt = route(record(d, rid), provider) if os.path.exists(
            os.path.join(d, "models", rid + ".json")) else None
        ok(rt is not None and rt.get("model") == model,
           f"{model}: a route of {rid} ({provider})", rt)
    # OpenRouter's variants (:extended, :nitro, :beta; cut from the real base entries by
    # make_fixtures.py) are the base model's OpenRouter route, never a record or a price.
    ok(not [f for f in os.listdir(os.path.join(d, "models"))
            if re.search(r"-(extended|nitro|beta)\.json$", f)], "no record for a :variant")
    for rid, model, price in (("gpt-4o", "openai/gpt-4o", (2.5, 10)),
                              ("llama-3.1-70b-instruct", "meta-llama/llama-3.1-70b-instruct",
                               (0.4, 0.4))):
        rt = route(record(d, rid), "OpenRouter")
        ok(rt and rt["model"] == model and (rt["pricing"]["input_per_mtok"],
                                            rt["pricing"]["output_per_mtok"]) == price,
           f"{rid}: beside the variant, the OpenRouter route is the base entry's, at its price", rt)
    ok(record(d, "gpt-4o").get("max_output_tokens") == 16384,
       "gpt-4o: :extended's 64000 output does not replace the base's 16384")
    h = record(d, "claude-3-haiku")
    ok(route(h, "OpenRouter")["model"] == "anthropic/claude-3-haiku:beta" and
       h["name"] == "Claude 3 Haiku", "claude-3-haiku:beta alone: the base model's OpenRouter "
       "route, the variant's id as its model, the base's name", route(h, "OpenRouter"))
    # Release dates: a dated snapshot's own API name gives it; OpenRouter's "created" is the
    # day it listed the model (gpt-4: 2023-05-28, released 2023-03-14), so it gives none.
    ok(record(d, "gpt-4o-2024-08-06").get("released") == "2024-08-06" and
       record(d, "qwen-plus-2025-07-28").get("released") == "2025-07-28",
       "a dated snapshot is released on the date of its name")
    ok(all("released" not in record(d, rid) for rid in ("gpt-4", "gpt-4o", "claude-sonnet-4")),
       "an undated model's release date stays unknown (OpenRouter's listing date is not one)")
    # Dated snapshots stay models of their own and carry their line's family.
    ok(record(d, "gpt-4o-2024-08-06").get("family") == "GPT-4o" and
       record(d, "qwen-plus-2025-07-28").get("family") == "Qwen-Plus",
       "dated snapshots carry the family of their line")
    j = record(d, "jamba-1.5-large")
    ok(route(j, "AI21 Studio")["model"] == "jamba-1.5-large" and
       route(j, "Google Vertex AI")["model"] == "jamba-1.5-large@001",
       "jamba-1.5-large: AI21's route has AI21's own name, Vertex's the Vertex name",
       [(r["provider"], r.get("model")) for r in j["routes"]])
    copies = [f for f in os.listdir(os.path.join(d, "models"))
              if re.search(r"^databricks-|-8192|^llama-v|-hf\.json|-001\.json|-beta\.json|^deepseek-v3\.json", f)]
    ok(not copies, "no record for a provider's copy of a name", copies)
    ok(record(d, "gpt-oss-120b").get("openness") == "open-weights" and
       "openness" not in record(d, "gpt-4o") and "license" not in record(d, "gpt-oss-120b"),
       "a Hugging Face id means open weights; no source names a licence, so none is recorded")
    outliers_agree(d, err1 + err2, "issue 15 fixtures")

    # Either order, byte-identical catalogs (ids included).
    e = os.path.join(TMP, "ll-or")
    rc1, _, _ = imp("litellm", LL_FIX, e)
    rc2, _, err = imp("openrouter", OR_FIX, e)
    ok(rc1 == rc2 == 0 and snapshot(os.path.join(d, "models")) ==
       snapshot(os.path.join(e, "models")), "LiteLLM then OpenRouter: the same bytes", err[-600:])
    # The ids too, by a rule and not by pins: LiteLLM spells Llama 3 70B "llama3-70b-8192"
    # (Groq's copy of llama3-70b-instruct), OpenRouter "llama-3-70b-instruct"; whichever came
    # first, the id is the spelling with the hyphen, and the untouched record is renamed.
    ok(os.path.exists(os.path.join(e, "models", "llama-3-70b-instruct.json")) and
       not os.path.exists(os.path.join(e, "models", "llama3-70b-instruct.json")) and
       "1 record renamed" in err, "LiteLLM first: llama3-70b-instruct is renamed "
       "llama-3-70b-instruct when OpenRouter's spelling comes", err[-600:])
    ok(open(os.path.join(d, "import-state.json"), "rb").read() ==
       open(os.path.join(e, "import-state.json"), "rb").read(),
       "and the state files are the same bytes too")
    h = os.path.join(TMP, "ll-edited-or")
    imp("litellm", LL_FIX, h)
    hp = os.path.join(h, "models", "llama3-70b-instruct.json")
    rec = load(hp)
    rec["decision_tags"] = ["Open weights"]
    write_json(hp, rec)
    rc, _, err = imp("openrouter", OR_FIX, h)
    ok(rc == 0 and os.path.exists(hp) and
       not os.path.exists(os.path.join(h, "models", "llama-3-70b-instruct.json")) and
       route(load(hp), "OpenRouter") is not None and "renamed" not in err,
       "a record edited by hand keeps its id (OpenRouter's entry joins it)", err[-600:])

    # The three merge bugs, on the OpenRouter fixture.
    m = os.path.join(TMP, "merge")
    orx = load(OR_FIX)
    rc, _, err = imp("openrouter", OR_FIX, m)
    hand = os.path.join(m, "models", "phi-4.json")
    rec = load(hand)
    rec["decision_tags"] = ["Small"]
    write_json(hand, rec)
    # 1. a model removed from the snapshot: its route goes (the hand edit stays) and is counted.
    without = write_json(os.path.join(TMP, "or-without-phi4.json"),
                         {"data": [x for x in orx["data"] if x["id"] != "microsoft/phi-4"]})
    rc, _, err = imp("openrouter", without, m)
    rec = load(hand)
    ok(rc == 0 and not rec.get("routes") and rec.get("decision_tags") == ["Small"] and
       "removed 1 route their sources no longer list" in err,
       "merge 1: a route its source no longer lists is removed and counted", err[-500:])
    # 2. it comes back at a new price: the price is taken, not reported as a hand edit.
    back = json.loads(json.dumps(orx))
    for x in back["data"]:
        if x["id"] == "microsoft/phi-4":
            x["pricing"]["completion"] = "0.0000003"
    back_path = write_json(os.path.join(TMP, "or-back.json"), back)
    rc, _, err = imp("openrouter", back_path, m)
    p4 = route(load(hand), "OpenRouter")
    ok(rc == 0 and p4 and p4["pricing"]["output_per_mtok"] == 0.3 and "hand edit" not in err,
       "merge 2: the model back at a new price takes it, no 'kept hand edit'", err[-500:])
    # 3. a one-entry snapshot is refused without --force, saying how many and why.
    one = write_json(os.path.join(TMP, "or-one.json"), {"data": orx["data"][:1]})
    before = snapshot(m)
    rc, _, err = imp("openrouter", one, m)
    ok(rc == 3 and snapshot(m) == before and re.search(r"would remove \d+ of the \d+ routes", err),
       "merge 3: a partial snapshot is refused, nothing written", err)
    back["data"][0]["pricing"]["prompt"] = "0.000003"
    rc, _, err = imp("openrouter", write_json(os.path.join(TMP, "or-full.json"), back), m)
    ok(rc == 0 and "hand edit" not in err, "merge 3: the next full import takes a price change",
       err[-400:])
    rc, _, err = imp("openrouter", one, m, "--force")
    ok(rc == 0, "merge 3: --force imports the partial snapshot", err[-400:])


def shipped_test():
    """Issue 15: the shipped catalog has no outlier route, the creator's own route carries the
    cached price where another listing shows one, a long-context tier is on every route of the
    same base price, and no route prices a model on a moving alias."""
    outliers, uncached, untiered, alias = [], [], [], []
    shipped = os.path.join(SRC, "data", "models")
    for f in sorted(os.listdir(shipped)):
        rec = load(os.path.join(shipped, f))
        rs = [r for r in rec.get("routes", []) if r.get("pricing")]
        full = [r for r in rs if r["pricing"].get("input_per_mtok") is not None and
                r["pricing"].get("output_per_mtok") is not None]
        if len(full) >= 3:
            mi = sorted(r["pricing"]["input_per_mtok"] for r in full)[(len(full) - 1) // 2]
            mo = sorted(r["pricing"]["output_per_mtok"] for r in full)[(len(full) - 1) // 2]
            outliers += [(rec["id"], r["provider"]) for r in full
                         if r["pricing"]["input_per_mtok"] < mi / 10 * (1 - 1e-9) or
                         r["pricing"]["output_per_mtok"] < mo / 10 * (1 - 1e-9)]
        if any("cached_input_per_mtok" in r["pricing"] for r in rs):
            uncached += [rec["id"] for r in rs if r.get("first_party") and
                         "cached_input_per_mtok" not in r["pricing"]]
        tiered = [r["pricing"] for r in rs if r["pricing"].get("tiers")]
        untiered += [(rec["id"], r["provider"], r.get("region")) for r in full for t in tiered[:1]
                     if not r["pricing"].get("tiers") and
                     (r["pricing"]["input_per_mtok"], r["pricing"]["output_per_mtok"]) ==
                     (t["input_per_mtok"], t["output_per_mtok"])]
        alias += [rec["id"] for r in rs if r.get("model") in ("deepseek-reasoner", "deepseek-chat")
                  and rec["id"] not in ("deepseek-v3.2", "deepseek-v3.2-exp")]
    ok(not outliers, "the shipped catalog has no outlier route", outliers)
    ok(not uncached, "the creator's own route has the cached price another listing shows", uncached)
    ok(not untiered, "a long-context tier is on every route of the same base price", untiered)
    ok(not alias, "no shipped route prices a model on DeepSeek's moving aliases", alias)


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
    e = os.path.join(TMP, "snap-ll-or")
    rc1, _, _ = imp("litellm", LL_SNAP, e)
    rc2, _, err = imp("openrouter", OR_SNAP, e)
    a, b = snapshot(os.path.join(d, "models")), snapshot(os.path.join(e, "models"))
    ok(rc1 == rc2 == 0 and a == b, "LiteLLM then OpenRouter: byte-identical catalogs",
       sorted(set(a) ^ set(b))[:20] + [k for k in a if k in b and a[k] != b[k]][:20])


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
    # The prose lint (issue 14) over every pair of the same sample: data nobody here wrote.
    p = subprocess.run([sys.executable, os.path.join(SRC, "tests", "lint", "prose_lint.py"),
                        VERSUS, os.path.dirname(s)], env=ENV, capture_output=True, text=True,
                       cwd=SRC)
    ok(p.returncode == 0, "the prose lint is clean on the imported sample: " +
       (p.stdout.strip().splitlines() or [""])[-1], p.stdout[-2000:] + p.stderr[-500:])


try:
    {"cases": cases, "sources": sources_test, "shipped": shipped_test, "snapshot": snapshot_test,
     "spec": spec_test}[MODE]()
finally:
    shutil.rmtree(TMP, ignore_errors=True)
finish()
