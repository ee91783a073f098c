-- The reference page's pair: its facts, none of its mistakes (docs/spec/report.md).
local no = false
local spark = {
  id = "gpt-5.3-codex-spark", name = "GPT-5.3-Codex-Spark", released = "2026-02-12",
  product_type = "Coding-specialized model",
  best_for = "custom coding agents, code generation, and tool loops",
  decision_tags = { "Coding", "RAG", "Agents" }, context_window = 131000,
  architecture = "Decoder Only", license = { name = "Proprietary" }, openness = "proprietary",
  commercial_use = "conditional",
  capabilities = { vision = no, multimodal = no, reasoning = no, function_calling = true,
    tool_use = true, structured_outputs = true, code_execution = true, ide_integration = no,
    computer_use = no, parallel_agents = no },
  routes = { { provider = "OpenAI API" } }, last_reviewed = "2026-06-04",
}
local qwen = {
  id = "qwen2-7b-instruct", name = "Qwen2-7B-Instruct", released = "2024-06-07",
  product_type = "Standalone API model", best_for = "general production evaluation",
  decision_tags = { "Long context" }, context_window = 128000, parameters = 7000000000,
  architecture = "Decoder Only",
  license = { name = "Apache 2.0", spdx = "Apache-2.0", osi_approved = true },
  openness = "open-source", commercial_use = "permitted",
  capabilities = { vision = no, multimodal = no, reasoning = no, function_calling = no,
    tool_use = no, structured_outputs = no, code_execution = no, ide_integration = no,
    computer_use = no, parallel_agents = no },
  routes = { { provider = "NVIDIA NIM" } }, last_reviewed = "2026-06-04",
}

return {
  { name = "reference pair", a = spark, b = qwen,
    expect = {
      { key = "intro", contains = "This page compares GPT-5.3-Codex-Spark (2026) with Qwen2-7B-Instruct (2024)." },
      { key = "product_type_framing", contains = "is a coding-specialized model, while Qwen2-7B-Instruct is a standalone API model" },
      { key = "provider_routes", contains = "1 route" },
      { key = "provider_routes", excludes = "1 routes" },
      { section = "scorecard", key = "not_recorded", values = { "cheapest_output" } },
      { key = "larger_context", about = "gpt-5.3-codex-spark" },
      { key = "unique_capabilities", about = "gpt-5.3-codex-spark",
        values = { "Function calling", "Tool use", "Structured outputs", "Code execution" } },
      { key = "openness_split", about = "qwen2-7b-instruct" },
      { key = "no_shared_route", about = "gpt-5.3-codex-spark", contains = "GPT-5.3-Codex-Spark and Qwen2-7B-Instruct" },
      { key = "adds_capabilities", about = "gpt-5.3-codex-spark",
        values = { "Function calling", "Tool use", "Structured outputs" } },
      { key = "license", contains = "Apache 2.0 (OSI-approved)" },
      { key = "providers", contains = "OpenAI API | NVIDIA NIM" },
      -- No route has a cached price: no cached row, and not_recorded does not name it.
      { section = "pricing", key = "not_recorded",
        values = { "input_price", "output_price", "blended_price" } },
      { key = "pricing_coverage", excludes = "uneven" },
      { key = "capability_footprint", excludes = "core language-model surface" },
      { key = "choose", excludes = "fit are" },
      { key = "faq.capability.function_calling", about = "gpt-5.3-codex-spark" },
      { key = "faq.capability.code_execution", absent = true },
      { key = "faq.where_to_run", values = { "OpenAI API", "NVIDIA NIM" } },
      { key = "faq.cheaper", absent = true },
      { key = "last_reviewed", values = { "2026-06-04" } },
    } },
}
