-- Routes at this traffic (report.md, Routes): each model's candidate routes with the prices
-- the profile applies and the monthly cost each would give, cheapest first, so a team sees
-- at its own traffic what every listing would charge and which one sets the figure.  The
-- costs and the order are the core's (p.cost.X.ranked); the words are here.

section{ id = "routes", title = "Routes at this traffic", style = "paragraphs",
         columns = { "Model", "Provider", "Input (per 1M tokens)", "Output (per 1M tokens)",
                     "Cached input (per 1M tokens)", "Monthly cost" } }

local MAX_ROWS = 8 -- a model's rows at most; the route that sets the price is always one

-- The rows of one model: its candidates by monthly cost (ties: record order), the first
-- MAX_ROWS, the cost route taking the last place when it would fall beyond them.
local function shown(c)
  local ranked, out = c.ranked, {}
  local keep = #ranked > MAX_ROWS and MAX_ROWS - 1 or MAX_ROWS
  local has_cost_route = false
  for i = 1, math.min(#ranked, keep) do
    out[#out + 1] = ranked[i]
    if ranked[i].route_index == c.route_index then has_cost_route = true end
  end
  if #ranked > MAX_ROWS then
    for i = keep + 1, #ranked do
      local r = ranked[i]
      if (has_cost_route and i == keep + 1) or (not has_cost_route and r.route_index == c.route_index) then
        out[#out + 1] = r
        break
      end
    end
  end
  return out
end

rule{ key = "routes.table", section = "routes", fn = function(p)
  local rows = {}
  for _, side in ipairs({ "a", "b" }) do
    local m, c = p[side], p.cost[side]
    if c.monthly ~= nil then
      for _, r in ipairs(shown(c)) do
        local route = m.routes[r.route_index]
        local where = route.provider .. (route.region and (", " .. route.region) or "")
        if r.route_index == c.route_index then where = where .. " (sets the price)" end
        local monthly = fmt.money(r.monthly)
        if not r.eligible then monthly = monthly .. ", no tier listed" end
        rows[#rows + 1] = {
          key = "route." .. m.id .. "." .. (r.route_index - 1),
          cells = { fmt.name(p, m), where, model.applied_price(r, "input"),
                    model.applied_price(r, "output"),
                    fmt.price(r.cached_input_per_mtok), monthly } }
      end
    end
  end
  return rows
end }

-- A model with no row: it cannot serve the profile, or no route has a usable price.
rule{ key = "routes.none", section = "routes", fn = function(p)
  local items = {}
  for _, side in ipairs({ "a", "b" }) do
    local m, c = p[side], p.cost[side]
    local why
    if not c.fits then
      why = "it cannot serve this traffic"
    elseif c.candidates == 0 then
      why = "no route has both an input and an output price"
      if c.reason == "no_routes" then why = "the record lists no route" end
      if c.reason == "no_route_for_provider" then why = "none of its routes is from the chosen providers" end
    end
    if why then
      items[#items + 1] = { key = "routes.none", about = { m.id },
                            text = "No route of " .. fmt.name(p, m) .. " is listed here: " .. why .. "." }
    end
  end
  return items
end }

-- A model with more candidates than rows.
rule{ key = "routes.more", section = "routes", fn = function(p)
  local items = {}
  for _, side in ipairs({ "a", "b" }) do
    local m, c = p[side], p.cost[side]
    if c.monthly ~= nil then
      local more = #c.ranked - #shown(c)
      if more > 0 then
        items[#items + 1] = { key = "routes.more", about = { m.id },
          text = fmt.name(p, m) .. " has " .. en.plural(more, "more priced route")
              .. " than the table shows, which keeps the cheapest and the one that sets the price." }
      end
    end
  end
  return items
end }
