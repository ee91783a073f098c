-- Monthly cost at traffic: the traffic profile, each model's monthly cost, the route that
-- prices it and why that route (its creator's own API, else the median of its priced
-- routes, or the cheapest on request), requests a model cannot take, tiers, batch, a much
-- cheaper route, and the difference.  The maths is the core's (report.md); the words are here.

section{ id = "cost", title = "Monthly cost at traffic", style = "paragraphs",
         columns = { "Model", "Monthly cost", "Priced on", "Why this route" },
         -- The HTML chart's words: axis titles, the marker of the chosen traffic, and the
         -- label of a size where the cheaper model changes.
         chart = { x = "Input tokens per request (log scale)",
                   y = "Monthly cost in USD (log scale)",
                   marker = "this traffic",
                   crossover = "crossover" } }

-- Why a cost is unknown, as a clause (fit reasons have their own sentence, does_not_fit).
local REASON = {
  no_routes = "no provider route is tracked",
  no_route_for_provider = "none of its routes is from the chosen providers",
  no_complete_price = "no route has both an input and an output price",
  only_outliers = "its only complete prices are outliers, far below its other listings",
  overflow = "the estimate is too large to compute at this traffic",
  exceeds_context_window = "the request does not fit its context window",
  exceeds_max_output = "the request asks for more output than it can produce",
}
local function reason(code)
  return REASON[code] or "no monthly estimate could be made"
end

-- How the cost route was chosen, for the table: "Median of 3 priced routes".  The count is
-- the model's candidates (report.md, Cost block): never routes --provider left out, nor
-- outliers.
local function basis(c)
  if c.basis == "first_party" then return "Creator's own API" end
  if c.basis == "cheapest" then return "Cheapest priced route" end
  if c.basis == "median" then
    if c.candidates <= 1 then return "Its only priced route" end
    return "Median of " .. en.plural(c.candidates, "priced route")
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
      cells = { fmt.name(p, m), fmt.money(c.monthly), route_name(m, c.route_index), basis(c) }
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
      local why = c.reason
      if why == "no_complete_price" and #c.outliers > 0 then why = "only_outliers" end
      return "No monthly cost for " .. fmt.name(p, m) .. ": " .. reason(why) .. "."
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
    return "The same holds for " .. fmt.name(p, m) .. ": " .. route_name(m, c.route_index)
        .. " lists no batch discount."
  end)
end }

rule{ key = "cheaper_route", section = "cost", fn = function(p)
  return each_model(p, function(m, c, first)
    local low = c.cheapest
    if c.monthly == nil or not low or not model.at_least(0.9 * c.monthly, low.monthly) then
      return nil
    end
    local saving = fmt.pct_less(low.monthly, c.monthly)
    if first then
      return fmt.name(p, m) .. " costs " .. fmt.money(low.monthly) .. " a month on "
          .. route_name(m, low.route_index) .. ", " .. saving .. " under its "
          .. fmt.money(c.monthly) .. " on " .. route_name(m, c.route_index)
          .. "; check that route's terms and limits before counting on the lower price.",
          { low.route }
    end
    return "For " .. fmt.name(p, m) .. ", " .. route_name(m, low.route_index) .. " is "
        .. saving .. " cheaper as well, at " .. fmt.money(low.monthly) .. " a month against "
        .. fmt.money(c.monthly) .. " on " .. route_name(m, c.route_index) .. ".", { low.route }
  end)
end }

rule{ key = "batch_applied", section = "cost", fn = function(p)
  if not p.traffic.batch then return nil end
  return each_model(p, function(m, c, first)
    local d = c.applied and c.applied.batch_discount
    if c.monthly == nil or not c.batch_applied or not d then return nil end
    if first then
      return fmt.name(p, m) .. "'s figure includes the " .. fmt.percent(d) .. " batch discount "
          .. route_name(m, c.route_index) .. " gives; without batch it would cost "
          .. fmt.money(c.monthly / (1 - d)) .. " a month."
    end
    return "For " .. fmt.name(p, m) .. ", " .. route_name(m, c.route_index) .. " takes "
        .. fmt.percent(d) .. " off in batch as well (" .. fmt.money(c.monthly / (1 - d))
        .. " a month without it)."
  end)
end }

-- A cached share saves nothing on a route that lists no cached-input price.
rule{ key = "cache_not_priced", section = "cost", fn = function(p)
  local share = p.traffic.cached_share
  if not share or share <= 0 then return nil end
  return each_model(p, function(m, c, first)
    if c.monthly == nil or not c.applied or c.applied.cached_input_per_mtok then return nil end
    if first then
      return route_name(m, c.route_index) .. " lists no cached-input price for " .. fmt.name(p, m)
          .. ", so the " .. fmt.percent(share) .. " of input served from the cache is priced "
          .. "as ordinary input there: caching saves nothing as listed."
    end
    return "Caching saves nothing as listed for " .. fmt.name(p, m) .. " either: "
        .. route_name(m, c.route_index) .. " lists no cached-input price."
  end)
end }

-- The creator's own route has no complete price, so a median or the cheapest stands in.
rule{ key = "first_party_unpriced", section = "cost", fn = function(p)
  return each_model(p, function(m, c)
    if c.basis ~= "median" and c.basis ~= "cheapest" then return nil end
    local own
    for _, r in ipairs(m.routes or {}) do
      local pr = r.pricing
      if r.first_party == true and not (pr and pr.input_per_mtok and pr.output_per_mtok) then
        own = r
        break
      end
    end
    if not own then return nil end
    local figure = c.basis == "median" and "the median of its other priced routes"
        or "its cheapest priced route"
    return own.provider .. ", " .. fmt.name(p, m) .. "'s creator's own API, lists no complete "
        .. "price, so its monthly cost here is " .. figure .. ", not its list price.", { own.provider }
  end)
end }

-- The cost route lists no long-context tier while other routes charge one at this size.
rule{ key = "tier_unlisted", section = "cost", fn = function(p)
  local I = fmt.int(p.traffic.input_tokens)
  return each_model(p, function(m, c)
    local tu = c.tier_unlisted
    if c.monthly == nil or not tu then return nil end
    local others
    if tu.of == 1 then
      others = "while its one other route charges a long-context price there; at that price"
    else
      others = "while " .. fmt.int(tu.routes) .. " of its " .. fmt.int(tu.of)
          .. " other routes charge a long-context price there; at their median"
    end
    return route_name(m, c.route_index) .. " lists no price for " .. fmt.name(p, m)
        .. " at " .. I .. " input tokens beyond its base rate, " .. others
        .. " it would cost " .. fmt.money(tu.monthly_usd) .. " a month, against the "
        .. fmt.money(c.monthly) .. " shown."
  end)
end }

-- Hidden reasoning tokens are billed as output but are not in the profile's output tokens.
rule{ key = "reasoning_tokens", section = "cost", fn = function(p)
  local cap
  for _, x in ipairs(p.capabilities) do
    if x.id == "reasoning" then cap = x end
  end
  if not cap then return nil end
  local sides = {}
  return each_model(p, function(m, c, first)
    local side = m == p.a and "a" or "b"
    if c.monthly == nil or cap[side] ~= "yes" then return nil end
    sides[#sides + 1] = side
    if first then
      return fmt.name(p, m) .. " reasons before it answers, and bills those hidden tokens as "
          .. "output; they are not in the " .. en.plural(p.traffic.output_tokens, "output token")
          .. " of this profile, so add them with --output-tokens for a true figure."
    end
    return fmt.name(p, m) .. " bills hidden reasoning tokens as output too; --output-tokens "
        .. "should include them."
  end)
end }

-- Where the cheaper model changes with the prompt size (report.md, crossovers).
rule{ key = "crossover", section = "cost", fn = function(p)
  local xs = p.cost.crossovers
  if #xs == 0 then return nil end
  local function name(id) return fmt.name(p, id == p.a.id and p.a or p.b) end
  local first = xs[1]
  local before = first.cheaper == p.a.id and p.b.id or p.a.id
  local text
  if #xs == 1 then
    text = name(before) .. " is cheaper below " .. fmt.int(first.input_tokens)
        .. " input tokens per request; " .. name(first.cheaper) .. " is cheaper from there up."
  else
    local parts = { name(before) .. " below " .. fmt.int(first.input_tokens) }
    for i = 1, math.min(#xs, 3) do
      parts[#parts + 1] = name(xs[i].cheaper) .. " from " .. fmt.int(xs[i].input_tokens)
    end
    local more = #xs > 3 and ("; the lead changes " .. en.plural(#xs - 3, "more time")
        .. " at larger sizes") or ""
    text = "Which model is cheaper depends on the prompt size: " .. en.list(parts)
        .. " input tokens per request" .. more .. "."
  end
  return { text = text, about = { p.a.id, p.b.id } }
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
