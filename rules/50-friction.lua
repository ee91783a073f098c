-- Switch friction: what moving traffic from one model to the other would break or change.

section{ id = "friction", title = "Switch friction", style = "list" }

rule{ key = "no_shared_route", section = "friction", fn = function(p)
  if model.route_count(p.a) == 0 or model.route_count(p.b) == 0 then return nil end
  if #model.common_providers(p.a, p.b) > 0 then return nil end
  return {
    text = "No tracked provider offers both " .. fmt.name(p, p.a) .. " and " .. fmt.name(p, p.b)
        .. "; plan for SDK, billing, or endpoint changes when switching.",
    about = { p.a.id, p.b.id },
  }
end }

rule{ key = "no_route", section = "friction", fn = function(p)
  local items = {}
  for _, m in ipairs({ p.a, p.b }) do
    if model.route_count(m) == 0 then
      items[#items + 1] = {
        text = fmt.name(p, m) .. " has no tracked provider route; find out how you would call it "
            .. "before planning a switch.",
        about = { m.id },
      }
    end
  end
  return items
end }

rule{ key = "shared_routes", section = "friction", fn = function(p)
  local common = model.common_providers(p.a, p.b)
  if #common == 0 then return nil end
  return {
    text = fmt.name(p, p.a) .. " and " .. fmt.name(p, p.b) .. " are both offered on "
        .. en.list(common) .. ", so a switch there can keep the same SDK and billing.",
    about = { p.a.id, p.b.id },
    values = common,
  }
end }

rule{ key = "replacement_coverage", section = "friction", fn = function(p)
  local caps = model.cap_differs(p, "integration")
  if #caps == 0 then return nil end
  return {
    text = "Check replacement coverage for " .. en.list(model.prose_labels(caps))
        .. " before moving production traffic.",
    about = { p.a.id, p.b.id },
    values = model.labels(caps),
  }
end }

rule{ key = "adds_capabilities", section = "friction", fn = function(p)
  local items = {}
  for _, side in ipairs({ "a", "b" }) do
    local caps = model.cap_diff(p, side, "integration")
    if #caps > 0 then
      local m, o = p[side], p[model.other(side)]
      local them = #caps == 1 and "it" or "them"
      items[#items + 1] = {
        text = fmt.name(p, m) .. " adds " .. en.list(model.prose_labels(caps))
            .. " in the local capability data; code that relies on " .. them
            .. " needs another path on " .. fmt.name(p, o) .. ".",
        about = { m.id },
        values = model.labels(caps),
      }
    end
  end
  return items
end }

-- "proprietary, commercial use conditional": what a model's terms say, as far as known.
local function terms(m)
  local parts = {}
  local o = model.openness_label(m)
  parts[#parts + 1] = o and string.lower(o) or "openness not on record"
  local c = model.commercial_label(m)
  parts[#parts + 1] = "commercial use " .. (c and string.lower(c) or "not on record")
  return table.concat(parts, ", ")
end

rule{ key = "license_terms", section = "friction", fn = function(p)
  local a, b = p.a, p.b
  local open_differs = a.openness and b.openness and not model.same(a.openness, b.openness)
  local use_differs = a.commercial_use and b.commercial_use
      and not model.same(a.commercial_use, b.commercial_use)
  if not open_differs and not use_differs then return nil end
  return {
    text = "License terms differ (" .. fmt.name(p, a) .. ": " .. terms(a) .. "; "
        .. fmt.name(p, b) .. ": " .. terms(b) .. "); review them before switching.",
    about = { a.id, b.id },
  }
end }
