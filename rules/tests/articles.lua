-- Articles by sound and product types used mid-sentence.
local function m(id, name, product_type, extra)
  local r = { id = id, name = name, product_type = product_type }
  for k, v in pairs(extra or {}) do r[k] = v end
  return r
end

return {
  { name = "an IDE integration against a unified model",
    a = m("ide-one", "IDE One", "IDE integration"),
    b = m("uni-one", "Uni One", "Unified model"),
    expect = {
      { key = "product_type_framing", contains = "IDE One is an IDE integration, while Uni One is a unified model" },
      { key = "intro", excludes = "integration" },
      { key = "product_type_framing", contains = "IDE One is an IDE integration" },
      { key = "product_type_framing", contains = "Uni One is a unified model" },
    } },
  { name = "a coding-specialized model against a standalone API model",
    a = m("spark", "Spark", "Coding-specialized model"),
    b = m("qwen", "Qwen", "Standalone API model"),
    expect = {
      { key = "product_type_framing", contains = "is a coding-specialized model, while Qwen is a standalone API model" },
      { key = "product_type_framing", excludes = "is coding-specialized model" },
    } },
  { name = "an API model and an open-source model; an 8k-token window",
    a = m("api-one", "Api One", "API model", { context_window = 8192 }),
    b = m("os-one", "Os One", "Open-source model", { context_window = 131072 }),
    expect = {
      { key = "product_type_framing", contains = "is an API model, while Os One is an open-source model" },
      { key = "intro", contains = "ships an 8k-token context window" },
      { key = "intro", contains = "ships a 128k-token context window" },
    } },
  { name = "same product type ignoring case: no framing, plural type",
    a = m("f1", "F1", "Frontier model"),
    b = m("f2", "F2", "frontier Model"),
    expect = {
      { key = "product_type_framing", absent = true },
      { key = "intro", contains = "are both frontier models" },
    } },
  { name = "one product type unknown: no framing, no invented type",
    a = m("known", "Known", "LLM"),
    b = { id = "unknown-type", name = "Unknown Type" },
    expect = {
      { key = "product_type_framing", absent = true },
      { key = "intro", contains = "Known, an LLM, is compared here with Unknown Type" },
      { key = "intro", contains = "not on record" },
    } },
}
