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
  local ca, cb = p.a:fact("scorecard.cells"), p.b:fact("scorecard.cells")
  local function row(key, label) return { key = key, cells = { label, ca[key], cb[key] } } end
  return tables.not_recorded(p, {
    row("product_type", "Product type"),
    row("best_for", "Best for"),
    row("decision_fit", "Decision fit"),
    { key = "context_window", cells = { "Context window", wa, wb } },
    tables.row(p, "cheapest_output", "Cheapest output (per 1M tokens)",
        function(m, side) return fmt.price(model.cheapest_output(m, p.cost[side].outliers)) end),
    row("provider_routes", "Provider routes"),
    { key = "shared_benchmarks", cells = { "Shared benchmarks", shared, shared } },
  }, tables.say_not_recorded)
end }

-- The rows' cells that depend on one model only, by row key: worked out once per model for
-- a whole site (fact{}), not once per pair.
fact{ key = "scorecard.cells", fn = function(m)
  return {
    product_type = fmt.cell(m.product_type),
    best_for = fmt.cell(m.best_for),
    decision_fit = fmt.cell(en.list(model.tags(m))),
    provider_routes = routes_cell(m),
  }
end }
