-- Routes at this traffic (report.md, Routes): each model's candidate routes with the prices
-- the profile applies and the monthly cost each would give, cheapest first, so a team sees
-- at its own traffic what every listing would charge and which one sets the figure.  The
-- costs and the order are the core's (p.cost.X.ranked); the words are here.

section{ id = "routes", title = "Routes at this traffic", style = "paragraphs",
         -- Short titles: six columns must fit a 60-column terminal ("per 1M" tokens, in USD).
         columns = { "Model", "Provider", "Input per 1M", "Output per 1M", "Cached per 1M",
                     "Monthly cost" } }

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

-- One model's rows but for the model cell: {key, provider, input, output, cached, monthly}.
local function model_rows(m, c)
  local out = {}
  for _, r in ipairs(shown(c)) do
    local route = m.routes[r.route_index]
    local where = route.provider .. (route.region and (", " .. route.region) or "")
    if r.route_index == c.route_index then where = where .. " (sets the price)" end
    local monthly = fmt.money(r.monthly)
    if not r.eligible then monthly = monthly .. ", no tier listed" end
    out[#out + 1] = { "route." .. m.id .. "." .. (r.route_index - 1), where,
                      model.applied_price(r, "input"), model.applied_price(r, "output"),
                      fmt.price(r.cached_input_per_mtok), monthly }
  end
  return out
end

-- A site prices every model at one traffic profile, and each model appears in many pairs:
-- its rows are worked out once per state and profile (at most 4096 models kept, then the
-- cache starts again).  Anything but a model view (a rule test's table) is worked out each time.
local rows_of
do
  local cache, n, type = {}, 0, type
  local last = {}  -- the profile the cache holds rows for
  local FIELDS = { "requests", "input_tokens", "output_tokens", "cached_share", "batch", "cheapest" }
  local function same_profile(t)
    for _, k in ipairs(FIELDS) do
      if last[k] ~= t[k] then return false end
    end
    local pv = t.providers
    if #pv ~= #last.providers then return false end
    for i = 1, #pv do
      if pv[i] ~= last.providers[i] then return false end
    end
    return true
  end
  function rows_of(p, m, c)
    if type(m) ~= "userdata" then return model_rows(m, c) end
    local t = p.traffic
    if not last.providers or not same_profile(t) then
      last = { providers = model.list(t.providers) }
      for _, k in ipairs(FIELDS) do last[k] = t[k] end
      cache, n = {}, 0
    end
    local rows = cache[m]
    if not rows then
      rows = model_rows(m, c)
      if n == 4096 then cache, n = {}, 0 end
      cache[m], n = rows, n + 1
    end
    return rows
  end
end

-- The table (A's rows, then B's), and for each model either routes.none (no row: it cannot
-- serve the profile, or no route has a usable price) or routes.more (more candidates than
-- rows).  One rule: a site runs it on every page.
rule{ key = "routes", section = "routes", fn = function(p)
  local out, last_why = {}, nil
  for _, side in ipairs({ "a", "b" }) do
    local m, c = p[side], p.cost[side]
    local name = fmt.name(p, m)
    if c.monthly ~= nil then
      local rows = rows_of(p, m, c)
      for _, r in ipairs(rows) do
        out[#out + 1] = { key = r[1], cells = { name, r[2], r[3], r[4], r[5], r[6] } }
      end
      local more = c.candidates - #rows
      if more > 0 then
        out[#out + 1] = { key = "routes.more", about = { m.id },
          text = name .. " has " .. en.plural(more, "more priced route") .. " than the table "
              .. "shows, which keeps the cheapest and the one that sets the price." }
      end
    elseif not c.fits or c.candidates == 0 then
      local why = "it cannot serve this traffic"
      if c.fits then
        why = c.reason == "no_routes" and "the record lists no route"
            or c.reason == "no_route_for_provider" and "none of its routes is from the chosen providers"
            or "no route has both an input and an output price"
      end
      -- The second model for the same reason takes another frame (said once).
      local text = "No route of " .. name .. " is listed here: " .. why .. "."
      if side == "b" and why == last_why then text = "The same goes for " .. name .. "." end
      last_why = why
      out[#out + 1] = { key = "routes.none", about = { m.id }, text = text }
    end
  end
  return out
end }
