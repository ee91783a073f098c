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
  -- A list of more than six providers is the pricing table's (report.md, Said once).
  local where = "on " .. en.list(common)
  if #common > 6 then where = "by " .. en.plural(#common, "provider") .. " (see the pricing table)" end
  return {
    text = fmt.name(p, p.a) .. " and " .. fmt.name(p, p.b) .. " are both offered " .. where
        .. ", so a switch there can keep the same SDK and billing.",
    about = { p.a.id, p.b.id },
    values = common,
  }
end }

rule{ key = "replacement_coverage", section = "friction", fn = function(p)
  local caps = model.cap_differs(p, "integration")
  if #caps == 0 then return nil end
  return {
    text = "Check replacement coverage for " .. en.list(model.cap_phrases(caps))
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
        text = fmt.name(p, m) .. " adds " .. en.list(model.cap_phrases(caps))
            .. " in the local capability data; code that relies on " .. them
            .. " needs another path on " .. fmt.name(p, o) .. ".",
        about = { m.id },
        values = model.labels(caps),
      }
    end
  end
  return items
end }

-- Do the two licences differ?  Only when both are known: by SPDX id when both records give
-- one, else by name, ignoring case.  An openness label alone is not a licence.
local function licences_differ(a, b)
  local la, lb = a.license, b.license
  if not la or not lb or not la.name or not lb.name then return false end
  if la.spdx and lb.spdx then return not model.same(la.spdx, lb.spdx) end
  return not model.same(la.name, lb.name)
end

-- The two licences as prose names them: by name, or by SPDX id when the names read alike.
local function licence_names(a, b)
  local na, nb = a.license.name, b.license.name
  if model.same(na, nb) then na, nb = a.license.spdx or na, b.license.spdx or nb end
  return na, nb
end

rule{ key = "license_terms", section = "friction", fn = function(p)
  local a, b = p.a, p.b
  local parts = {}
  if licences_differ(a, b) then
    local na, nb = licence_names(a, b)
    -- "is proprietary" reads; "is under Proprietary" does not.
    local function under(n)
      return model.same(n, "proprietary") and "is proprietary" or ("is under " .. model.licence_phrase(n))
    end
    parts[#parts + 1] = fmt.name(p, a) .. " " .. under(na) .. " and " .. fmt.name(p, b) .. " "
        .. under(nb)
  end
  local ua, ub = model.commercial_label(a), model.commercial_label(b)
  if ua and ub and not model.same(a.commercial_use, b.commercial_use) then
    parts[#parts + 1] = "commercial use is " .. string.lower(ua) .. " for " .. fmt.name(p, a)
        .. " and " .. string.lower(ub) .. " for " .. fmt.name(p, b)
  end
  if #parts == 0 then return nil end
  return {
    text = "License terms differ: " .. table.concat(parts, ", and ")
        .. "; review them before switching.",
    about = { a.id, b.id },
  }
end }

rule{ key = "friction.none", section = "friction", fallback = true, fn = function(p)
  return { key = "none",
    text = "The local data shows no switch friction between " .. fmt.name(p, p.a) .. " and "
        .. fmt.name(p, p.b) .. "; still run your integration tests before moving traffic.",
    about = { p.a.id, p.b.id },
  }
end }
