-- tables: helpers for the report's two-model tables (scorecard, specs, pricing, capabilities).
-- Loaded after en, fmt and model (sorted names), so it may use all three.

local tables = {}

-- A row of a two-model table, with its row key (report.md): the label, then f's cell for each
-- model, f(m, side) with side "a" or "b":
-- tables.row(p, "released", "Released", function(m) return fmt.cell(m.released) end) -->
--   {key = "released", cells = {"Released", "2024-06-07", "—"}}.
function tables.row(p, key, label, f)
  return { key = key, cells = { label, f(p.a, "a"), f(p.b, "b") } }
end

-- Is a row one that says nothing: both model cells (cells[2] and cells[3]) unknown?
-- tables.blank({cells = {"Parameters", "—", "—"}}) --> true.
function tables.blank(row)
  local c = row.cells
  return c[2] == fmt.unknown and c[3] == fmt.unknown
end

-- report.md, Shape: rows whose two model cells are both "—" are left out, and the section
-- gets one `not_recorded` item listing the left-out rows' keys in table order.  rows is the
-- table's rows in order, a list without holes (a rule leaves out a row that does not apply
-- by not adding it); say(labels, keys) gives the item's text from the left-out rows' labels (first
-- letter lowered for mid-sentence use) and keys.  Returns the kept rows followed by that
-- item, ready for a rule to return:
-- tables.not_recorded(p, {released_row, params_row}, say) --> {released_row,
--   {key = "not_recorded", text = say({"parameters"}, {"parameters"}),
--    about = {p.a.id, p.b.id}, values = {"parameters"}}} when params_row is "—" twice.
function tables.not_recorded(p, rows, say)
  -- A plain loop: the sandbox's pairs sorts its keys, which costs more than the whole table.
  local out, labels, keys = {}, {}, {}
  for i = 1, #rows do
    local row = rows[i]
    if tables.blank(row) then
      labels[#labels + 1] = en.lower_first(row.cells[1])
      keys[#keys + 1] = row.key
    else
      out[#out + 1] = row
    end
  end
  if #keys > 0 then
    out[#out + 1] = { key = "not_recorded", text = say(labels, keys),
                      about = { p.a.id, p.b.id }, values = keys }
  end
  return out
end

-- The shipped wording, for rules that want it:
-- tables.say_not_recorded({"parameters", "architecture", "commercial use"}) -->
-- "Not recorded for either model: parameters, architecture, and commercial use."
function tables.say_not_recorded(labels)
  return "Not recorded for either model: " .. en.list(labels) .. "."
end

return tables
