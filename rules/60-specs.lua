-- Specs: the record's facts side by side; — where one record does not say, and a row that
-- neither record fills left out and named once in a not_recorded item (report.md, Shape).

section{ id = "specs", title = "Specs", style = "paragraphs",
         columns = function(p) return { "Specification", fmt.name(p, p.a), fmt.name(p, p.b) } end }

-- Rows: tables.row(p, key, label, f), f(m, side) the cell for one model.  (The lines of
-- this file's rules stay where they are: a report's "source" names them, and goldens
-- compare it: a row helper moved to rules/lib/tables.lua left these lines in its place.)

-- Two token counts side by side (a row of its own shape: the two are formatted together),
-- as report.md's "Two sizes side by side" shows them.
local function sizes(p, key, label, field)
  local x, y = fmt.two_tokens(p.a[field], p.b[field])
  return { key = key, cells = { label, x, y } }
end

-- The model id to call: the `model` of the route the pricing table uses (the cost block's
-- `applied` route, else model.price_route's), else of the first route that has one.
local function api_model(p, side)
  local m, c = p[side], p.cost[side]
  local idx = c.applied and c.applied.route_index
  local r = idx and m.routes and m.routes[idx] or model.price_route(p, side)
  if r and r.model then return r.model end
  for _, x in ipairs(m.routes or {}) do
    if x.model then return x.model end
  end
  return nil
end

rule{ key = "specs.rows", section = "specs", fn = function(p)
  local ca, cb = p.a:fact("specs.cells"), p.b:fact("specs.cells")
  local function row(key, label) return { key = key, cells = { label, ca[key], cb[key] } } end
  return tables.not_recorded(p, {
    row("released", "Released"),
    sizes(p, "context_window", "Context window", "context_window"),
    tables.row(p, "api_model", "API model id", function(m, side) return fmt.cell(api_model(p, side)) end),
    sizes(p, "max_output_tokens", "Max output tokens", "max_output_tokens"),
    row("parameters", "Parameters"),
    row("architecture", "Architecture"),
    row("license", "License"),
    row("openness", "Openness"),
    row("commercial_use", "Commercial use"),
    row("knowledge_cutoff", "Knowledge cutoff"),
  }, tables.say_not_recorded)
end }

-- The rows' cells that depend on one model only, by row key: worked out once per model for
-- a whole site (fact{}), not once per pair.
fact{ key = "specs.cells", fn = function(m)
  return {
    released = fmt.cell(m.released),
    parameters = fmt.params(m.parameters),
    architecture = fmt.cell(m.architecture),
    license = fmt.cell(model.license_text(m)),
    openness = fmt.cell(model.openness_label(m)),
    commercial_use = fmt.cell(model.commercial_label(m)),
    knowledge_cutoff = fmt.cell(m.knowledge_cutoff),
  }
end }
