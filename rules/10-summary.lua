-- Summary: the report title, the intro paragraph and, when the product types differ,
-- a note that this is a product-type comparison.

section{ id = "summary", title = "", style = "paragraphs" }

title{ fn = function(p) return fmt.name(p, p.a) .. " vs " .. fmt.name(p, p.b) end }

-- "GPT-5.3-Codex-Spark (2026)": a name with its release year when known;
-- "Llama 3 (llama-3-8b, 2024)" when the two models share a display name.  The words that
-- depend on one model (both forms of its name, its kind, its window) are the fact
-- summary.model, worked out once per model for a site (at the end of this file).
local function dated(p, m)
  local f = m:fact("summary.model")
  if p.a.name == p.b.name then return f.dated_id end
  return f.dated
end

-- The first sentence: who is compared, framed by product type as far as it is known.
local function framing(p)
  local a, b = dated(p, p.a), dated(p, p.b)
  local ta, tb = p.a.product_type, p.b.product_type
  if ta and tb then
    if model.same(ta, tb) then
      return a .. " and " .. b .. " are both " .. p.a:fact("summary.model").kinds .. "."
    end
    -- The product types differ: product_type_framing says what each is; say it once.
    return "This page compares " .. a .. " with " .. b .. "."
  elseif ta then
    return a .. ", " .. p.a:fact("summary.model").a_kind .. ", is compared here with " .. b
        .. ", whose product type is not on record."
  elseif tb then
    return b .. ", " .. p.b:fact("summary.model").a_kind .. ", is compared here with " .. a
        .. ", whose product type is not on record."
  end
  return "This page compares " .. a .. " and " .. b .. "."
end

-- The second sentence: context windows, as far as they are known.
local function windows(p)
  local ca, cb = p.a.context_window, p.b.context_window
  local na, nb = fmt.name(p, p.a), fmt.name(p, p.b)
  local wa, wb = p.a:fact("summary.model").window, p.b:fact("summary.model").window
  if ca and cb then
    if ca == cb then return "Both ship " .. wa .. "." end
    local sa, sb = fmt.two_tokens(ca, cb)
    if sa ~= fmt.tokens(ca) then  -- 1,048,576 and 1,047,576 would read "1M" and "1.05M"
      return na .. " ships a context window of " .. sa .. " tokens, while " .. nb
          .. " ships one of " .. sb .. "."
    end
    return na .. " ships " .. wa .. ", while " .. nb .. " ships " .. wb .. "."
  elseif ca then
    return na .. " ships " .. wa .. "; the context window of " .. nb .. " is not on record."
  elseif cb then
    return nb .. " ships " .. wb .. "; the context window of " .. na .. " is not on record."
  end
  return "Neither context window is on record."
end

rule{ key = "intro", section = "summary", fn = function(p)
  return {
    text = framing(p) .. " " .. windows(p),
    about = { p.a.id, p.b.id },
  }
end }

rule{ key = "product_type_framing", section = "summary", fn = function(p)
  local ta, tb = p.a.product_type, p.b.product_type
  if not ta or not tb or model.same(ta, tb) then return nil end
  return {
    text = "Treat this as a product-type comparison: " .. fmt.name(p, p.a) .. " is "
        .. en.article(en.lower_first(ta)) .. ", while " .. fmt.name(p, p.b) .. " is "
        .. en.article(en.lower_first(tb)) .. ". Choose based on workflow fit before reading any "
        .. "benchmark or price row as decisive.",
    about = { p.a.id, p.b.id },
  }
end }

-- report.md, Kinds: a chat model and an embedding (image, speech …) model are not substitutes.
-- Why the chat profile settles nothing: "a chat traffic profile does not describe an embedding
-- model's workload"; two non-chat kinds: "a chat traffic profile describes neither workload".
local function workload(ka, kb)
  if ka ~= "chat" and kb ~= "chat" then return "a chat traffic profile describes neither workload" end
  local other = ka == "chat" and kb or ka
  return "a chat traffic profile does not describe " .. en.article(other) .. "'s workload"
end

rule{ key = "different_kinds", section = "summary", fn = function(p)
  local ka, kb = model.kind(p.a), model.kind(p.b)
  if ka == kb then return nil end
  -- product_type_framing has just named both types: say what follows from them.
  return {
    text = "The two are different kinds of model and not substitutes, so neither the traffic fit "
        .. "nor the monthly cost below is a reason to choose one over the other ("
        .. workload(ka, kb) .. ").",
    about = { p.a.id, p.b.id },
  }
end }

-- report.md, same_model: one id is the other plus a date ("claude-opus-4-1" and
-- "claude-opus-4-1-20250805"): a moving alias and the snapshot it pointed at, not two models.
local function dated_suffix(short, long)
  if #long <= #short or string.sub(long, 1, #short) ~= short then return false end
  local rest = string.sub(long, #short + 1)
  return string.match(rest, "^%-%d%d%d%d%d%d%d%d$") ~= nil
      or string.match(rest, "^%-%d%d%d%d%-%d%d%-%d%d$") ~= nil
end

rule{ key = "same_model", section = "summary", fn = function(p)
  local alias, dated
  if dated_suffix(p.a.id, p.b.id) then alias, dated = p.a, p.b
  elseif dated_suffix(p.b.id, p.a.id) then alias, dated = p.b, p.a
  else return nil end
  return {
    text = alias.id .. " is a moving alias and " .. dated.id .. " a dated snapshot of the same "
        .. "model: the alias can move to a newer snapshot without notice, so pin " .. dated.id
        .. " in production if outputs must stay the same.",
    about = { alias.id, dated.id },
  }
end }

-- What the intro says of one model, whatever the pair: its name with the release year
-- (dated), the same with its id (dated_id, when both models share a display name), its
-- product type as a plural (kinds) and with an article (a_kind), and its context window
-- with an article (window); nil where the record does not say.
fact{ key = "summary.model", fn = function(m)
  local y = fmt.year(m.released)
  local t, c = m.product_type, m.context_window
  return {
    dated = m.name .. (y and (" (" .. y .. ")") or ""),
    dated_id = m.name .. " (" .. m.id .. (y and (", " .. y) or "") .. ")",
    kinds = t and en.lower_first(en.plurals(t)),
    a_kind = t and en.article(en.lower_first(t)),
    window = c and en.article(fmt.tokens_text(c) .. "-token context window"),
  }
end }
