-- Continue comparing: up to six other pairs from the catalog, three per side at most,
-- picked by model.relatedness (same family first, then creator, product type, shared
-- providers and decision tags, similar context window and size), then by the release date
-- nearest (no date last), then id; other kinds of model last (model.neighbours), interleaved
-- A, B, A, B ...  A one-off page shows each pair's command instead of a link (report.md).

section{ id = "related", title = "Continue comparing", style = "links" }

-- Each model's ranked neighbours, computed once per model (not once per pair): four, so
-- that three remain when the other model of the pair is among them.
fact{ key = "neighbours", fn = function(m, catalog)
  return model.neighbours(catalog, m, 4, { [m.id] = true })
end }

-- Up to n of m's neighbours, leaving out the pair's other model.
local function pick(m, other, n)
  local out = {}
  for _, x in ipairs(m:fact("neighbours")) do
    if #out < n and x.id ~= other.id then out[#out + 1] = x end
  end
  return out
end

rule{ key = "related", section = "related", fn = function(p)
  local na = pick(p.a, p.b, 3)
  local nb = pick(p.b, p.a, 3)
  local picked = {}
  for i = 1, 3 do
    if na[i] and #picked < 6 then picked[#picked + 1] = { p.a, na[i] } end
    if nb[i] and #picked < 6 then picked[#picked + 1] = { p.b, nb[i] } end
  end
  -- A name shown by several models on this list gets its id, so no two links read alike.
  local count = {}
  local function note(m) count[m.name] = (count[m.name] or 0) + 1 end
  local seen = {}
  for _, m in ipairs({ p.a, p.b }) do note(m); seen[m.id] = true end
  for _, x in ipairs(picked) do
    if not seen[x[2].id] then note(x[2]); seen[x[2].id] = true end
  end
  local function label(m)
    if count[m.name] > 1 then return m.name .. " (" .. m.id .. ")" end
    return m.name
  end
  -- The link reads as the target page's title: its models in sorted id order.
  local items = {}
  for _, x in ipairs(picked) do
    local first, second = x[1], x[2]
    if second.id < first.id then first, second = second, first end
    items[#items + 1] = { text = label(first) .. " vs " .. label(second), about = { x[1].id, x[2].id } }
  end
  return items
end }

rule{ key = "related.none", section = "related", fallback = true, fn = function(p)
  return { key = "none", text = "The catalog has no other model to compare with these two yet.",
           about = { p.a.id, p.b.id } }
end }
