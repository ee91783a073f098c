-- A site's other pages (versus site DIR): the index of every model and a page per model.
-- Every word on them comes from here; the core lays them out and links them.
-- cost is the model's cost block (as p.cost.a in a report) under the default policy at the
-- default request size: its cost route's list prices are what these pages show, whatever
-- traffic the pair pages were made at.

-- The prices of a model's cost route under the default policy, or nil.
local function route_prices(m, cost)
  local r = cost.route_index and m.routes and m.routes[cost.route_index]
  return r and r.pricing
end

page{ id = "index",
  title = "AI model comparisons",
  intro = function(n)
    return "Every model of the catalog (" .. en.plural(n, "model") .. "), with the facts people "
        .. "sort by. Prices are those of each model's cost route: its creator's own API where "
        .. "the record lists one, else the median of its priced routes. Each model's page "
        .. "links to its comparisons."
  end,
  columns = { "Model", "Creator", "Context window", "Input price (per 1M tokens)",
              "Output price (per 1M tokens)", "Openness" },
  row = function(m, cost)
    local pr = route_prices(m, cost)
    return { m.name, fmt.cell(m.creator), fmt.tokens(m.context_window),
             fmt.price(pr and pr.input_per_mtok), fmt.price(pr and pr.output_per_mtok),
             fmt.cell(model.openness_label(m)) }
  end,
}

page{ id = "model",
  title = function(m) return m.name end,
  columns = { "Fact", "Value" },
  facts = function(m, cost)
    local pr = route_prices(m, cost)
    return {
      { "Creator", fmt.cell(m.creator) },
      { "Family", fmt.cell(m.family) },
      { "Released", fmt.cell(m.released) },
      { "Product type", fmt.cell(m.product_type) },
      { "Context window", fmt.tokens(m.context_window) },
      { "Max output tokens", fmt.tokens(m.max_output_tokens) },
      { "Parameters", fmt.params(m.parameters) },
      { "License", fmt.cell(model.license_text(m)) },
      { "Openness", fmt.cell(model.openness_label(m)) },
      { "Priced on", fmt.cell(cost.route) },
      { "Input price (per 1M tokens)", fmt.price(pr and pr.input_per_mtok) },
      { "Output price (per 1M tokens)", fmt.price(pr and pr.output_per_mtok) },
      { "Providers", fmt.cell(table.concat(model.providers(m), ", ")) },
    }
  end,
  pairs_heading = "Compare with",
  -- The link reads as the pair page's title (a, b in sorted id order).
  pair = function(a, b)
    local p = { a = a, b = b }
    return fmt.name(p, a) .. " vs " .. fmt.name(p, b)
  end,
  back = "All models",
}
