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
      clauses[#clauses + 1] = fmt.name(p, p[side]) .. " has " .. en.list(model.prose_labels(caps))
          .. ", which " .. fmt.name(p, p[model.other(side)]) .. " lacks"
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

-- Reasons to choose side over the other, each a noun phrase backed by a differing fact.
local function reasons(p, side)
  local m, o = p[side], p[model.other(side)]
  local out = {}
  local cm, co = m.context_window, o.context_window
  if cm and co and cm > co then out[#out + 1] = "the larger context window" end
  local caps = model.cap_diff(p, side)
  if #caps > 0 then
    out[#out + 1] = en.noun(#caps, "a capability", "capabilities") .. " " .. fmt.name(p, o)
        .. " lacks (" .. en.list(model.prose_labels(caps)) .. ")"
  end
  local c = p.cost
  if c[side].monthly ~= nil and c[model.other(side)].monthly ~= nil and not c.equal
      and c.cheaper == m then
    out[#out + 1] = "a lower monthly cost at this traffic"
  end
  if model.is_open(m) and model.is_proprietary(o) then
    local kind = model.norm(m.openness) == "open-weights" and "open weights" or "an open-source license"
    local lic = m.license and m.license.name
    out[#out + 1] = kind .. (lic and (" (" .. lic .. ")") or "")
  end
  local rm, ro = model.route_count(m), model.route_count(o)
  if rm > ro then
    out[#out + 1] = "more tracked provider routes (" .. rm .. " against " .. ro .. ")"
  end
  local tags = model.unique_tags(m, o)
  if #tags > 0 then
    out[#out + 1] = "its tagged " .. en.noun(#tags, "workload", "workloads") .. " (" .. en.list(tags) .. ")"
  end
  return out
end

rule{ key = "choose", section = "deep_dive", fn = function(p)
  local na, nb = fmt.name(p, p.a), fmt.name(p, p.b)
  local ra, rb = reasons(p, "a"), reasons(p, "b")
  local parts = {}
  if #ra == 0 and #rb == 0 then
    parts[1] = "The local data does not separate " .. na .. " and " .. nb
        .. "; decide on your own evaluation results."
  else
    for _, side in ipairs({ "a", "b" }) do
      local r = side == "a" and ra or rb
      local m, o = p[side], p[model.other(side)]
      if #r > 0 then
        parts[#parts + 1] = "Choose " .. fmt.name(p, m) .. " for " .. en.list(r) .. "."
      else
        parts[#parts + 1] = "Nothing in the local data favors " .. fmt.name(p, m) .. " over "
            .. fmt.name(p, o) .. "; choose it only on evidence from your own evaluation."
      end
    end
  end
  parts[#parts + 1] = "For production, rerun your own prompts through the exact provider, region, "
      .. "and tool stack you plan to ship."
  return { text = table.concat(parts, " "), about = { p.a.id, p.b.id } }
end }
