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
  return tables.not_recorded(p, {
    tables.row(p, "released", "Released", function(m) return fmt.cell(m.released) end),
    sizes(p, "context_window", "Context window", "context_window"),
    tables.row(p, "api_model", "API model id", function(m, side) return fmt.cell(api_model(p, side)) end),
    sizes(p, "max_output_tokens", "Max output tokens", "max_output_tokens"),
    tables.row(p, "parameters", "Parameters", function(m) return fmt.params(m.parameters) end),
    tables.row(p, "architecture", "Architecture", function(m) return fmt.cell(m.architecture) end),
    tables.row(p, "license", "License", function(m) return fmt.cell(model.license_text(m)) end),
    tables.row(p, "openness", "Openness", function(m) return fmt.cell(model.openness_label(m)) end),
    tables.row(p, "commercial_use", "Commercial use", function(m) return fmt.cell(model.commercial_label(m)) end),
    tables.row(p, "knowledge_cutoff", "Knowledge cutoff", function(m) return fmt.cell(m.knowledge_cutoff) end),
  }, tables.say_not_recorded)
end }
