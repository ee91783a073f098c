-- Deep dive: the capability split, how complete the pricing is, and when to choose which.
-- Every reason given comes from a fact that differs between the two records.

section{ id = "deep_dive", title = "Deep dive", style = "paragraphs" }

rule{ key = "capability_footprint", section = "deep_dive", fn = function(p)
  local diff = model.cap_differs(p)
  if #diff == 0 then return nil end
  local clauses = {}
  for _, side in ipairs({ "a", "b" }) do
    local caps = model.cap_diff(p, side)
    if #caps > 0 then
      clauses[#clauses + 1] = "only " .. fmt.name(p, p[side]) .. " offers "
          .. en.list(model.cap_phrases(caps))
    end
  end
  local unknown = 0
  for _, c in ipairs(p.capabilities) do
    if c.a == "unknown" or c.b == "unknown" then unknown = unknown + 1 end
  end
  local text = "The capability footprints differ on " .. en.plural(#diff, "check") .. ": "
      .. table.concat(clauses, "; ") .. "."
  if unknown > 0 then
    text = text .. " Of the other checks, " .. fmt.int(unknown) .. " "
        .. en.verb(unknown, "is", "are") .. " unknown for at least one model and not counted "
        .. "as a difference."
  end
  return { text = text, about = { p.a.id, p.b.id }, values = model.labels(diff) }
end }

-- "Each model has 1 tracked route." / "A has 2 tracked routes and B has 1 tracked route."
local function routes_sentence(p)
  local ra, rb = model.route_count(p.a), model.route_count(p.b)
  if ra == rb then
    if ra == 0 then return "Neither model has a tracked provider route." end
    return "Each model has " .. en.plural(ra, "tracked provider route") .. "."
  end
  return fmt.name(p, p.a) .. " has " .. en.plural(ra, "tracked provider route") .. " and "
      .. fmt.name(p, p.b) .. " has " .. en.plural(rb, "tracked provider route") .. "."
end

rule{ key = "pricing_coverage", section = "deep_dive", fn = function(p)
  local pa, pb = model.priced(p, "a"), model.priced(p, "b")
  local text
  if pa and pb then
    text = "Pricing coverage is complete for this pair: both models have a sourced input and "
        .. "output token price. " .. routes_sentence(p)
        .. " Verify the route you will actually call before estimating production spend."
  elseif pa or pb then
    local has, lacks = p.a, p.b
    if pb then has, lacks = p.b, p.a end
    text = "Pricing coverage is uneven: " .. fmt.name(p, has) .. " has a sourced input and output "
        .. "token price, but " .. fmt.name(p, lacks) .. " does not yet. " .. routes_sentence(p)
        .. " Treat the missing price as an integration gap, then verify the route you will "
        .. "actually call before estimating production spend."
  else
    text = "Neither model has a sourced input and output token price yet, so this page cannot "
        .. "estimate spend. " .. routes_sentence(p)
        .. " Treat unknown pricing as an integration gap, then verify the route you will actually "
        .. "call before estimating production spend."
  end
  return { text = text, about = { p.a.id, p.b.id } }
end }

-- A reason to choose a model, as a noun phrase with its size (model.reasons gives the codes
-- and their facts; report.md's thresholds are applied there, not here).
local PHRASE = {
  fits_traffic = function(p, m, o, r)
    local t = p.traffic
    return "requests of this size (" .. fmt.int(t.input_tokens) .. " input and "
        .. fmt.int(t.output_tokens) .. " output tokens), which " .. fmt.name(p, o) .. " cannot take"
  end,
  cheaper_at_traffic = function(p, m, o, r)
    local s = "a monthly cost " .. fmt.pct_less(r.mine, r.theirs) .. " lower at this traffic ("
        .. fmt.money(r.mine) .. " against " .. fmt.money(r.theirs)
    if r.high then  -- its listing lacks a tier other routes charge: the saving holds there too
      s = s .. "; " .. fmt.money(r.high) .. " against " .. fmt.money(r.theirs) .. ", still "
          .. fmt.pct_less(r.high, r.theirs) .. " lower, if its route charged the long-context tier "
          .. "other routes list"
    end
    return s .. ")"
  end,
  benchmarks = function(p, m, o, r)
    return "material leads on " .. fmt.int(#r.leads) .. " of "
        .. en.plural(r.of, "comparable shared benchmark") .. " ("
        .. model.lead_margins(r.leads, r.margins, r.units) .. ")"
  end,
  capabilities = function(p, m, o, r)
    return en.list(model.cap_phrases(r.caps)) .. ", which " .. fmt.name(p, o) .. " does not offer"
  end,
  larger_context = function(p, m, o, r)
    local a, b = fmt.two_tokens(r.mine, r.theirs)
    return "a context window " .. fmt.pct_more(r.mine, r.theirs, "larger", "large") .. " ("
        .. a .. " tokens against " .. b .. ")"
  end,
  open_license = function(p, m, o, r)
    local lic = m.license and m.license.name
    local named = lic and not model.same(lic, "proprietary")
    if model.is_open_source(m) then
      return "an open-source licence" .. (named and (" (" .. lic .. ")") or "")
    end
    return "open weights" .. (named and (" under " .. model.licence_phrase(lic)) or "")
  end,
  more_providers = function(p, m, o, r)
    return "more providers to run it on (" .. fmt.int(r.mine) .. " against " .. fmt.int(r.theirs) .. ")"
  end,
}

-- "Commercial use of X is prohibited under the Foo License." when the record says so: a
-- reader must see it before any reason to choose the model.
local function prohibited(p, m)
  if not model.same(m.commercial_use, "prohibited") then return "" end
  local lic = m.license and m.license.name
  return "Commercial use of " .. fmt.name(p, m) .. " is prohibited"
      .. (lic and (" under " .. model.licence_phrase(lic)) or " by its licence")
      .. ", so it is an option for non-commercial work only. "
end

rule{ key = "choose", section = "deep_dive", fn = function(p)
  local items = {}
  for _, side in ipairs({ "a", "b" }) do
    local m, o = p[side], p[model.other(side)]
    local reasons = model.reasons(p, side)
    local codes, phrases = {}, {}
    for i, r in ipairs(reasons) do
      codes[i] = r.code
      phrases[i] = PHRASE[r.code](p, m, o, r)
    end
    local text
    if #reasons == 0 then
      text = "The local data gives no material reason to pick " .. fmt.name(p, m) .. " over "
          .. fmt.name(p, o) .. "; choose it on evidence from your own evaluation."
    elseif #reasons == 1 then
      text = "Choose " .. fmt.name(p, m) .. " for " .. phrases[1] .. "."
    else
      text = "Choose " .. fmt.name(p, m) .. " for these reasons: " .. table.concat(phrases, "; ") .. "."
    end
    items[#items + 1] = { text = prohibited(p, m) .. text, about = { m.id }, values = codes }
  end
  return items
end }

rule{ key = "verify", section = "deep_dive", fn = function(p)
  return { text = "For production, rerun your own prompts through the exact provider, region, "
      .. "and tool stack you plan to ship." }
end }
