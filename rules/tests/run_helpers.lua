-- Standalone check of the helper libraries' examples:  lua5.4 rules/tests/run_helpers.lua
-- Loads rules/lib/*.lua with plain dofile (as the engine would, in name order: en, fmt,
-- model) and asserts every example in their comments. Prints "N passed, N failed".
-- Under `versus test` (a sandbox without dofile) this file is not a test file: it
-- returns no cases.
if not dofile or not io then return {} end

local dir = ((arg and arg[0] or ""):match("^(.*)/[^/]*$") or ".") .. "/.."
en = dofile(dir .. "/lib/en.lua")
fmt = dofile(dir .. "/lib/fmt.lua")
model = dofile(dir .. "/lib/model.lua")
tables = dofile(dir .. "/lib/tables.lua")

local passed, failed = 0, 0
local function eq(got, want, what)
  if got == want then
    passed = passed + 1
  else
    failed = failed + 1
    print(string.format("FAIL %s: got %q, want %q", what, tostring(got), tostring(want)))
  end
end
local function check(f, name, cases)
  for _, c in ipairs(cases) do
    local args, want = c[1], c[2]
    local ok, got = pcall(f, table.unpack(args, 1, args.n or #args))
    if not ok then got = "error: " .. tostring(got) end
    local shown = {}
    for i = 1, args.n or #args do shown[i] = tostring(args[i]) end
    eq(got, want, name .. "(" .. table.concat(shown, ", ") .. ")")
  end
end
local function N(...) return table.pack(...) end
local D = "\u{2014}"

eq(fmt.unknown, D, "fmt.unknown")

-- report.md, Formatting: every token-count example it gives, and the edges around them.
check(fmt.tokens, "fmt.tokens", {
  { N(448), "448" }, { N(128000), "128k" }, { N(256000), "256k" }, { N(2000000), "2M" },
  { N(1050000), "1.05M" }, { N(32768), "32k" }, { N(131072), "128k" }, { N(1048576), "1M" },
  { N(1572864), "1.5M" }, { N(2097152), "2M" }, { N(1500), "1.5k" }, { N(131500), "132k" },
  { N(1047576), "1.05M" }, { N(1025024), "1.03M" }, { N(999999), "1M" }, { N(131000), "131k" },
  { N(4096), "4k" }, { N(65536), "64k" }, { N(8192), "8k" }, { N(999), "999" }, { N(1000), "1k" },
  { N(131072.0), "128k" }, { N(nil), D },
})
check(fmt.tokens_text, "fmt.tokens_text", { { N(131072), "128k" }, { N(400), "400" }, { N(999), "999" },
  { N(1000), "1k" }, { N(nil), D } })
check(fmt.params, "fmt.params", {
  { N(7000000000), "7B" }, { N(72700000000), "72.7B" }, { N(560000000), "560M" },
  { N(999950000), "1B" }, { N(1800000000000), "1.8T" }, { N(7250000000), "7.3B" },
  { N(1500), "1.5K" }, { N(999), "999" }, { N(8030000000), "8B" }, { N(nil), D },
})
check(fmt.price, "fmt.price", {
  { N(1.25), "$1.25" }, { N(0.075), "$0.075" }, { N(2.5), "$2.50" }, { N(0.000125), "$0.000125" },
  { N(0), "$0.00" }, { N(10), "$10.00" }, { N(0.0000004), "<$0.000001" }, { N(0.000001), "$0.000001" },
  { N(3.0000001), "$3.00" }, { N(1234.5), "$1,234.50" }, { N(0.1 + 0.2), "$0.30" }, { N(nil), D },
})
check(fmt.money, "fmt.money", {
  { N(12345.675), "$12,345.68" }, { N(12345.678), "$12,345.68" }, { N(0.125), "$0.13" },
  { N(2.675), "$2.68" }, { N(0.004), "<$0.01" }, { N(0.005), "$0.01" }, { N(0), "$0.00" },
  { N(-0.0), "$0.00" }, { N(-0.001), "$0.00" }, { N(1 / 0), D }, { N(-1 / 0), D }, { N(0 / 0), D },
  { N(750), "$750.00" }, { N(1e6), "$1,000,000.00" }, { N(2.5e302), "$2.5e+302" }, { N(nil), D },
})
-- hardening.md case 35: edge numbers give "—" or a plain figure, never "-nan", "inf" or "$-0.00".
check(fmt.tokens, "fmt.tokens (edges)", {
  { N(math.mininteger), D }, { N(-1), D }, { N(0), "0" }, { N(0 / 0), D }, { N(1 / 0), D },
})
check(fmt.price, "fmt.price (edges)", {
  { N(-0.0), "$0.00" }, { N(0 / 0), D }, { N(1 / 0), D }, { N(-1 / 0), D },
})
check(fmt.params, "fmt.params (edges)", { { N(0 / 0), D }, { N(math.mininteger), D } })
check(fmt.int, "fmt.int (edges)", { { N(0 / 0), D }, { N(1 / 0), D } })
check(en.plural, "en.plural (edges)", {
  { N(2 ^ 53 + 1, "route", "routes"), "9,007,199,254,740,992 routes" },
})
check(fmt.int, "fmt.int", {
  { N(100000), "100,000" }, { N(2000), "2,000" }, { N(500), "500" }, { N(-1234), "-1,234" },
  { N(1234567890), "1,234,567,890" }, { N(0), "0" }, { N(nil), D },
})
check(fmt.number, "fmt.number", {
  { N(79.9), "79.9" }, { N(1250), "1,250" }, { N(0.5), "0.5" }, { N(55), "55" }, { N(-2.25), "-2.25" },
})
check(fmt.percent, "fmt.percent", { { N(0.4), "40%" }, { N(0.125), "12.5%" }, { N(1), "100%" } })
-- report.md, Percentages: half up with 1e-9, "under 1%", "100%" only for zero, multiples.
check(fmt.pct, "fmt.pct", {
  { N(9.999999999999998), "10%" }, { N(20.5), "21%" }, { N(39.5), "40%" }, { N(20.4), "20%" },
  { N(0.49), "0%" }, { N(nil), D },
})
check(fmt.pct_less, "fmt.pct_less", {
  { N(36, 40), "10%" }, { N(0.9, 1), "10%" }, { N(201125, 402250), "50%" }, { N(60, 100), "40%" },
  { N(79.5, 100), "21%" }, { N(999.6, 1000), "under 1%" }, { N(0, 5), "100%" },
  { N(0.001, 1000), "99%" }, { N(5, 5), "0%" }, { N(1, 0), D }, { N(nil, 4), D },
})
check(fmt.pct_more, "fmt.pct_more", {
  { N(150, 100), "50% more" }, { N(250, 100), "2.5 times as much" }, { N(200, 100), "2 times as much" },
  { N(100.4, 100), "under 1% more" }, { N(125, 100, "larger", "large"), "25% larger" },
  { N(402250, 201125), "2 times as much" }, { N(1.9999999999999, 1), "2 times as much" },
  { N(199.4, 100), "99% more" }, { N(5, 0), nil }, { N(1049, 100), "10.5 times as much" },
})
do
  local function two(x, y) local a, b = fmt.two_tokens(x, y); return a .. " / " .. b end
  check(two, "fmt.two_tokens", {
    { N(1048576, 1047576), "1,048,576 / 1,047,576" }, { N(204800, 200000), "204,800 / 200,000" },
    { N(131072, 128000), "131,072 / 128,000" }, { N(200000, 128000), "200k / 128k" },
    { N(131072, 131072), "128k / 128k" }, { N(nil, 8192), D .. " / 8k" },
    { N(1050000, 1048576), "1.05M / 1M" }, { N(1000000, 1048576), "1,000,000 / 1,048,576" },
    { N(32768, 8192), "32k / 8k" }, { N(448, 1500), "448 / 1.5k" },
  })
end
check(fmt.year, "fmt.year", { { N("2026-02-12"), "2026" }, { N(nil), nil } })
check(fmt.cell, "fmt.cell", { { N("Decoder Only"), "Decoder Only" }, { N(nil), D }, { N(""), D } })
do
  local a, b = { id = "a1", name = "Llama 3" }, { id = "b1", name = "Llama 3" }
  eq(fmt.name({ a = a, b = b }, b), "Llama 3 (b1)", "fmt.name same names")
  local c = { id = "qwen2-7b-instruct", name = "Qwen2-7B-Instruct" }
  eq(fmt.name({ a = a, b = c }, c), "Qwen2-7B-Instruct", "fmt.name")
  eq(fmt.name({ a = a, b = c, same_name = true }, c), "Qwen2-7B-Instruct (qwen2-7b-instruct)",
     "fmt.name: the engine's p.same_name")
end

check(en.list, "en.list", {
  { N({ "a", "b", "c" }), "a, b, and c" }, { N({ "a", "b" }), "a and b" }, { N({ "a" }), "a" },
  { N({}), "" }, { N({ "a", "b", "c" }, "or"), "a, b, or c" },
})
check(en.plural, "en.plural", {
  { N(1, "route", "routes"), "1 route" }, { N(2, "route", "routes"), "2 routes" },
  { N(0, "route", "routes"), "0 routes" }, { N(100000, "request"), "100,000 requests" },
  { N(1, "shared benchmark", "shared benchmarks"), "1 shared benchmark" },
  { N(0, "shared benchmark", "shared benchmarks"), "0 shared benchmarks" },
})
check(en.article, "en.article", {
  { N("IDE integration"), "an IDE integration" }, { N("API model"), "an API model" },
  { N("coding-specialized model"), "a coding-specialized model" },
  { N("open-source model"), "an open-source model" }, { N("unified model"), "a unified model" },
  { N("LLM"), "an LLM" }, { N("SDK"), "an SDK" }, { N("API"), "an API" }, { N("IDE"), "an IDE" },
  { N("MoE model"), "an MoE model" }, { N("hour"), "an hour" }, { N("honest answer"), "an honest answer" },
  { N("user"), "a user" }, { N("one-off"), "a one-off" }, { N("European host"), "a European host" },
  { N("standalone API model"), "a standalone API model" }, { N("frontier model"), "a frontier model" },
  { N("unknown price"), "an unknown price" }, { N("OpenAI route"), "an OpenAI route" },
  { N("GPT model"), "a GPT model" }, { N("NVIDIA NIM route"), "an NVIDIA NIM route" },
  { N("8k-token context window"), "an 8k-token context window" },
  { N("11k-token context window"), "an 11k-token context window" },
  { N("18M-token context window"), "an 18M-token context window" },
  { N("131k-token context window"), "a 131k-token context window" },
  { N("110k-token context window"), "a 110k-token context window" },
  { N("1.05M-token context window"), "a 1.05M-token context window" },
  { N("80B model"), "an 80B model" }, { N("RAG pipeline"), "a RAG pipeline" },
  { N("URL"), "a URL" }, { N("X"), "an X" }, { N("small model"), "a small model" },
})
check(en.lower_first, "en.lower_first", {
  { N("Coding-specialized model"), "coding-specialized model" }, { N("API model"), "API model" },
  { N("Standalone API model"), "standalone API model" }, { N("OpenAI route"), "OpenAI route" },
  { N("IDE integration"), "IDE integration" }, { N("Function calling"), "function calling" },
})
check(en.capitalize, "en.capitalize", { { N("open source"), "Open source" }, { N(""), "" } })
check(en.plurals, "en.plurals", {
  { N("Coding-specialized model"), "Coding-specialized models" }, { N("proxy"), "proxies" },
  { N("LLM"), "LLMs" }, { N("IDE integration"), "IDE integrations" }, { N("box"), "boxes" },
})

-- model.* over plain tables standing in for views
do
  local a = { id = "a", name = "A", openness = "Open-Source", decision_tags = { "Coding", "RAG" },
    context_window = 131072,
    routes = { { provider = "OpenAI API", pricing = { output_per_mtok = 10 } },
               { provider = "openai  api", pricing = { input_per_mtok = 1, output_per_mtok = 8 } },
               { provider = "Azure" } },
    benchmarks = { { name = "HumanEval", score = 80, setting = "0-shot" }, { name = "MMLU", score = 1 },
                   { name = "mmlu", score = 2 }, { name = "GSM8K", score = 3, setting = "8-shot" } } }
  local b = { id = "b", name = "B", openness = "proprietary", decision_tags = { "rag" },
    context_window = 128000,
    routes = { { provider = "NVIDIA NIM" }, { provider = " azure " } },
    benchmarks = { { name = "humaneval", score = 70, setting = "0-shot" }, { name = "MMLU", score = 5 },
                   { name = "GSM8K", score = 3 } } }
  eq(model.norm("  NVIDIA   NIM "), "nvidia nim", "model.norm")
  eq(table.concat(model.providers(a), "|"), "OpenAI API|Azure", "model.providers")
  eq(table.concat(model.common_providers(a, b), "|"), "Azure", "model.common_providers")
  eq(table.concat(model.all_providers(a, b), "|"), "OpenAI API|Azure|NVIDIA NIM", "model.all_providers")
  eq(model.cheapest_output(a), 8, "model.cheapest_output")
  eq(model.cheapest_output(b), nil, "model.cheapest_output none")
  local sh = model.shared_benchmarks(a, b)
  eq(#sh, 2, "model.shared_benchmarks count")
  eq(sh[1].a.name .. "/" .. sh[1].b.name, "HumanEval/humaneval", "model.shared_benchmarks[1]")
  eq(sh[2].a.score .. "/" .. sh[2].b.score, "1/5", "model.shared_benchmarks[2]")
  eq(model.is_open(a), true, "model.is_open")
  eq(model.is_open(b), false, "model.is_open proprietary")
  eq(model.is_proprietary(b), true, "model.is_proprietary")
  eq(model.openness_label(a), "Open source", "model.openness_label")
  eq(table.concat(model.unique_tags(a, b), "|"), "Coding", "model.unique_tags")
  eq(model.similar_context(131072, 128000), true, "model.similar_context")
  eq(model.similar_context(8192, 131072), false, "model.similar_context far")
  eq(model.license_text({ license = { name = "Apache 2.0", osi_approved = true } }),
     "Apache 2.0 (OSI-approved)", "model.license_text")
  local p = { a = a, b = b, capabilities = {
    { id = "vision", label = "Vision", a = "yes", b = "unknown" },
    { id = "function_calling", label = "Function calling", group = "integration", a = "yes", b = "no" },
    { id = "tool_use", label = "Tool use", group = "integration", a = "no", b = "yes" },
    { id = "ide_integration", label = "IDE integration", a = "yes", b = "no" } } }
  -- the engine hands every pair its differences (pair_table.c); test_engine checks them
  p.differences = { p.capabilities[2], p.capabilities[3], p.capabilities[4] }
  eq(table.concat(model.labels(model.cap_diff(p, "a")), "|"), "Function calling|IDE integration", "model.cap_diff a")
  eq(table.concat(model.labels(model.cap_diff(p, "b")), "|"), "Tool use", "model.cap_diff b")
  eq(table.concat(model.labels(model.cap_differs(p, "integration")), "|"), "Function calling|Tool use",
     "model.cap_differs integration")
  eq(table.concat(model.prose_labels(model.integration(p)), "|"), "function calling|tool use", "model.integration")
  eq(model.yes_no("unknown"), D, "model.yes_no unknown")
  local r = tables.row(p, "k", "Label", function(m, side) return m.id .. side end)
  eq(r.key .. "|" .. table.concat(r.cells, "|"), "k|Label|aa|bb", "tables.row")
  local pa, pb = model.profile(a), model.profile(b)
  eq(pa.providers["openai api"], true, "model.profile providers")
  eq(pb.tags.rag, true, "model.profile tags")
  -- shared provider azure 1, shared tag rag 1, context within 2x 1
  eq(model.relatedness(pa, pb), 3, "model.relatedness")
  -- e shares more with a than d does, but is another kind of model: it ranks below d.
  local catalog = { a, b, { id = "c", name = "C", decision_tags = { "Coding" } }, { id = "d", name = "D" },
                    { id = "e", name = "E", product_type = "Embedding model", decision_tags = { "Coding", "RAG" } } }
  local nb = model.neighbours(catalog, a, 4, { a = true })
  eq(#nb, 4, "model.neighbours count")
  eq(nb[1].id .. "," .. nb[2].id .. "," .. nb[3].id .. "," .. nb[4].id, "b,c,d,e", "model.neighbours order")
  eq(model.relatedness(model.profile({ family = "GPT-4o" }), model.profile({ family = "gpt-4o" })), 16,
     "model.relatedness: the same family weighs most")
end

-- model.reasons against a stub pair (the cost block as the core gives it): the cost reason
-- holds at 0.90 x, at the tier_unlisted figure when that is larger, never across kinds, and
-- decision tags are never a reason.
do
  local function pair(ca, cb, tu, kind_b)
    local a = { id = "a", name = "A", decision_tags = { "Coding" } }
    local b = { id = "b", name = "B", product_type = kind_b }
    return { a = a, b = b, capabilities = {}, differences = {},
             cost = { a = { monthly = ca, fits = true, tier_unlisted = tu }, b = { monthly = cb, fits = true },
                      equal = false } }
  end
  local function codes(p, side)
    local out = {}
    for i, r in ipairs(model.reasons(p, side)) do out[i] = r.code end
    return table.concat(out, ",")
  end
  eq(codes(pair(900, 1000), "a"), "cheaper_at_traffic", "model.reasons: exactly 0.90 x")
  eq(codes(pair(900.0001, 1000), "a"), "", "model.reasons: just over 0.90 x")
  eq(codes(pair(500, 1000, { routes = 3, of = 5, monthly_usd = 950 }), "a"), "",
     "model.reasons: cheaper at its cost route, not at the tier_unlisted figure")
  eq(codes(pair(500, 1000, { routes = 3, of = 5, monthly_usd = 900 }), "a"), "cheaper_at_traffic",
     "model.reasons: cheaper at the tier_unlisted figure too")
  eq(model.reasons(pair(500, 1000, { routes = 3, of = 5, monthly_usd = 900 }), "a")[1].high, 900,
     "model.reasons: the higher figure for the sentence")
  eq(codes(pair(500, 1000, nil, "Embedding model"), "a"), "", "model.reasons: no cost reason across kinds")
end

-- tables.not_recorded: rows "—" on both sides leave, one item lists their keys in order.
do
  local p = { a = { id = "a" }, b = { id = "b" } }
  local rows = {
    { key = "released", cells = { "Released", "2024-01-01", D } },
    { key = "parameters", cells = { "Parameters", D, D } },
    { key = "commercial_use", cells = { "Commercial use", D, D } },
    { key = "license", cells = { "License", D, "MIT" } },
  }
  local out = tables.not_recorded(p, rows, tables.say_not_recorded)
  eq(#out, 3, "tables.not_recorded count")
  eq(out[1].key .. "," .. out[2].key .. "," .. out[3].key, "released,license,not_recorded",
     "tables.not_recorded order")
  eq(table.concat(out[3].values, ","), "parameters,commercial_use", "tables.not_recorded values")
  eq(out[3].text, "Not recorded for either model: parameters and commercial use.", "tables.not_recorded text")
  eq(table.concat(out[3].about, ","), "a,b", "tables.not_recorded about")
  eq(#tables.not_recorded(p, { rows[1] }, tables.say_not_recorded), 1, "tables.not_recorded none left out")
  eq(tables.say_not_recorded({ "parameters", "architecture", "commercial use" }),
     "Not recorded for either model: parameters, architecture, and commercial use.", "tables.say_not_recorded")
end

print(string.format("%d passed, %d failed", passed, failed))
if failed > 0 then os.exit(1) end
