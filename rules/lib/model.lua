-- model: accessors over model views and the pair, so rules read as facts.
-- Views are read-only userdata: use ipairs / # / fields, never type(v) == "table".
-- Loaded after en and fmt, so it may use both.

local model = {}

-- f(x) remembered for each x of type kind (once per state; at most 4096 answers kept, then
-- the cache starts again, so odd input cannot grow it without end); any other x is worked
-- out each time.  For pure helpers that rules ask about the same few values on every pair.
local function remember(f, kind)
  local type, cache, n = type, {}, 0
  return function(x)
    if type(x) ~= kind then return f(x) end
    local r = cache[x]
    if r == nil then
      r = f(x)
      if n == 4096 then cache, n = {}, 0 end
      cache[x], n = r, n + 1
    end
    return r
  end
end

-- Lower-case ASCII, white space runs as one space, trimmed:
-- model.norm("  NVIDIA   NIM ") --> "nvidia nim".
function model.norm(s)
  if s == nil then return nil end
  s = string.gsub(string.lower(s), "%s+", " ")
  return (string.gsub(s, "^ ?(.-) ?$", "%1"))
end

-- Equal ignoring ASCII case and white space runs, both known:
-- model.same("Open-Source", "open-source") --> true; model.same(nil, nil) --> false.
function model.same(x, y)
  return x ~= nil and y ~= nil and model.norm(x) == model.norm(y)
end

-- A view array (or nil) copied into a plain table: model.list(m.decision_tags) --> {"Coding", "RAG"}.
function model.list(v)
  local t = {}
  for _, x in ipairs(v or {}) do t[#t + 1] = x end
  return t
end

-- "b" for "a" and "a" for "b": model.other("a") --> "b".
function model.other(side)
  return side == "a" and "b" or "a"
end

-- Number of routes: model.route_count(m) --> 1 (0 when the record lists none).
function model.route_count(m)
  return m.routes and #m.routes or 0
end

-- The providers of m's routes, each once (what model.providers gives).
local function route_providers(m)
  local out, seen = {}, {}
  for _, r in ipairs(m.routes or {}) do
    local k = model.norm(r.provider)
    if k and not seen[k] then seen[k] = true; out[#out + 1] = r.provider end
  end
  return out
end

-- A model's providers never change, and a pair page asks for them a dozen times (scorecard,
-- pricing, friction, FAQ, the reasons to choose): each view's list is worked out once per
-- state.  provider_list gives that list itself, to the helpers here, which only read it;
-- model.providers gives each caller a copy of its own, so a rule that changes what it was
-- given changes nothing for the next.  Anything but a view is worked out each time; at
-- most 4096 views are kept, then the cache starts again.
local provider_list = remember(route_providers, "userdata")

-- Providers of m's routes, each once ignoring case and white space, first spelling kept:
-- routes "OpenAI API", "openai  api", "Azure" --> {"OpenAI API", "Azure"}.
function model.providers(m)
  local list, out = provider_list(m), {}
  for i = 1, #list do out[i] = list[i] end
  return out
end

-- Providers both models offer, in a's order and spelling:
-- a on {"OpenAI API", "Azure"}, b on {"azure"} --> {"Azure"}.
function model.common_providers(a, b)
  local inb = {}
  for _, pv in ipairs(provider_list(b)) do inb[model.norm(pv)] = true end
  local out = {}
  for _, pv in ipairs(provider_list(a)) do
    if inb[model.norm(pv)] then out[#out + 1] = pv end
  end
  return out
end

-- Providers of either model: a's in order, then b's new ones:
-- a on {"OpenAI API"}, b on {"NVIDIA NIM", "openai api"} --> {"OpenAI API", "NVIDIA NIM"}.
function model.all_providers(a, b)
  local out, seen = {}, {}
  for _, m in ipairs({ a, b }) do
    for _, pv in ipairs(provider_list(m)) do
      local k = model.norm(pv)
      if not seen[k] then seen[k] = true; out[#out + 1] = pv end
    end
  end
  return out
end

-- Least output price per million tokens over all routes but the outliers (1-based route
-- indexes, the cost block's `outliers`), or nil: routes priced 10 and 8 --> 8;
-- model.cheapest_output(m, {2}) --> 10; no output price anywhere --> nil.
function model.cheapest_output(m, outliers)
  local skip = {}
  for _, i in ipairs(outliers or {}) do skip[i] = true end
  local best
  for i, r in ipairs(m.routes or {}) do
    local out = not skip[i] and r.pricing and r.pricing.output_per_mtok
    if out and (not best or out < best) then best = out end
  end
  return best
end

-- A price as the profile applied it, naming the tier that set it, from a route of the cost
-- block (p.cost.a.applied, p.cost.a.ranked[i]): model.applied_price(r, "output") -->
-- "$10.00 above 272k", or "$2.50" at the base price; "—" without a route.
function model.applied_price(r, which)
  if not r then return fmt.unknown end
  local s = fmt.price(r[which .. "_per_mtok"])
  if r["tier_" .. which] then s = s .. " above " .. fmt.tokens(r.tier_above) end
  return s
end

-- Does any route of m list a cached-input price? model.has_cached_price(m) --> false.
function model.has_cached_price(m)
  for _, r in ipairs(m.routes or {}) do
    if r.pricing and r.pricing.cached_input_per_mtok then return true end
  end
  return false
end

-- The route whose prices the pricing table shows for side "a"/"b" (report.md, Monthly cost):
-- the cost route, or for a model that cannot serve the profile the route the policy would
-- pick if the fit rule were ignored; nil when the model has no candidate.
function model.price_route(p, side)
  local m, a = p[side], p.cost[side].applied
  if a and m.routes then return m.routes[a.route_index] end
  return nil
end

-- Does any route of the side's record have a complete token price (input and output)?
-- Whether that price gives a monthly cost at this traffic is p.cost's business:
-- model.priced(p, "a") --> false for a model whose only route has no price.
function model.priced(p, side)
  for _, r in ipairs(p[side].routes or {}) do
    local pr = r.pricing
    if pr and pr.input_per_mtok and pr.output_per_mtok then return true end
  end
  return false
end

-- Benchmarks both models report: names equal ignoring case, settings equal (absent
-- equals absent), each once, in a's order: --> { {a = <a's HumanEval>, b = <b's HumanEval>} }.
function model.shared_benchmarks(a, b)
  local function key(x)
    return string.lower(x.name) .. "\0" .. (x.setting and ("=" .. x.setting) or "")
  end
  local inb = {}
  for _, x in ipairs(b.benchmarks or {}) do
    local k = key(x)
    if not inb[k] then inb[k] = x end
  end
  local out, seen = {}, {}
  for _, x in ipairs(a.benchmarks or {}) do
    local k = key(x)
    if inb[k] and not seen[k] then seen[k] = true; out[#out + 1] = { a = x, b = inb[k] } end
  end
  return out
end

-- Open source or open weights: model.is_open(qwen) --> true; unknown openness --> false.
function model.is_open(m)
  local o = model.norm(m.openness)
  return o == "open-source" or o == "open-weights"
end

-- Open source as report.md counts it: openness open-source, or open-weights under an
-- OSI-approved licence: model.is_open_source({openness = "open-weights",
-- license = {name = "MIT", osi_approved = true}}) --> true; open weights under a licence that
-- is not OSI-approved --> false.
function model.is_open_source(m)
  local o = model.norm(m.openness)
  if o == "open-source" then return true end
  return o == "open-weights" and m.license ~= nil and m.license.osi_approved == true
end

-- A licence name as prose names it, with "the" before a name that is a document ("the Llama 4
-- Community License", "the Gemma Terms of Use"), none before an id ("MIT", "Apache 2.0"):
-- model.licence_phrase("Llama 4 Community License") --> "the Llama 4 Community License";
-- model.licence_phrase("Apache 2.0") --> "Apache 2.0"; model.licence_phrase("The Unlicense")
-- --> "The Unlicense".
local DOCUMENT_WORDS = { "license", "licence", "agreement", "terms", "policy" }
function model.licence_phrase(name)
  if name == nil then return nil end
  local low = string.lower(name)
  if string.match(low, "^the%f[%W]") then return name end
  for _, w in ipairs(DOCUMENT_WORDS) do
    if string.find(low, "%f[%w]" .. w .. "%f[%W]") then return "the " .. name end
  end
  return name
end

-- Proprietary, as recorded: model.is_proprietary(gpt) --> true.
function model.is_proprietary(m)
  return model.norm(m.openness) == "proprietary"
end

local OPENNESS = { ["open-source"] = "Open source", ["open-weights"] = "Open weights",
                   ["proprietary"] = "Proprietary" }
local COMMERCIAL = { permitted = "Permitted", conditional = "Conditional", prohibited = "Prohibited" }

-- Table words for openness: model.openness_label(qwen) --> "Open source"; unknown --> nil.
function model.openness_label(m)
  return OPENNESS[model.norm(m.openness) or ""]
end

-- Table words for commercial use: model.commercial_label(qwen) --> "Permitted"; unknown --> nil.
function model.commercial_label(m)
  return COMMERCIAL[model.norm(m.commercial_use) or ""]
end

-- License as shown: model.license_text(qwen) --> "Apache 2.0 (OSI-approved)";
-- {name = "Proprietary"} --> "Proprietary"; none --> nil.
function model.license_text(m)
  local l = m.license
  if not l or not l.name then return nil end
  if l.osi_approved == true then return l.name .. " (OSI-approved)" end
  return l.name
end

-- Decision tags of m: model.tags(gpt) --> {"Coding", "RAG", "Agents"}.
function model.tags(m)
  return model.list(m.decision_tags)
end

-- Tags of m that other lacks (ignoring case): model.unique_tags(gpt, qwen) --> {"Coding", "RAG", "Agents"}.
function model.unique_tags(m, other)
  local has = {}
  for _, t in ipairs(model.tags(other)) do has[model.norm(t)] = true end
  local out = {}
  for _, t in ipairs(model.tags(m)) do
    if not has[model.norm(t)] then out[#out + 1] = t end
  end
  return out
end

-- Capability entries "yes" for side and "no" for the other, in table order:
-- model.cap_diff(p, "a") --> {<function_calling>, <tool_use>, ...} (unknown never counts).
-- They are among p.differences, which the engine works out once a pair.
function model.cap_diff(p, side, group)
  local out = {}
  for _, c in ipairs(p.differences) do
    if c[side] == "yes" and (group == nil or c.group == group) then out[#out + 1] = c end
  end
  return out
end

-- Capability entries that differ either way ("yes" against "no"), in table order:
-- model.cap_differs(p) --> {...}; p.differences filtered by group when one is given.
function model.cap_differs(p, group)
  local out = {}
  for _, c in ipairs(p.differences) do
    if group == nil or c.group == group then out[#out + 1] = c end
  end
  return out
end

-- Capability entries of the integration surface (group "integration"), in table order.
function model.integration(p)
  local out = {}
  for _, c in ipairs(p.capabilities) do
    if c.group == "integration" then out[#out + 1] = c end
  end
  return out
end

-- Labels of capability entries: model.labels(list) --> {"Function calling", "Tool use"}.
function model.labels(caps)
  local out = {}
  for i, c in ipairs(caps) do out[i] = c.label end
  return out
end

-- Labels for mid-sentence use: model.prose_labels(list) --> {"function calling", "IDE integration"}.
function model.prose_labels(caps)
  local out = {}
  for i, c in ipairs(caps) do out[i] = en.lower_first(c.label) end
  return out
end

-- Table cell for a capability answer: model.yes_no("yes") --> "Yes"; "unknown" --> "—".
function model.yes_no(answer)
  if answer == "yes" then return "Yes" end
  if answer == "no" then return "No" end
  return fmt.unknown
end

-- Context windows within a factor of two: model.similar_context(131072, 128000) --> true.
function model.similar_context(x, y)
  if not x or not y or x <= 0 or y <= 0 then return false end
  local hi, lo = math.max(x, y), math.min(x, y)
  return hi <= 2 * lo
end

-- A date "YYYY-MM-DD" as a count of days (since 1970-01-01), for how far apart two release
-- dates are; nil for anything else: model.day_number("1970-01-02") --> 1.
function model.day_number(s)
  if type(s) ~= "string" then return nil end
  local y, mo, d = s:match("^(%d%d%d%d)%-(%d%d)%-(%d%d)$")
  if not y then return nil end
  y, mo, d = tonumber(y), tonumber(mo), tonumber(d)
  if mo <= 2 then y = y - 1 end
  local era = y // 400
  local yoe = y - era * 400
  local doy = (153 * ((mo + 9) % 12) + 2) // 5 + d - 1
  return era * 146097 + yoe * 365 + yoe // 4 - yoe // 100 + doy - 719468
end

-- What related-pair scoring looks at, normalized once: model.profile(m) -->
-- {family = "gpt-5", creator = "openai", product_type = "coding-specialized model",
--  kind = "chat", released = 20089 (model.day_number), context_window = 131000,
--  parameters = nil,
--  providers = {["openai api"] = true}, tags = {coding = true, rag = true, agents = true},
--  provider_list = {"openai api"}, tag_list = {"coding", "rag", "agents"}}
-- (the lists: the keys of the sets, each once, in the record's order).
function model.profile(m)
  local pv, tg, pl, tl = {}, {}, {}, {}
  for _, r in ipairs(m.routes or {}) do
    local k = model.norm(r.provider)
    if not pv[k] then pv[k] = true; pl[#pl + 1] = k end
  end
  for _, t in ipairs(m.decision_tags or {}) do
    local k = model.norm(t)
    if not tg[k] then tg[k] = true; tl[#tl + 1] = k end
  end
  return { family = model.norm(m.family), creator = model.norm(m.creator),
           product_type = model.norm(m.product_type), kind = model.kind(m),
           released = model.day_number(m.released),
           context_window = m.context_window, parameters = m.parameters,
           providers = pv, tags = tg, provider_list = pl, tag_list = tl }
end

-- Shared keys of two sets, at most cap: overlap({a = true, b = true}, {b = true}, 2) --> 1.
-- keys, when given, lists the keys of s (a count needs no sorted pairs() of s).
local function overlap(s, t, cap, keys)
  local n = 0
  if keys then
    for _, k in ipairs(keys) do
      if t[k] then n = n + 1 end
    end
  else
    for k in pairs(s) do
      if t[k] then n = n + 1 end
    end
  end
  return math.min(n, cap)
end

-- How alike two profiles are, for related pairs (report.md, Related pairs): the same family
-- weighs most (16), then the same creator (8), then the same product type (4); then each
-- shared provider and decision tag (1, at most 2 each), a context window and a size within
-- a factor of two (1 each): model.relatedness(model.profile(a), model.profile(x)) --> 0..34.
-- A model sharing neither family nor creator scores at most 4 + 6 = 10 (RELATED_BY_NAME
-- below relies on it).
function model.relatedness(pm, px)
  local s = 0
  if pm.family and pm.family == px.family then s = s + 16 end
  if pm.creator and pm.creator == px.creator then s = s + 8 end
  if pm.product_type and pm.product_type == px.product_type then s = s + 4 end
  s = s + overlap(pm.providers, px.providers, 2, pm.provider_list)
        + overlap(pm.tags, px.tags, 2, pm.tag_list)
  if model.similar_context(pm.context_window, px.context_window) then s = s + 1 end
  if model.similar_context(pm.parameters, px.parameters) then s = s + 1 end
  return s
end

-- A score no model sharing neither family nor creator with m can reach (see relatedness).
local RELATED_BY_NAME = 11

-- Up to n models of the catalog most like m, best first, leaving out the ids in skip
-- (report.md, Related pairs): a model of another kind (an embedding model next to a chat
-- model) ranks below every model of m's kind; then the higher score, then the release date
-- nearest m's (a model with no date, or every model when m has none, after the dated ones),
-- then the smaller id: model.neighbours(catalog, m, 4, {[m.id] = true}).
-- A model view never changes, and ranking the neighbours of every model of a catalog of N
-- scores N x N pairs: each view's profile is worked out once per state, and so is an index
-- of the catalog by family and by creator.  The models sharing either with m are ranked
-- first; when the n-th of them scores RELATED_BY_NAME or more, no other model can rank
-- above it, so the rest of the catalog is not scored (20,000 models: a few hundred scored
-- per model instead of 20,000).  The caches are private (neighbours hands out the models,
-- never a profile), so no rule can change what a later ranking reads; anything but a view
-- (a test's plain table) is not kept.
local profile_of, index_of
do
  local cache, type = {}, type
  function profile_of(m)
    local pr = cache[m]
    if pr == nil then
      pr = model.profile(m)
      if type(m) == "userdata" then cache[m] = pr end
    end
    return pr
  end
  local indexed, index = nil, nil
  -- {by_family = {family = {view, ...}}, by_creator = {...}} for a catalog, once.
  function index_of(catalog)
    if indexed == catalog and index then return index end
    local fam, cre = {}, {}
    for _, x in ipairs(catalog) do
      local px = profile_of(x)
      if px.family then
        local l = fam[px.family] or {}; fam[px.family] = l; l[#l + 1] = x
      end
      if px.creator then
        local l = cre[px.creator] or {}; cre[px.creator] = l; l[#l + 1] = x
      end
    end
    if type(catalog) == "userdata" then indexed, index = catalog, { by_family = fam, by_creator = cre } end
    return { by_family = fam, by_creator = cre }
  end
end

-- u ranks before v (see model.neighbours).
local function ranks_before(u, v)
  if u.same_kind ~= v.same_kind then return u.same_kind end
  if u.score ~= v.score then return u.score > v.score end
  if u.gap ~= v.gap then
    if u.gap == nil or v.gap == nil then return v.gap == nil end
    return u.gap < v.gap
  end
  return u.id < v.id
end

function model.neighbours(catalog, m, n, skip)
  local pm = profile_of(m)
  n = math.floor(n)
  -- Only the best n are wanted: keep them in order as the models go by, which gives what
  -- sorting every model would (ids are unique, so the order is total).
  local top, k, seen = {}, 0, {}
  local function consider(x)
    local id = x.id
    if skip[id] or seen[id] then return end
    seen[id] = true
    local px = profile_of(x)
    local s = { x = x, id = id, same_kind = px.kind == pm.kind,
                score = model.relatedness(pm, px),
                gap = pm.released and px.released and math.abs(px.released - pm.released) }
    if k < n or (k > 0 and ranks_before(s, top[k])) then
      local i = k < n and k + 1 or k
      while i > 1 and ranks_before(s, top[i - 1]) do
        top[i] = top[i - 1]
        i = i - 1
      end
      top[i] = s
      if k < n then k = k + 1 end
    end
  end
  local index = index_of(catalog)
  for _, x in ipairs(pm.family and index.by_family[pm.family] or {}) do consider(x) end
  for _, x in ipairs(pm.creator and index.by_creator[pm.creator] or {}) do consider(x) end
  if not (k == n and n > 0 and top[k].same_kind and top[k].score >= RELATED_BY_NAME) then
    for _, x in ipairs(catalog) do consider(x) end
  end
  local out = {}
  for i = 1, k do out[i] = top[i].x end
  return out
end

-- {====== Facts several sections state (report.md, Reasons to choose and Benchmarks)

-- Capability labels as prose: a phrase for mid-sentence use that still contains the label
-- ("multimodal input", never "has multimodal"); capabilities added by plugins fall back to
-- their label: model.cap_phrase({id = "vision", label = "Vision"}) --> "vision input".
local CAP_PHRASE = { vision = "vision input", multimodal = "multimodal input" }
function model.cap_phrase(c)
  return CAP_PHRASE[c.id] or en.lower_first(c.label)
end

-- Phrases of a list of capability entries: model.cap_phrases(caps) --> {"vision input", "tool use"}.
function model.cap_phrases(caps)
  local out = {}
  for i, c in ipairs(caps) do out[i] = model.cap_phrase(c) end
  return out
end

-- The side ("a" or "b") known to serve the traffic profile while the other cannot, or nil.
-- A model whose window is unknown is priced, but never said to serve what another cannot.
function model.fitter(p)
  local ca, cb = p.cost.a, p.cost.b
  if ca.serves and not cb.fits then return "a" end
  if cb.serves and not ca.fits then return "b" end
  return nil
end

-- The unit of a benchmark entry for comparing: lower-cased, "" when absent.
local function unit_key(x)
  return x.unit and string.lower(x.unit) or ""
end

-- Does a lower score win? model.lower_is_better({name = "WER", higher_is_better = false}) --> true.
function model.lower_is_better(x)
  return x.higher_is_better == false
end

-- Is a lead of x over y on a comparable benchmark material (report.md, Benchmarks)?  At least
-- 2 points where both units are %, else at least 3 % of the larger absolute score, with the
-- equality rule (exactly the threshold is material): model.material({score = 82, unit = "%"},
-- {score = 80, unit = "%"}) --> true; 81.9 against 80 --> false; 80.4 against 80 Elo --> false.
function model.material(x, y)
  local d = math.abs(x.score - y.score)
  if unit_key(x) == "%" and unit_key(y) == "%" then return model.at_least(d, 2) end
  return model.at_least(d, 0.03 * math.max(math.abs(x.score), math.abs(y.score)))
end

-- Shared benchmarks split by comparability (same unit ignoring case, same direction), with
-- who leads each comparable one materially: {shared = {...}, comparable = {...},
-- leads = {a = {names}, b = {names}}, margins = {a = {numbers}, b = {numbers}},
-- units = {a = {units}, b = {units}}, leader = "a" | "b" | nil}.  Names are as the first
-- model writes them; a lead under the material threshold leads nobody.
function model.benchmark_standing(p)
  local shared = model.pair_shared_benchmarks(p)
  local out = { shared = shared, comparable = {}, leads = { a = {}, b = {} },
                margins = { a = {}, b = {} }, units = { a = {}, b = {} } }
  for _, s in ipairs(shared) do
    if unit_key(s.a) == unit_key(s.b) and model.lower_is_better(s.a) == model.lower_is_better(s.b) then
      out.comparable[#out.comparable + 1] = s
      if s.a.score ~= s.b.score and model.material(s.a, s.b) then
        local a_better = s.a.score > s.b.score
        if model.lower_is_better(s.a) then a_better = not a_better end
        local side = a_better and "a" or "b"
        local k = #out.leads[side] + 1
        out.leads[side][k] = s.a.name
        out.margins[side][k] = math.abs(s.a.score - s.b.score)
        out.units[side][k] = s.a.unit
      end
    end
  end
  local na, nb = #out.leads.a, #out.leads.b
  if na ~= nb then out.leader = na > nb and "a" or "b" end
  return out
end

-- A benchmark margin as prose: points for %, the unit otherwise, two decimals at most:
-- model.margin(12.799999999999997, "%") --> "12.8 points"; model.margin(40, "Elo") -->
-- "40 Elo"; model.margin(1, "%") --> "1 point"; model.margin(0.05, nil) --> "0.05".
function model.margin(d, unit)
  local r = math.floor(d * 100 + 0.5 + 1e-9) / 100
  local s = fmt.number(r)
  if unit == "%" then return s .. (r == 1 and " point" or " points") end
  if unit and unit ~= "" then return s .. " " .. unit end
  return s
end

-- The margins of material leads, as a clause: model.lead_margins({"SWE-Bench Verified",
-- "HumanEval"}, {12.8, 4.8}, {"%", "%"}) --> "by 12.8 points on SWE-Bench Verified and
-- 4.8 points on HumanEval".
function model.lead_margins(names, margins, units)
  local parts = {}
  for i, n in ipairs(names) do parts[i] = model.margin(margins[i], units[i]) .. " on " .. n end
  return "by " .. en.list(parts)
end

-- The side that is open (open source or open weights) while the other is proprietary, or nil.
function model.open_side(p)
  if model.is_open(p.a) and model.is_proprietary(p.b) then return "a" end
  if model.is_open(p.b) and model.is_proprietary(p.a) then return "b" end
  return nil
end

-- x >= y where floating-point noise is not a difference (the cost block's equality rule):
-- model.at_least(110, 110.00000000001) --> true.
function model.at_least(x, y)
  return x > y or math.abs(x - y) <= 1e-9 * math.max(math.abs(x), math.abs(y))
end

-- The reasons to choose side over the other, as report.md's codes in their order, each with
-- what a sentence needs: {{code = "cheaper_at_traffic", ...}, ...}.  Only differences that
-- matter: a saving of at least 10 % (at X's higher figure when its listing lacks a tier others
-- charge), a quarter more context, twice the providers and two more, material benchmark
-- leads.  Decision tags are never a reason; neither fit nor cost is one across kinds.
function model.reasons(p, side)
  local o = model.other(side)
  local m, other = p[side], p[o]
  local out = {}
  local function add(code, t) t = t or {}; t.code = code; out[#out + 1] = t end
  local same_kind = model.kind(m) == model.kind(other)
  if same_kind and model.fitter(p) == side then add("fits_traffic") end
  local cm, co = p.cost[side].monthly, p.cost[o].monthly
  if same_kind and cm and co and cm < co and not p.cost.equal then
    local high, tu = cm, p.cost[side].tier_unlisted
    if tu and tu.monthly_usd and tu.monthly_usd > cm then high = tu.monthly_usd end
    if model.at_least(0.9 * co, high) then
      add("cheaper_at_traffic", { mine = cm, theirs = co, high = high ~= cm and high or nil })
    end
  end
  local bench = model.benchmark_standing(p)
  if bench.leader == side then
    add("benchmarks", { leads = bench.leads[side], margins = bench.margins[side],
                        units = bench.units[side], of = #bench.comparable })
  end
  local caps = model.cap_diff(p, side)
  if #caps > 0 then add("capabilities", { caps = caps }) end
  local wm, wo = m.context_window, other.context_window
  if wm and wo and model.at_least(wm, 1.25 * wo) then add("larger_context", { mine = wm, theirs = wo }) end
  if model.open_side(p) == side then add("open_license") end
  local pm, po = #provider_list(m), #provider_list(other)
  if pm >= 2 * po and pm >= po + 2 then add("more_providers", { mine = pm, theirs = po }) end
  return out
end

-- The kind of model, for keeping kinds apart in related pairs: "chat", or the product type
-- of a model that is not a chat model (data.md's list), lower-cased.
local NOT_CHAT = { ["embedding model"] = true, ["image generation model"] = true,
                   ["speech recognition model"] = true, ["text-to-speech model"] = true,
                   ["reranking model"] = true, ["moderation model"] = true }
function model.kind(m)
  local t = model.norm(m.product_type)
  if t and NOT_CHAT[t] then return t end
  return "chat"
end

-- }======

-- The verdict's reasons and the benchmark standing are asked for by several rules of the
-- same pair (tradeoffs, deep dive): work them out once per pair.  p.serial is a new number
-- for every pair, so an answer never outlives its pair.
do
  local reasons, standing, shared = model.reasons, model.benchmark_standing, model.shared_benchmarks
  local serial, rcache, scache, bcache = nil, {}, nil, nil
  local function fresh(p)
    local s = type(p) == "userdata" and p.serial
    if not s then return false end
    if s ~= serial then serial, rcache, scache, bcache = s, {}, nil, nil end
    return true
  end
  function model.reasons(p, side)
    if not fresh(p) then return reasons(p, side) end
    local r = rcache[side]
    if not r then r = reasons(p, side); rcache[side] = r end
    return r
  end
  function model.benchmark_standing(p)
    if not fresh(p) then return standing(p) end
    if not scache then scache = standing(p) end
    return scache
  end
  -- shared_benchmarks(a, b) of the pair's own two models, in the pair's order.
  function model.pair_shared_benchmarks(p)
    if not fresh(p) then return shared(p.a, p.b) end
    if not bcache then bcache = shared(p.a, p.b) end
    return bcache
  end
end

-- norm is a pure function of a string, and rules normalize the same few strings
-- (providers, tags, openness) on every pair: each is normalized once per state (at most
-- 4096 kept, then start again, so odd input cannot grow the cache without end).
do
  local norm, cache, n, type = model.norm, {}, 0, type
  function model.norm(s)
    local r = cache[s]
    if r == nil then
      r = norm(s)
      if type(s) == "string" then
        if n == 4096 then cache, n = {}, 0 end
        cache[s], n = r, n + 1
      end
    end
    return r
  end
end

-- model.norm and model.licence_phrase are pure functions of one string, and rules ask them
-- about the same few values on every pair (openness, commercial use, licence names), each
-- call a few pattern matches.
model.norm = remember(model.norm, "string")
model.licence_phrase = remember(model.licence_phrase, "string")

return model
