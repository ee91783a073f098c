-- `versus diff OLD NEW`: every word of its md and text output comes from here; the core
-- works out what changed (docs/diff.schema.json) and lays it out.  Numbers come in as
-- arguments, nil when unknown.

local fields = { "Context window", "Max output tokens", "Route", "Input price (per 1M tokens)",
                 "Output price (per 1M tokens)", "Cached input price (per 1M tokens)",
                 "Batch discount", "Long-context tiers", "Record", "Product type", "Openness",
                 "Capabilities (yes)", "Benchmarks" }

-- report.md's reasons to choose, in its order (core/diff/diff_reasons.c)
local reasons = { "fits the traffic", "cheaper at this traffic", "leads on benchmarks",
                  "capabilities the other lacks", "larger context window",
                  "open license", "more providers" }

page{ id = "diff",
  title = "What the catalog update changes",
  intro = function(models, pairs, requests, input, output)
    return en.plural(models, "model") .. " changed; " .. en.plural(pairs, "pair")
        .. " listed. Monthly costs at " .. fmt.int(requests) .. " requests a month of "
        .. fmt.tokens(input) .. " input and " .. fmt.tokens(output) .. " output tokens."
  end,
  models_heading = "Models that changed",
  models_column_1 = "Model", models_column_2 = "What changed", models_column_3 = "Before",
  models_column_4 = "After",
  cost_row = "Monthly cost",
  -- field codes, in docs/diff.schema.json's order of "field" values
  field = function(code) return fields[code] end,
  money = function(x) return fmt.money(x) end,
  price = function(x) return fmt.price(x) end,
  tokens = function(x) return fmt.tokens(x) end,
  share = function(x) return fmt.percent(x) end,
  tier = function(above, input, output)
    return "above " .. fmt.tokens(above) .. ": " .. fmt.price(input) .. " / " .. fmt.price(output)
  end,
  listed = function(yes) return yes and "listed" or fmt.unknown end,
  record = function(code) return ({ "added", "removed" })[code] end,
  benchmarks = function(n) return en.plural(n, "benchmark") end,
  reason = function(code) return reasons[code] end,
  -- by what the pairs are: the default, --all, --pair A B
  pairs_heading_decisions = "Pairs whose decision changed",
  pairs_heading_all = "Pairs whose monthly cost changed",
  pairs_heading_pair = "The pair asked for",
  pairs_column_1 = "Pair", pairs_column_2 = "Monthly cost before",
  pairs_column_3 = "Monthly cost after", pairs_column_4 = "Cheaper",
  pairs_column_5 = "At most 90% of the other's cost",
  pairs_column_6 = "Reasons to choose",
  none = fmt.unknown,
  flipped = "(flipped)",
  changed = "(changed)",
  nothing = "No model's record, monthly cost or reasons to choose changed.",
}
