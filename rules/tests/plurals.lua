-- Counts with the right noun form: routes, benchmarks, checks, tokens.
local priced = { input_per_mtok = 1, output_per_mtok = 2 }

return {
  { name = "1 route, 2 routes, 1 shared benchmark",
    a = { id = "one", name = "One", routes = { { provider = "P1", pricing = priced } },
          benchmarks = { { name = "MMLU", score = 70, unit = "%" }, { name = "GSM8K", score = 50, unit = "%" } } },
    b = { id = "two", name = "Two",
          routes = { { provider = "P2", pricing = priced }, { provider = "P3" } },
          benchmarks = { { name = "mmlu", score = 60, unit = "%" } } },
    expect = {
      { key = "provider_routes", contains = "1 route |" },
      { key = "provider_routes", contains = "2 routes" },
      { key = "provider_routes", excludes = "1 routes" },
      { key = "shared_benchmarks", contains = "1 shared benchmark" },
      { key = "shared_benchmarks", excludes = "1 shared benchmarks" },
      { key = "MMLU", contains = "70%" },
      { key = "pricing_coverage", contains = "One has 1 tracked provider route and Two has 2 tracked provider routes" },
    } },
  { name = "no routes and no benchmarks",
    a = { id = "bare-a", name = "Bare A" },
    b = { id = "bare-b", name = "Bare B" },
    expect = {
      { section = "scorecard", key = "not_recorded", contains = "provider routes" },
      { key = "shared_benchmarks", contains = "0 shared benchmarks" },
      { key = "no_shared_route", absent = true },
      { key = "no_route", about = "bare-a", contains = "Bare A has no tracked provider route" },
      { key = "pricing_coverage", contains = "Neither model has a tracked provider route" },
      { key = "faq.where_to_run", contains = "Neither Bare A nor Bare B has a tracked provider route" },
    } },
  { name = "one output token per request",
    a = { id = "t-a", name = "T A", routes = { { provider = "P", pricing = priced } } },
    b = { id = "t-b", name = "T B", routes = { { provider = "P", pricing = priced } } },
    traffic = { requests = 1, input_tokens = 2000, output_tokens = 1 },
    expect = {
      { key = "traffic", contains = "At 1 request a month of 2,000 input tokens and 1 output token each" },
      { key = "faq.cheaper", contains = "Neither" },
      { key = "shared_routes", values = { "P" } },
    } },
}
