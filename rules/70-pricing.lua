-- Pricing and availability: token prices (USD per million tokens) of the route each
-- model's cost estimate uses, the providers, and how complete the pricing is.

section{ id = "pricing", title = "Pricing and availability", style = "paragraphs",
         columns = function(p) return { "Pricing attribute", fmt.name(p, p.a), fmt.name(p, p.b) } end }

-- The cell for one price field of a side: the price route's price, or —.
local function price(p, side, field)
  local r = model.price_route(p, side)
  return fmt.price(r and r.pricing and r.pricing[field])
end

rule{ key = "pricing.input_price", section = "pricing", fn = function(p)
  return { key = "input_price",
           cells = { "Input price (per 1M tokens)", price(p, "a", "input_per_mtok"),
                     price(p, "b", "input_per_mtok") } }
end }

rule{ key = "pricing.output_price", section = "pricing", fn = function(p)
  return { key = "output_price",
           cells = { "Output price (per 1M tokens)", price(p, "a", "output_per_mtok"),
                     price(p, "b", "output_per_mtok") } }
end }

-- Only when some route of either model lists a cached-input price.
rule{ key = "pricing.cached_input_price", section = "pricing", fn = function(p)
  if not model.has_cached_price(p.a) and not model.has_cached_price(p.b) then return nil end
  return { key = "cached_input_price",
           cells = { "Cached input price (per 1M tokens)", price(p, "a", "cached_input_per_mtok"),
                     price(p, "b", "cached_input_per_mtok") } }
end }

rule{ key = "pricing.providers", section = "pricing", fn = function(p)
  local function cell(m)
    local pv = model.providers(m)
    return #pv > 0 and table.concat(pv, ", ") or fmt.unknown
  end
  return { key = "providers", cells = { "Providers", cell(p.a), cell(p.b) } }
end }

-- Which route the prices come from, said once for both models.
rule{ key = "price_route", section = "pricing", fn = function(p)
  local parts = {}
  for _, side in ipairs({ "a", "b" }) do
    local m = p[side]
    local r = model.price_route(p, side)
    if r then
      local where = r.provider .. (r.region and (", " .. r.region) or "")
      local why = p.cost[side].route_index and "the route its monthly cost uses"
          or "its first route with a price"
      parts[#parts + 1] = fmt.name(p, m) .. " on " .. where .. ", " .. why
    end
  end
  if #parts == 0 then return nil end
  return { text = "Prices shown: " .. table.concat(parts, "; ") .. ".", about = { p.a.id, p.b.id } }
end }

rule{ key = "coverage", section = "pricing", fn = function(p)
  local pa, pb = model.priced(p, "a"), model.priced(p, "b")
  local na, nb = fmt.name(p, p.a), fmt.name(p, p.b)
  local text
  if pa and pb then
    text = "Both models have a sourced input and output token price."
  elseif pa or pb then
    local has, lacks = na, nb
    if pb then has, lacks = nb, na end
    text = "Only " .. has .. " has a sourced input and output token price; " .. lacks
        .. " has none yet."
  else
    text = "Pricing not yet sourced for either model."
  end
  return { text = text, about = { p.a.id, p.b.id } }
end }
