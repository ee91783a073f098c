-- Decision scorecard: one row per signal, facts straight from the two records.

section{ id = "scorecard", title = "Decision scorecard", style = "paragraphs",
         columns = function(p) return { "Signal", fmt.name(p, p.a), fmt.name(p, p.b) } end }

-- A row {label, cell for a, cell for b} with the row key of report.md.
local function row(key, label, f, p)
  return { key = key, cells = { label, f(p.a), f(p.b) } }
end

rule{ key = "scorecard.note", section = "scorecard", fn = function(p)
  return { text = "Local evidence first: every row comes from the two model records, and "
      .. fmt.unknown .. " marks a fact the record does not give." }
end }

rule{ key = "scorecard.product_type", section = "scorecard", fn = function(p)
  return row("product_type", "Product type", function(m) return fmt.cell(m.product_type) end, p)
end }

rule{ key = "scorecard.best_for", section = "scorecard", fn = function(p)
  return row("best_for", "Best for", function(m) return fmt.cell(m.best_for) end, p)
end }

rule{ key = "scorecard.decision_fit", section = "scorecard", fn = function(p)
  return row("decision_fit", "Decision fit", function(m) return fmt.cell(en.list(model.tags(m))) end, p)
end }

rule{ key = "scorecard.context_window", section = "scorecard", fn = function(p)
  return row("context_window", "Context window", function(m) return fmt.tokens(m.context_window) end, p)
end }

rule{ key = "scorecard.cheapest_output", section = "scorecard", fn = function(p)
  return row("cheapest_output", "Cheapest output (per 1M tokens)",
             function(m) return fmt.price(model.cheapest_output(m)) end, p)
end }

rule{ key = "scorecard.provider_routes", section = "scorecard", fn = function(p)
  -- "3 routes", or "4 routes from 3 providers" when a provider has several; "—" for none.
  local function cell(m)
    local n, np = model.route_count(m), #model.providers(m)
    if n == 0 then return fmt.unknown end
    local s = en.plural(n, "route")
    if np < n then s = s .. " from " .. en.plural(np, "provider") end
    return s
  end
  return row("provider_routes", "Provider routes", cell, p)
end }

rule{ key = "scorecard.shared_benchmarks", section = "scorecard", fn = function(p)
  local n = #model.pair_shared_benchmarks(p)
  local cell = en.plural(n, "shared benchmark", "shared benchmarks")
  return { key = "shared_benchmarks", cells = { "Shared benchmarks", cell, cell } }
end }
