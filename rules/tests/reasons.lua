-- Reasons to choose (report.md): each code, and each threshold exactly at its edge.
-- At the default traffic a route priced {input = p, output = 0} costs 200 * p a month.
local function route(provider, input)
  return { provider = provider, pricing = { input_per_mtok = input, output_per_mtok = 0 } }
end
local function m(id, fields)
  local r = { id = id, name = string.upper(string.sub(id, 1, 1)) .. string.sub(id, 2) }
  for k, v in pairs(fields or {}) do r[k] = v end
  return r
end

return {
  { name = "a cost exactly 1.10 times the other is a reason ($1,000.00 against $1,100.00)",
    a = m("lo", { routes = { route("P", 5) } }), b = m("hi", { routes = { route("P", 5.5) } }),
    expect = {
      { key = "choose", about = "lo", values = { "cheaper_at_traffic" } },
      { key = "choose", about = "hi", values = {} },
      { key = "cheaper_at_traffic", about = "lo", contains = "$1,000.00 a month against $1,100.00" },
    } },
  { name = "a cost 1.098 times the other is a fact, not a reason",
    a = m("lo", { routes = { route("P", 5) } }), b = m("hi", { routes = { route("P", 5.49) } }),
    expect = {
      { key = "choose", about = "lo", values = {} },
      { key = "cheaper_at_traffic", about = "lo", contains = "$1,000.00 a month against $1,098.00" },
      { key = "choose", about = "lo", contains = "no material reason to pick Lo" },
    } },
  { name = "a free model against a paid one: cheaper holds",
    a = m("free", { routes = { route("P", 0) } }), b = m("paid", { routes = { route("P", 1) } }),
    expect = { { key = "choose", about = "free", values = { "cheaper_at_traffic" } } } },
  { name = "a context window exactly 1.25 times the other is a reason",
    a = m("big", { context_window = 160000 }), b = m("small", { context_window = 128000 }),
    expect = {
      { key = "choose", about = "big", values = { "larger_context" } },
      { key = "larger_context", about = "big", contains = "160k tokens against 128k" },
    } },
  { name = "a context window just under 1.25 times is a fact, not a reason",
    a = m("big", { context_window = 159999 }), b = m("small", { context_window = 128000 }),
    expect = {
      { key = "choose", about = "big", values = {} },
      { key = "larger_context", about = "big", contains = "a small difference" },
    } },
  { name = "twice the providers and two more: 4 against 2 (a provider listed twice counts once)",
    a = m("wide", { routes = { route("P1", 1), route("p1 ", 1), route("P2", 1), route("P3", 1), route("P4", 1) } }),
    b = m("narrow", { routes = { route("P1", 1), route("P2", 1) } }),
    expect = {
      { key = "choose", about = "wide", values = { "more_providers" } },
      { key = "more_providers", about = "wide", contains = "4 providers" },
      { key = "provider_routes", contains = "5 routes from 4 providers" },
    } },
  { name = "3 providers against 2 is not twice as many",
    a = m("wide", { routes = { route("P1", 1), route("P2", 1), route("P3", 1) } }),
    b = m("narrow", { routes = { route("P1", 1), route("P2", 1) } }),
    expect = { { key = "choose", about = "wide", values = {} }, { key = "more_providers", absent = true } } },
  { name = "2 providers against 1 is twice, but not two more",
    a = m("wide", { routes = { route("P1", 1), route("P2", 1) } }),
    b = m("narrow", { routes = { route("P1", 1) } }),
    expect = { { key = "choose", about = "wide", values = {} } } },
  { name = "3 providers against 1: twice and two more",
    a = m("wide", { routes = { route("P1", 1), route("P2", 1), route("P3", 1) } }),
    b = m("narrow", { routes = { route("P1", 1) } }),
    expect = { { key = "choose", about = "wide", values = { "more_providers" } } } },
  { name = "fits_traffic: only one model's window holds the request",
    a = m("long", { context_window = 1000000 }), b = m("short", { context_window = 128000 }),
    traffic = { input_tokens = 200000, output_tokens = 500 },
    expect = {
      { key = "choose", about = "long", values = { "fits_traffic", "larger_context" } },
      { key = "fits_traffic", about = "long", contains = "Only Long can take requests" },
      { key = "does_not_fit", about = "short", contains = "200,500 tokens of context, more than its 128k window" },
    } },
  { name = "an unknown window is never said to serve what another cannot",
    a = m("unknown"), b = m("short", { context_window = 128000 }),
    traffic = { input_tokens = 200000, output_tokens = 500 },
    expect = { { key = "choose", about = "unknown", values = {} }, { key = "fits_traffic", absent = true } } },
  { name = "benchmarks, capabilities, open license and decision tags",
    a = m("open", { openness = "open-source", license = { name = "Apache 2.0" },
                    capabilities = { vision = true }, decision_tags = { "RAG" },
                    benchmarks = { { name = "MMLU", score = 80 }, { name = "GSM8K", score = 70 },
                                   { name = "Latency", score = 100, unit = "ms", higher_is_better = false } } }),
    b = m("closed", { openness = "proprietary", capabilities = { vision = false }, decision_tags = { "rag" },
                      benchmarks = { { name = "mmlu", score = 70 }, { name = "GSM8K", score = 75 },
                                     { name = "Latency", score = 200, unit = "ms", higher_is_better = false } } }),
    expect = {
      { key = "choose", about = "open", values = { "benchmarks", "capabilities", "open_license" } },
      { key = "choose", about = "closed", values = {} },
      { key = "benchmark_lead", about = "open", values = { "MMLU", "Latency" } },
      { key = "benchmark_lead", contains = "2 of 3 comparable shared benchmarks" },
      { key = "choose", about = "closed", excludes = "Nothing" },
    } },
  { name = "a unit mismatch is not comparable; equal scores lead nobody",
    a = m("x", { benchmarks = { { name = "Arena", score = 1300, unit = "Elo" }, { name = "MMLU", score = 80 } } }),
    b = m("y", { benchmarks = { { name = "Arena", score = 1200, unit = "%" }, { name = "MMLU", score = 80 } } }),
    expect = {
      { key = "benchmark_lead", absent = true },
      { key = "benchmarks.not_comparable", values = { "Arena" } },
      { key = "choose", about = "x", values = {} },
    } },
  { name = "decision tags compare ignoring case",
    a = m("x", { decision_tags = { "Coding", "RAG" } }), b = m("y", { decision_tags = { "rag" } }),
    expect = { { key = "choose", about = "x", values = { "decision_tags" } },
               { key = "choose", about = "y", values = {} } } },
}
