-- Monthly cost at traffic: the traffic profile, each model's monthly cost, the route that
-- prices it and why that route (its creator's own API, else the median of its priced
-- routes, or the cheapest on request), requests a model cannot take, tiers, batch, a much
-- cheaper route, and the difference.  The maths is the core's (report.md); the words are here.

section{ id = "cost", title = "Monthly cost at traffic", style = "paragraphs",
         columns = { "Model", "Monthly cost", "Priced on", "Why this route" },
         -- The HTML chart's words: axis titles and the marker of the chosen traffic.
         chart = { x = "Input tokens per request (log scale)",
                   y = "Monthly cost in USD (log scale)",
                   marker = "this traffic" } }

-- Why a cost is unknown, as a clause (fit reasons have their own sentence, does_not_fit).
local REASON = {
  no_routes = "no provider route is tracked",
  no_route_for_provider = "none of its routes is from the chosen providers",
  no_complete_price = "no route has both an input and an output price",
  overflow = "the estimate is too large to compute at this traffic",
  exceeds_context_window = "the request does not fit its context window",
  exceeds_max_output = "the request asks for more output than it can produce",
}
local function reason(code)
  return REASON[code] or "no monthly estimate could be made"
end

-- How the cost route was chosen, for the table: basis("median", 3) --> "Median of 3 priced routes".
local function basis(c, m)
  if c.basis == "first_party" then return "Creator's own API" end
  if c.basis == "cheapest" then return "Cheapest priced route" end
  if c.basis == "median" then
    local n = 0
    for _, r in ipairs(m.routes or {}) do
      local pr = r.pricing
      if pr and pr.input_per_mtok and pr.output_per_mtok then n = n + 1 end
    end
    if n <= 1 then return "Its only priced route" end
    return "Median of " .. en.plural(n, "priced route")
  end
  return fmt.unknown
end

-- A route's provider with its region: "AWS Bedrock, US (cross-region inference)".
local function route_name(m, index)
  local r = index and m.routes and m.routes[index]
  if not r then return fmt.unknown end
  if r.region then return r.provider .. ", " .. r.region end
  return r.provider
end

rule{ key = "traffic", section = "cost", fn = function(p)
  local t = p.traffic
  local I, O = t.input_tokens, t.output_tokens
  local per = en.plural(I, "input token") .. " and " .. en.plural(O, "output token") .. " each"
  local extras = {}
  if t.cached_share and t.cached_share > 0 then
    extras[#extras + 1] = fmt.percent(t.cached_share) .. " of input tokens served from the prompt cache"
  end
  if t.batch then
    extras[#extras + 1] = "batch discounts applied where a route offers them"
  end
  local extra = #extras > 0 and (", with " .. en.list(extras)) or ""
  local policy
  if t.cheapest then
    policy = "each model is priced on its cheapest route with both an input and an output price"
  else
    policy = "each model is priced on its creator's own API where the record lists one, else on "
        .. "the median of its routes with both an input and an output price, so that a reseller's "
        .. "discount does not set the figure"
  end
  local only = ""
  if #t.providers > 0 then
    only = " Only routes from " .. en.list(model.list(t.providers), "or") .. " are considered."
  end
  return {
    text = "At " .. en.plural(t.requests, "request") .. " a month of " .. per .. extra .. ", "
        .. policy .. "." .. only,
  }
end }

-- The items of a rule that speaks of each model in turn: say(m, c, first) gives a model's
-- sentence (and its values), or nil to say nothing of it.  first is false when the other
-- model already has a sentence, so the second takes another frame and the page does not
-- repeat itself.
local function each_model(p, say)
  local items = {}
  for _, side in ipairs({ "a", "b" }) do
    local m = p[side]
    local text, values = say(m, p.cost[side], #items == 0)
    if text then items[#items + 1] = { text = text, about = { m.id }, values = values } end
  end
  return items
end

rule{ key = "cost", section = "cost", fn = function(p)
  local rows = {}
  for _, side in ipairs({ "a", "b" }) do
    local m, c = p[side], p.cost[side]
    local cells
    if c.monthly ~= nil then
      cells = { fmt.name(p, m), fmt.money(c.monthly), route_name(m, c.route_index), basis(c, m) }
    else
      cells = { fmt.name(p, m), "Unavailable", en.capitalize(reason(c.reason)), fmt.unknown }
    end
    rows[#rows + 1] = { key = "cost." .. m.id, cells = cells }
  end
  return rows
end }

rule{ key = "does_not_fit", section = "cost", fn = function(p)
  local t = p.traffic
  local needed = fmt.int(t.input_tokens + t.output_tokens)
  return each_model(p, function(m, c, first)
    if c.reason == "exceeds_context_window" then
      if not first then
        return fmt.name(p, m) .. " cannot take it either: its " .. fmt.tokens(m.context_window)
            .. " window is smaller than the " .. needed .. " tokens a request needs."
      end
      return fmt.name(p, m) .. " cannot serve this traffic: a request of "
          .. fmt.int(t.input_tokens) .. " input and " .. fmt.int(t.output_tokens)
          .. " output tokens needs " .. needed .. " tokens of context, more than its "
          .. fmt.tokens(m.context_window) .. " window, so no cost is given for it."
    elseif c.reason == "exceeds_max_output" then
      return fmt.name(p, m) .. " cannot serve this traffic: it produces at most "
          .. en.plural(m.max_output_tokens, "output token") .. " per request, fewer than the "
          .. fmt.int(t.output_tokens) .. " asked for, so no cost is given for it."
    end
  end)
end }

rule{ key = "unavailable", section = "cost", fn = function(p)
  local ca, cb = p.cost.a, p.cost.b
  if ca.monthly == nil and cb.monthly == nil and ca.fits and cb.fits and ca.reason == cb.reason then
    -- The same reason for both: one sentence, not the same one twice.
    return { text = "Neither model has a monthly cost: for each, " .. reason(ca.reason) .. ".",
             about = { p.a.id, p.b.id } }
  end
  return each_model(p, function(m, c)
    if c.monthly == nil and c.fits then
      return "No monthly cost for " .. fmt.name(p, m) .. ": " .. reason(c.reason) .. "."
    end
  end)
end }

rule{ key = "tier_applied", section = "cost", fn = function(p)
  return each_model(p, function(m, c, first)
    local tier = c.tier
    if c.monthly == nil or not tier then return nil end
    local prices = {}
    if tier.input_per_mtok then prices[#prices + 1] = fmt.price(tier.input_per_mtok) .. " input" end
    if tier.output_per_mtok then prices[#prices + 1] = fmt.price(tier.output_per_mtok) .. " output" end
    local at = #prices > 0 and (", " .. en.list(prices) .. " per million tokens") or ""
    if first then
      return "Requests to " .. fmt.name(p, m) .. " exceed " .. fmt.int(tier.above_input_tokens)
          .. " input tokens, so " .. route_name(m, c.route_index)
          .. " charges its long-context prices" .. at .. "."
    end
    return fmt.name(p, m) .. " also pays long-context prices on " .. route_name(m, c.route_index)
        .. " above " .. fmt.int(tier.above_input_tokens) .. " input tokens" .. at .. "."
  end)
end }

rule{ key = "batch_not_offered", section = "cost", fn = function(p)
  if not p.traffic.batch then return nil end
  return each_model(p, function(m, c, first)
    if c.monthly == nil or c.batch_applied then return nil end
    if first then
      return "Batch changes nothing for " .. fmt.name(p, m) .. ": "
          .. route_name(m, c.route_index) .. " lists no batch discount."
    end
    return "Nor does it for " .. fmt.name(p, m) .. ", whose "
        .. route_name(m, c.route_index) .. " route has no batch discount either."
  end)
end }

rule{ key = "cheaper_route", section = "cost", fn = function(p)
  return each_model(p, function(m, c, first)
    local low = c.cheapest
    if c.monthly == nil or not low or not model.at_least(0.9 * c.monthly, low.monthly) then
      return nil
    end
    local saving = math.floor((1 - low.monthly / c.monthly) * 100)
    if first then
      return fmt.name(p, m) .. " costs " .. fmt.money(low.monthly) .. " a month on "
          .. route_name(m, low.route_index) .. ", " .. saving .. "% under its "
          .. fmt.money(c.monthly) .. " on " .. route_name(m, c.route_index)
          .. "; check that route's terms and limits before counting on the lower price.",
          { low.route }
    end
    return "For " .. fmt.name(p, m) .. ", " .. route_name(m, low.route_index) .. " is "
        .. saving .. "% cheaper as well, at " .. fmt.money(low.monthly) .. " a month against "
        .. fmt.money(c.monthly) .. " on " .. route_name(m, c.route_index) .. ".", { low.route }
  end)
end }

rule{ key = "delta", section = "cost", fn = function(p)
  local c = p.cost
  local na, nb = fmt.name(p, p.a), fmt.name(p, p.b)
  if c.a.monthly == nil or c.b.monthly == nil then
    local which = (c.a.monthly == nil and c.b.monthly == nil) and "both monthly costs are"
        or "one monthly cost is"
    return { text = "No cost difference is given while " .. which .. " unavailable." }
  end
  if c.equal or not c.cheaper then
    return { text = na .. " and " .. nb .. " cost the same at this traffic: "
        .. fmt.money(c.a.monthly) .. " a month each." }
  end
  local cheap, dear = p.a, p.b
  if c.cheaper == p.b then cheap, dear = p.b, p.a end
  return {
    text = "The difference is " .. fmt.money(c.delta) .. " a month in favour of "
        .. fmt.name(p, cheap) .. ".",
    about = { cheap.id, dear.id },
  }
end }
