-- Pricing and availability: token prices (USD per million tokens) of the route each model's
-- cost estimate uses, as the traffic profile applies them (a tier's price when a tier
-- applied, the cell naming it), the blended price, the batch discount when batch is on,
-- the providers, and the routes whose prices are outliers.  Which route, and the prices it
-- applies, are the core's (p.cost.X.applied); the words are here.

section{ id = "pricing", title = "Pricing and availability", style = "paragraphs",
         columns = function(p) return { "Pricing attribute", fmt.name(p, p.a), fmt.name(p, p.b) } end }

-- The rows of the table, in report.md's order (Shape).
rule{ key = "pricing.table", section = "pricing", fn = function(p)
  -- f(applied) gives a side's cell from the route its prices come from
  local function both(label, key, f)
    return tables.row(p, key, label, function(_, side) return f(p.cost[side].applied) end)
  end
  local rows = {
    both("Input price (per 1M tokens)", "input_price",
         function(a) return model.applied_price(a, "input") end),
    both("Output price (per 1M tokens)", "output_price",
         function(a) return model.applied_price(a, "output") end),
  }
  -- Each model's providers, and whether some route of it lists a cached-input price: worked
  -- out once per model for a site (the fact at the end of this file), not once per pair.
  local fa, fb = p.a:fact("pricing.model"), p.b:fact("pricing.model")
  -- Only when some route of either model lists a cached-input price.
  if fa.cached or fb.cached then
    rows[#rows + 1] = both("Cached input price (per 1M tokens)", "cached_input_price",
        function(a) return fmt.price(a and a.cached_input_per_mtok) end)
  end
  -- Artificial Analysis's 3:1 blend, so the figure compares across pages.
  rows[#rows + 1] = both("Blended price (3:1 input to output, per 1M tokens)", "blended_price",
      function(a) return fmt.price(a and (3 * a.input_per_mtok + a.output_per_mtok) / 4) end)
  if p.traffic.batch then
    rows[#rows + 1] = both("Batch discount", "batch_discount", function(a)
      if not a then return fmt.unknown end
      return a.batch_discount and fmt.percent(a.batch_discount) or "none"
    end)
  end
  rows[#rows + 1] = { key = "providers",
                      cells = { "Providers", fa.providers, fb.providers } }
  -- report.md, Shape: a row unknown on both sides is left out and named once.
  return tables.not_recorded(p, rows, function(labels)
    -- "input price", not "input price (per 1M tokens)": the unit says nothing here.
    local short = {}
    for i, l in ipairs(labels) do short[i] = (string.gsub(l, " %(.*%)$", "")) end
    return tables.say_not_recorded(short)
  end)
end }

-- Which route the prices come from, said once for both models.
rule{ key = "price_route", section = "pricing", fn = function(p)
  local parts = {}
  for _, side in ipairs({ "a", "b" }) do
    local m, c = p[side], p.cost[side]
    local r = c.applied and m.routes[c.applied.route_index]
    if r then
      local where = r.provider .. (r.region and (", " .. r.region) or "")
      local why = c.monthly ~= nil and "the route its monthly cost uses"
          or "the route that would price it if the request fitted"
      parts[#parts + 1] = fmt.name(p, m) .. " on " .. where .. ", " .. why
    end
  end
  if #parts == 0 then return nil end
  return { text = "Prices shown at " .. en.plural(p.traffic.input_tokens, "input token")
      .. " a request: " .. table.concat(parts, "; ") .. ".",
           about = { p.a.id, p.b.id } }
end }

-- Routes priced far below the model's other listings: most likely a data error, so they never
-- price the model (report.md, Outliers).
rule{ key = "price_outlier", section = "pricing", fn = function(p)
  local items = {}
  for _, side in ipairs({ "a", "b" }) do
    local m, c = p[side], p.cost[side]
    if #c.outliers > 0 then
      local names, providers = {}, {}
      for _, i in ipairs(c.outliers) do
        local r = m.routes[i]
        names[#names + 1] = r.provider .. (r.region and (" (" .. r.region .. ")") or "")
        providers[#providers + 1] = r.provider
      end
      local verb = #names == 1 and "lists" or "list"
      local it = #names == 1 and "it does" or "they do"
      items[#items + 1] = {
        text = en.list(names) .. " " .. verb .. " " .. fmt.name(p, m) .. " at under a tenth of "
            .. "the median price of its other listings, most likely a data error, so " .. it
            .. " not price it here.",
        about = { m.id }, values = providers }
    end
  end
  return items
end }

-- What pricing.table needs of one model: its providers as a cell ("—" for none), and whether
-- some route of it lists a cached-input price.
fact{ key = "pricing.model", fn = function(m)
  local pv = model.providers(m)
  return { providers = #pv > 0 and table.concat(pv, ", ") or fmt.unknown,
           cached = model.has_cached_price(m) }
end }
