-- Capabilities: one row per loaded capability check, Yes / No / — (unknown is not No); a check
-- unknown for both models is left out and named once in a not_recorded item.

section{ id = "capabilities", title = "Capabilities", style = "paragraphs",
         columns = function(p) return { "Capability", fmt.name(p, p.a), fmt.name(p, p.b) } end }

rule{ key = "capabilities", section = "capabilities", fn = function(p)
  local rows = {}
  for _, c in ipairs(p.capabilities) do
    rows[#rows + 1] = { key = c.id, cells = { c.label, model.yes_no(c.a), model.yes_no(c.b) } }
  end
  return tables.not_recorded(p, rows, tables.say_not_recorded)
end }

rule{ key = "capabilities.unknown", section = "capabilities", fn = function(p)
  for _, c in ipairs(p.capabilities) do
    if (c.a == "unknown") ~= (c.b == "unknown") then
      return { text = fmt.unknown .. " means the record does not say; it is not a No." }
    end
  end
  return nil
end }
