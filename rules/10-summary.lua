-- Summary: the report title, the intro paragraph and, when the product types differ,
-- a note that this is a product-type comparison.

section{ id = "summary", title = "", style = "paragraphs" }

title{ fn = function(p) return fmt.name(p, p.a) .. " vs " .. fmt.name(p, p.b) end }

-- "GPT-5.3-Codex-Spark (2026)": a name with its release year when known;
-- "Llama 3 (llama-3-8b, 2024)" when the two models share a display name.
local function dated(p, m)
  local y = fmt.year(m.released)
  if p.a.name == p.b.name then
    return m.name .. " (" .. m.id .. (y and (", " .. y) or "") .. ")"
  end
  return m.name .. (y and (" (" .. y .. ")") or "")
end

-- The first sentence: who is compared, framed by product type as far as it is known.
local function framing(p)
  local a, b = dated(p, p.a), dated(p, p.b)
  local ta, tb = p.a.product_type, p.b.product_type
  if ta and tb then
    if model.same(ta, tb) then
      return a .. " and " .. b .. " are both " .. en.lower_first(en.plurals(ta)) .. "."
    end
    -- The product types differ: product_type_framing says what each is; say it once.
    return "This page compares " .. a .. " with " .. b .. "."
  elseif ta then
    return a .. ", " .. en.article(en.lower_first(ta)) .. ", is compared here with " .. b
        .. ", whose product type is not on record."
  elseif tb then
    return b .. ", " .. en.article(en.lower_first(tb)) .. ", is compared here with " .. a
        .. ", whose product type is not on record."
  end
  return "This page compares " .. a .. " and " .. b .. "."
end

-- The second sentence: context windows, as far as they are known.
local function windows(p)
  local ca, cb = p.a.context_window, p.b.context_window
  local na, nb = fmt.name(p, p.a), fmt.name(p, p.b)
  local function window(n) return en.article(fmt.tokens_text(n) .. "-token context window") end
  if ca and cb then
    if ca == cb then return "Both ship " .. window(ca) .. "." end
    if fmt.tokens(ca) == fmt.tokens(cb) then  -- 1,000,000 and 1,048,576 both read "1M"
      return na .. " ships a context window of " .. fmt.int(ca) .. " tokens, while " .. nb
          .. " ships one of " .. fmt.int(cb) .. "."
    end
    return na .. " ships " .. window(ca) .. ", while " .. nb .. " ships " .. window(cb) .. "."
  elseif ca then
    return na .. " ships " .. window(ca) .. "; the context window of " .. nb .. " is not on record."
  elseif cb then
    return nb .. " ships " .. window(cb) .. "; the context window of " .. na .. " is not on record."
  end
  return "Neither context window is on record."
end

rule{ key = "intro", section = "summary", fn = function(p)
  return {
    text = framing(p) .. " " .. windows(p)
        .. " This page treats the result as workflow and deployment fit, not a universal model winner.",
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
