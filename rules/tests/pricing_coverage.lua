-- The pricing coverage sentence fits the case: both, one or neither model priced.
local full = { input_per_mtok = 1.25, output_per_mtok = 10 }
local half = { input_per_mtok = 1.25 }

return {
  { name = "both priced: complete, never uneven",
    a = { id = "p-a", name = "P A", routes = { { provider = "X", pricing = full } } },
    b = { id = "p-b", name = "P B", routes = { { provider = "Y", pricing = { input_per_mtok = 0.5, output_per_mtok = 1.5 } } } },
    expect = {
      { key = "pricing_coverage", contains = "complete" },
      { key = "pricing_coverage", excludes = "uneven" },
      { key = "cheaper_at_traffic", about = "p-b", contains = "P B costs less at this traffic: $175.00 a month against $750.00" },
      { key = "delta", contains = "The difference is $575.00 a month in favour of P B" },
      { key = "faq.cheaper", about = "p-b" },
      { key = "unavailable", absent = true },
      { key = "cost.p-a", contains = "$750.00 | X" },
    } },
  { name = "one priced: uneven, named",
    a = { id = "p-a", name = "P A", routes = { { provider = "X", pricing = full } } },
    b = { id = "h-b", name = "H B", routes = { { provider = "Y", pricing = half } } },
    expect = {
      { key = "pricing_coverage", contains = "uneven: P A has a sourced input and output token price, but H B does not" },
      { key = "unavailable", about = "h-b", contains = "no route has both an input and an output price" },
      { key = "cheaper_at_traffic", absent = true },
      { key = "faq.cheaper", absent = true },
      { key = "delta", contains = "No cost difference is given" },
      -- H B has no candidate: the pricing table shows no route for it (report.md).
      { key = "input_price", contains = "$1.25 | \u{2014}" },
      { key = "output_price", contains = "$10.00 | \u{2014}" },
    } },
  { name = "neither priced: not uneven, no delta",
    a = { id = "n-a", name = "N A", routes = { { provider = "OpenAI API" } } },
    b = { id = "n-b", name = "N B", routes = { { provider = "NVIDIA NIM", pricing = half } } },
    expect = {
      { key = "pricing_coverage", contains = "Neither model has a sourced input and output token price" },
      { key = "pricing_coverage", excludes = "uneven" },
      -- Said once: the coverage sentence is the deep dive's, and rows unknown on both sides
      -- are left out and named (report.md, Shape).
      { section = "pricing", key = "not_recorded",
        values = { "input_price", "output_price", "blended_price" } },
      { key = "no_shared_route", contains = "No tracked provider offers both N A and N B" },
      { key = "providers", contains = "OpenAI API | NVIDIA NIM" },
    } },
  { name = "equal costs: no cheaper tradeoff, FAQ about both",
    a = { id = "e-a", name = "E A", routes = { { provider = "X", pricing = full } } },
    b = { id = "e-b", name = "E B", routes = { { provider = "x", pricing = full } } },
    expect = {
      { key = "cheaper_at_traffic", absent = true },
      { key = "delta", contains = "cost the same at this traffic: $750.00 a month each" },
      { key = "faq.cheaper", contains = "Neither: both cost $750.00 a month at this traffic, both on X" },
      { key = "shared_routes", values = { "X" } },
    } },
  { name = "a cached-input price adds its row",
    a = { id = "c-a", name = "C A", routes = { { provider = "X", pricing = { input_per_mtok = 2, output_per_mtok = 8, cached_input_per_mtok = 0.5 } } } },
    b = { id = "c-b", name = "C B" },
    expect = {
      { key = "cached_input_price", contains = "$0.50 | \u{2014}" },
      { key = "unavailable", about = "c-b", contains = "no provider route is tracked" },
    } },
}
