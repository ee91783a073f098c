-- Decision tradeoffs: what each model has that the other does not, one bullet each.

section{ id = "tradeoffs", title = "Decision tradeoffs", style = "list" }

rule{ key = "larger_context", section = "tradeoffs", fn = function(p)
  local ca, cb = p.a.context_window, p.b.context_window
  if not ca or not cb or ca == cb then return nil end
  local big, small = p.a, p.b
  if cb > ca then big, small = p.b, p.a end
  local sb, ss = fmt.tokens_text(big.context_window), fmt.tokens_text(small.context_window)
  if sb == ss then  -- 131,072 and 131,000 both read "131k": show the exact counts
    sb, ss = fmt.int(big.context_window), fmt.int(small.context_window)
  end
  return {
    text = fmt.name(p, big) .. " has the larger context window (" .. sb .. " against " .. ss
        .. " tokens) for long prompts, retrieval packs, or transcript analysis.",
    about = { big.id },
  }
end }

rule{ key = "unique_capabilities", section = "tradeoffs", fn = function(p)
  local items = {}
  for _, side in ipairs({ "a", "b" }) do
    local caps = model.cap_diff(p, side)
    if #caps > 0 then
      local m, o = p[side], p[model.other(side)]
      items[#items + 1] = {
        text = fmt.name(p, m) .. " has " .. en.list(model.prose_labels(caps)) .. ", which "
            .. fmt.name(p, o) .. " lacks in the local capability data.",
        about = { m.id },
        values = model.labels(caps),
      }
    end
  end
  return items
end }

rule{ key = "decision_tags", section = "tradeoffs", fn = function(p)
  local items = {}
  for _, m in ipairs({ p.a, p.b }) do
    local tags = model.tags(m)
    if #tags > 0 then
      items[#items + 1] = {
        text = "Local decision data tags " .. fmt.name(p, m) .. " for " .. en.list(tags) .. ".",
        about = { m.id },
        values = tags,
      }
    end
  end
  return items
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
    text = fmt.name(p, p[cheap]) .. " is cheaper at this traffic: " .. mc .. " a month against "
        .. md .. " for " .. fmt.name(p, p[dear]) .. "."
  end
  return { text = text, about = { p[cheap].id } }
end }

-- "open source" / "open weights", for a model that is one of them.
local function openness_words(m)
  return model.norm(m.openness) == "open-weights" and "has open weights" or "is open source"
end

rule{ key = "openness_split", section = "tradeoffs", fn = function(p)
  local open, closed
  if model.is_open(p.a) and model.is_proprietary(p.b) then open, closed = p.a, p.b
  elseif model.is_open(p.b) and model.is_proprietary(p.a) then open, closed = p.b, p.a
  else return nil end
  local lic = open.license and open.license.name
  local under = lic and (" under " .. lic) or ""
  return {
    text = fmt.name(p, open) .. " " .. openness_words(open) .. under .. ", while "
        .. fmt.name(p, closed) .. " is proprietary: self-hosting is an option only with "
        .. fmt.name(p, open) .. ".",
    about = { open.id },
  }
end }
