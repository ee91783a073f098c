-- Monthly cost at traffic: the traffic profile, each model's monthly cost and the route
-- it uses (or why there is none), and the difference.

section{ id = "cost", title = "Monthly cost at traffic", style = "paragraphs",
         columns = { "Model", "Monthly cost", "Route" } }

-- Why a cost is unknown, as a clause: reason("no_routes") --> "no provider route is tracked".
local REASON = {
  no_routes = "no provider route is tracked",
  no_complete_price = "no route has both an input and an output price",
  overflow = "the estimate is too large to compute at this traffic",
}
local function reason(code)
  return REASON[code] or "no monthly estimate could be made"
end

rule{ key = "traffic", section = "cost", fn = function(p)
  local t = p.traffic
  local I, O = t.input_tokens, t.output_tokens
  local per
  if I ~= 1 and O ~= 1 then
    per = fmt.int(I) .. " input and " .. fmt.int(O) .. " output tokens each"
  else
    per = en.plural(I, "input token") .. " and " .. en.plural(O, "output token") .. " each"
  end
  local extras = {}
  if t.cached_share and t.cached_share > 0 then
    extras[#extras + 1] = fmt.percent(t.cached_share) .. " of input tokens served from the prompt cache"
  end
  if t.batch then
    extras[#extras + 1] = "batch discounts applied where a route offers them"
  end
  local extra = #extras > 0 and (", with " .. en.list(extras)) or ""
  return {
    text = "At " .. en.plural(t.requests, "request") .. " a month of " .. per .. extra
        .. ", each model's cost comes from its cheapest tracked route (or long-context tier) "
        .. "with both an input and an output price.",
  }
end }

rule{ key = "cost", section = "cost", fn = function(p)
  local rows = {}
  for _, side in ipairs({ "a", "b" }) do
    local m, c = p[side], p.cost[side]
    local money, route
    if c.monthly ~= nil then
      money = fmt.money(c.monthly)
      route = c.route or fmt.unknown
      local r = c.route_index and m.routes and m.routes[c.route_index]
      if r and r.region then route = route .. " (" .. r.region .. ")" end
    else
      money = "Unavailable"
      route = en.capitalize(reason(c.reason))
    end
    rows[#rows + 1] = { key = "cost." .. m.id, cells = { fmt.name(p, m), money, route } }
  end
  return rows
end }

rule{ key = "unavailable", section = "cost", fn = function(p)
  local items = {}
  for _, side in ipairs({ "a", "b" }) do
    local m, c = p[side], p.cost[side]
    if c.monthly == nil then
      items[#items + 1] = {
        text = "No monthly cost for " .. fmt.name(p, m) .. ": " .. reason(c.reason) .. ".",
        about = { m.id },
      }
    end
  end
  return items
end }

rule{ key = "delta", section = "cost", fn = function(p)
  local c = p.cost
  local na, nb = fmt.name(p, p.a), fmt.name(p, p.b)
  if c.a.monthly == nil or c.b.monthly == nil then
    if c.a.reason == "overflow" or c.b.reason == "overflow" then
      return { text = "No cost delta: an estimate is too large to compute at this traffic." }
    end
    return { text = "Cost delta unavailable until both models have a sourced input and output "
        .. "token price." }
  end
  if c.equal or not c.cheaper then
    return { text = na .. " and " .. nb .. " cost the same at this traffic: "
        .. fmt.money(c.a.monthly) .. " a month each." }
  end
  local cheap, dear = p.a, p.b
  if c.cheaper == p.b then cheap, dear = p.b, p.a end
  return {
    text = fmt.name(p, cheap) .. " costs " .. fmt.money(c.delta) .. " less per month than "
        .. fmt.name(p, dear) .. " at this traffic.",
    about = { cheap.id, dear.id },
  }
end }
