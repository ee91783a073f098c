-- Decision scorecard: one row per signal, facts straight from the two records.  A row that
-- neither record fills is left out and named once in a not_recorded item (report.md, Shape).

section{ id = "scorecard", title = "Decision scorecard", style = "paragraphs",
         columns = function(p) return { "Signal", fmt.name(p, p.a), fmt.name(p, p.b) } end }

-- Rows: tables.row(p, key, label, f) with report.md's row keys, f(m, side) the cell for one
-- model.  (The lines of this file's rules stay where they are: a report's "source" names
-- them, and goldens compare it: a row helper moved to rules/lib/tables.lua left these
-- lines in its place.)

rule{ key = "scorecard.note", section = "scorecard", fn = function(p)
  return { text = "Local evidence first: every row comes from the two model records, and "
      .. fmt.unknown .. " marks a fact the record does not give." }
end }

-- "3 routes", or "4 routes from 3 providers" when a provider has several; "—" for none.
local function routes_cell(m)
  local n, np = model.route_count(m), #model.providers(m)
  if n == 0 then return fmt.unknown end
  local s = en.plural(n, "route")
  if np < n then s = s .. " from " .. en.plural(np, "provider") end
  return s
end

rule{ key = "scorecard.rows", section = "scorecard", fn = function(p)
  local wa, wb = fmt.two_tokens(p.a.context_window, p.b.context_window)
  local n = #model.pair_shared_benchmarks(p)
  local shared = en.plural(n, "shared benchmark", "shared benchmarks")
  return tables.not_recorded(p, {
    tables.row(p, "product_type", "Product type", function(m) return fmt.cell(m.product_type) end),
    tables.row(p, "best_for", "Best for", function(m) return fmt.cell(m.best_for) end),
    tables.row(p, "decision_fit", "Decision fit", function(m) return fmt.cell(en.list(model.tags(m))) end),
    { key = "context_window", cells = { "Context window", wa, wb } },
    tables.row(p, "cheapest_output", "Cheapest output (per 1M tokens)",
        function(m, side) return fmt.price(model.cheapest_output(m, p.cost[side].outliers)) end),
    tables.row(p, "provider_routes", "Provider routes", routes_cell),
    { key = "shared_benchmarks", cells = { "Shared benchmarks", shared, shared } },
  }, tables.say_not_recorded)
end }
