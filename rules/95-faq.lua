-- FAQ: the questions a reader asks, answered only from the records.

section{ id = "faq", title = "FAQ", style = "faq" }

rule{ key = "faq.context_window", section = "faq", fn = function(p)
  local ca, cb = p.a.context_window, p.b.context_window
  if not ca or not cb then return nil end
  local na, nb = fmt.name(p, p.a), fmt.name(p, p.b)
  local answer
  if ca == cb then
    answer = "Neither: both support " .. fmt.tokens_text(ca) .. " tokens."
  else
    local sa, sb = fmt.two_tokens(ca, cb)
    local big, small, sbig, ssmall = na, nb, sa, sb
    if cb > ca then big, small, sbig, ssmall = nb, na, sb, sa end
    answer = big .. " does: " .. sbig .. " tokens, against " .. ssmall .. " tokens for " .. small .. "."
    if model.at_least(math.max(ca, cb), 1.25 * math.min(ca, cb)) then
      answer = answer .. " That gap matters most for long documents, large codebases, "
          .. "retrieval-heavy agents, and conversations where earlier context must remain visible."
    else
      answer = answer .. " The gap is small, so it rarely decides between them."
    end
  end
  return {
    question = "Which has a larger context window, " .. na .. " or " .. nb .. "?",
    answer = answer,
    about = { p.a.id, p.b.id },
  }
end }

-- One sentence on a model's openness and license, honest about what is unknown.  Open
-- weights under an OSI-approved licence are open source (report.md, Open source).
local function openness_sentence(n, m)
  -- n: how the model is named (fmt.name; the fact below passes a marker to split on)
  local lic = model.license_text(m)
  local name = m.license and m.license.name
  local o = model.norm(m.openness)
  local named = lic and not model.same(name, "proprietary")
  local under = named and (" under " .. model.licence_phrase(name)) or ""
  if model.is_open_source(m) then
    if o == "open-weights" then
      return n .. " is open source: its weights are open under " .. model.licence_phrase(name)
          .. ", an OSI-approved licence."
    end
    return n .. " is open source" .. under .. "."
  elseif o == "open-weights" then
    local why = "its licence is not on record"
    if named and m.license.osi_approved == false then why = "that licence is not OSI-approved"
    elseif named then why = "the record does not say that licence is OSI-approved" end
    return n .. " has open weights" .. under .. ", but " .. why .. ", so it does not count as open source here."
  elseif o == "proprietary" then
    return n .. " is proprietary" .. (named and (" (licence: " .. lic .. ")") or "") .. "."
  elseif lic then
    return n .. " is listed under " .. (named and model.licence_phrase(name) or lic)
        .. "; its openness is not on record."
  end
  return "Neither the license nor the openness of " .. n .. " is on record."
end

-- Nothing on record about a model's license or openness?
local function silent(m)
  return not model.license_text(m) and not model.openness_label(m)
end

rule{ key = "faq.open_source", section = "faq", fn = function(p)
  local na, nb = fmt.name(p, p.a), fmt.name(p, p.b)
  local fa, fb = p.a:fact("faq.openness"), p.b:fact("faq.openness")
  local known = fa.before .. na .. fa.after .. " " .. fb.before .. nb .. fb.after
  local oa, ob, la, lb = fa.openness, fb.openness, fa.license, fb.license
  if oa and oa == ob and la == lb then
    -- The same openness and licence: one sentence about both, not the same one twice.
    local name = p.a.license and p.a.license.name
    local lic = la and not model.same(name, "proprietary") and (" under " .. model.licence_phrase(name)) or ""
    local verb
    if model.is_open_source(p.a) then verb = " are open source"
    elseif oa == "open-weights" then verb = " have open weights"
    else verb = " are " .. string.lower(model.openness_label(p.a)) end
    known = "Both " .. na .. " and " .. nb .. verb .. lic .. "."
  elseif fa.silent and fb.silent then
    known = "The records of " .. na .. " and " .. nb .. " give no license or openness."
  end
  -- What a licence decides (self-hosting, redistribution) matters only where weights are open.
  local open = fa.open or fb.open
  return {
    question = "Is " .. na .. " or " .. nb .. " open source?",
    answer = known .. (open and (" License terms decide whether you can self-host or redistribute "
        .. "the weights, so confirm the upstream license before deployment.") or ""),
    about = { p.a.id, p.b.id },
  }
end }

rule{ key = "faq.capability", section = "faq", fn = function(p)
  local items = {}
  for _, c in ipairs(model.cap_differs(p, "integration")) do
    local has, lacks = p.a, p.b
    if c.b == "yes" then has, lacks = p.b, p.a end
    local what = en.lower_first(c.label)
    items[#items + 1] = {
      key = "faq.capability." .. c.id,
      question = "Which supports " .. what .. ", " .. fmt.name(p, p.a) .. " or "
          .. fmt.name(p, p.b) .. "?",
      answer = fmt.name(p, has) .. " supports " .. what .. " in the local capability data; "
          .. fmt.name(p, lacks) .. " does not. If your workload depends on " .. what
          .. ", test it against the provider endpoint, because model-level support and "
          .. "API-level exposure can differ.",
      about = { has.id },
    }
  end
  return items
end }

-- A model's providers as the FAQ names them: the list when it is short, else a count and a
-- pointer to the pricing table, which lists them (report.md, Said once: a list of more than
-- six providers appears once).
local MAX_LISTED = 6
local function on(list)
  if #list > MAX_LISTED then
    return "from " .. en.plural(#list, "provider") .. " (listed in the pricing table)"
  end
  return "on " .. en.list(list)
end

rule{ key = "faq.where_to_run", section = "faq", fn = function(p)
  local na, nb = fmt.name(p, p.a), fmt.name(p, p.b)
  local fa, fb = p.a:fact("faq.providers"), p.b:fact("faq.providers")
  local parts = {}
  if fa.n == 0 and fb.n == 0 then
    parts[1] = "Neither " .. na .. " nor " .. nb .. " has a tracked provider route; check each "
        .. "model card for hosting options."
  else
    local common = model.common_providers(p.a, p.b)
    if #common == fa.n and #common == fb.n then
      parts[1] = "Both are available " .. on(common) .. "."
    elseif fa.n > 0 and fb.n > 0 then
      parts[1] = na .. " is available " .. fa.on .. ", and " .. nb .. " " .. fb.on .. "."
    else
      local has, hp, lacks = na, fa, nb
      if fb.n > 0 then has, hp, lacks = nb, fb, na end
      parts[1] = has .. " is available " .. hp.on .. ". No provider route is tracked for "
          .. lacks .. "; check its model card for hosting options."
    end
  end
  return {
    question = "Where can I run " .. na .. " and " .. nb .. "?",
    answer = table.concat(parts, " "),
    about = { p.a.id, p.b.id },
    values = model.all_providers(p.a, p.b),
  }
end }

rule{ key = "faq.cheaper", section = "faq", fn = function(p)
  local c, t = p.cost, p.traffic
  if c.a.monthly == nil or c.b.monthly == nil then return nil end
  local na, nb = fmt.name(p, p.a), fmt.name(p, p.b)
  local at = en.plural(t.requests, "request") .. " a month"
  local question = "Which is cheaper at " .. at .. ", " .. na .. " or " .. nb .. "?"
  if c.equal or not c.cheaper then
    local ra, rb = c.a.route or fmt.unknown, c.b.route or fmt.unknown
    local where = model.same(ra, rb) and (", both on " .. ra)
        or (", " .. na .. " on " .. ra .. " and " .. nb .. " on " .. rb)
    return {
      question = question,
      answer = "Neither: both cost " .. fmt.money(c.a.monthly) .. " a month at this traffic"
          .. where .. ".",
      about = { p.a.id, p.b.id },
    }
  end
  local cheap, dear = "a", "b"
  if c.cheaper == p.b then cheap, dear = "b", "a" end
  local nc, nd = fmt.name(p, p[cheap]), fmt.name(p, p[dear])
  return {
    question = question,
    answer = nc .. " is: " .. fmt.money(c[cheap].monthly) .. " a month on " .. (c[cheap].route or fmt.unknown)
        .. ", against " .. fmt.money(c[dear].monthly) .. " for " .. nd .. " on "
        .. (c[dear].route or fmt.unknown) .. ", a difference of " .. fmt.money(c.delta)
        .. ". Rerun the estimate with your own traffic profile before committing.",
    about = { p[cheap].id, p[dear].id },
  }
end }

-- What faq.open_source needs of one model, worked out once per model for a whole site
-- (fact{}): its openness sentence split around its name (the name depends on the pair: "name
-- (id)" when both share a display name), its openness and licence as compared, and whether
-- its record is silent on both and its weights are open.
fact{ key = "faq.openness", fn = function(m)
  local before, after = string.match(openness_sentence("\1", m), "^(.-)\1(.*)$")
  return { before = before, after = after, openness = model.norm(m.openness),
           license = model.license_text(m), silent = silent(m), open = model.is_open(m) }
end }

-- What faq.where_to_run says of one model's providers: how many (n), and where it is
-- available (on), worked out once per model for a site.
fact{ key = "faq.providers", fn = function(m)
  local pv = model.providers(m)
  return { n = #pv, on = on(pv) }
end }
