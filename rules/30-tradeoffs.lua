-- Decision tradeoffs: what each model has that the other does not, one bullet each.
-- Small differences are still facts here, stated with their size; whether they are reasons
-- to choose a model is for the deep dive (model.reasons) to say.

section{ id = "tradeoffs", title = "Decision tradeoffs", style = "list" }

rule{ key = "larger_context", section = "tradeoffs", fn = function(p)
  local ca, cb = p.a.context_window, p.b.context_window
  if not ca or not cb or ca == cb then return nil end
  local big, small = p.a, p.b
  if cb > ca then big, small = p.b, p.a end
  local sb, ss = fmt.two_tokens(big.context_window, small.context_window)
  local use = ", room for long prompts, retrieval packs, or transcript analysis."
  if not model.at_least(big.context_window, 1.25 * small.context_window) then
    use = ", a small difference that rarely decides a workload."
  end
  return {
    text = fmt.name(p, big) .. " has the larger context window, " .. sb .. " tokens against "
        .. ss .. use,
    about = { big.id },
  }
end }

rule{ key = "unique_capabilities", section = "tradeoffs", fn = function(p)
  local items = {}
  for _, side in ipairs({ "a", "b" }) do
    local caps = model.cap_diff(p, side)
    if #caps > 0 then
      local m, o = p[side], p[model.other(side)]
      local text = "Only " .. fmt.name(p, m) .. " offers " .. en.list(model.cap_phrases(caps))
          .. " in the local capability data; " .. fmt.name(p, o) .. " does not."
      if #items > 0 then  -- the second model: another frame, so the page does not repeat itself
        text = fmt.name(p, m) .. ", in turn, is the one with " .. en.list(model.cap_phrases(caps)) .. "."
      end
      items[#items + 1] = {
        text = text,
        about = { m.id },
        values = model.labels(caps),
      }
    end
  end
  return items
end }

-- Only when both models carry tags: a record without tags says nothing about the model, so a
-- tag the other "lacks" would only be an editor's label against a blank.
rule{ key = "decision_tags", section = "tradeoffs", fn = function(p)
  if #model.tags(p.a) == 0 or #model.tags(p.b) == 0 then return nil end
  local items = {}
  for _, side in ipairs({ "a", "b" }) do
    local m, o = p[side], p[model.other(side)]
    local tags = model.unique_tags(m, o)
    if #tags > 0 then
      local text = "The local decision data tags " .. fmt.name(p, m) .. " for " .. en.list(tags)
          .. ", which " .. fmt.name(p, o) .. " is not tagged for."
      if #items > 0 then
        text = fmt.name(p, m) .. " carries the " .. en.noun(#tags, "tag", "tags") .. " " .. en.list(tags)
            .. " in turn."
      end
      items[#items + 1] = { text = text, about = { m.id }, values = tags }
    end
  end
  return items
end }

rule{ key = "fits_traffic", section = "tradeoffs", fn = function(p)
  local side = model.fitter(p)
  if not side then return nil end
  local m, o = p[side], p[model.other(side)]
  local t = p.traffic
  return {
    text = "Only " .. fmt.name(p, m) .. " can take requests of this size, "
        .. fmt.int(t.input_tokens) .. " input and " .. fmt.int(t.output_tokens)
        .. " output tokens; " .. fmt.name(p, o) .. " cannot.",
    about = { m.id },
  }
end }

rule{ key = "cheaper_at_traffic", section = "tradeoffs", fn = function(p)
  local c = p.cost
  if c.a.monthly == nil or c.b.monthly == nil or c.equal or not c.cheaper then return nil end
  local cheap, dear = "a", "b"
  if c.cheaper == p.b then cheap, dear = "b", "a" end
  local mc, md = fmt.money(c[cheap].monthly), fmt.money(c[dear].monthly)
  local text
  if mc == md then
    text = fmt.name(p, p[cheap]) .. " is marginally cheaper at this traffic; both come to about "
        .. mc .. " a month."
  else
    text = fmt.name(p, p[cheap]) .. " costs less at this traffic: " .. mc .. " a month against "
        .. md .. " for " .. fmt.name(p, p[dear]) .. ", " .. fmt.pct_less(c[cheap].monthly, c[dear].monthly)
        .. " less."
  end
  return { text = text, about = { p[cheap].id } }
end }

rule{ key = "benchmark_lead", section = "tradeoffs", fn = function(p)
  local b = model.benchmark_standing(p)
  if not b.leader then return nil end
  local side = b.leader
  local m, o = p[side], p[model.other(side)]
  local k, n = #b.leads[side], #b.comparable
  local others = #b.leads[model.other(side)]
  local text = fmt.name(p, m) .. " leads materially on " .. fmt.int(k) .. " of "
      .. en.plural(n, "comparable shared benchmark") .. ", " .. model.lead_margins(b.leads[side],
         b.margins[side], b.units[side])
  if others > 0 then
    text = text .. "; " .. fmt.name(p, o) .. " leads materially on " .. fmt.int(others)
  end
  return { text = text .. ".", about = { m.id }, values = b.leads[side] }
end }

rule{ key = "more_providers", section = "tradeoffs", fn = function(p)
  for _, side in ipairs({ "a", "b" }) do
    for _, r in ipairs(model.reasons(p, side)) do
      if r.code == "more_providers" then
        local m, o = p[side], p[model.other(side)]
        return {
          text = fmt.name(p, m) .. " is offered by " .. en.plural(r.mine, "provider")
              .. " in the local data, against " .. fmt.int(r.theirs) .. " for " .. fmt.name(p, o)
              .. ", which leaves more room for fallback and regional choice.",
          about = { m.id },
        }
      end
    end
  end
  return nil
end }

-- "is open source" / "has open weights", for a model that is one of them.
local function openness_words(m)
  if model.is_open_source(m) then return "is open source" end
  return "has open weights"
end

rule{ key = "openness_split", section = "tradeoffs", fn = function(p)
  local side = model.open_side(p)
  if not side then return nil end
  local open, closed = p[side], p[model.other(side)]
  local lic = open.license and open.license.name
  local under = lic and (" under " .. model.licence_phrase(lic)) or ""
  return {
    text = fmt.name(p, open) .. " " .. openness_words(open) .. under .. ", while "
        .. fmt.name(p, closed) .. " is proprietary: self-hosting is an option only with "
        .. fmt.name(p, open) .. ".",
    about = { open.id },
  }
end }

rule{ key = "tradeoffs.none", section = "tradeoffs", fallback = true, fn = function(p)
  return { key = "none",
    text = "No tradeoff stands out in the local data for this pair; compare the two on your "
        .. "own prompts.",
    about = { p.a.id, p.b.id },
  }
end }
