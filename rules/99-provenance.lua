-- Provenance (footer): when the records were last reviewed and where their facts come from.

section{ id = "provenance", title = "", style = "paragraphs" }

rule{ key = "last_reviewed", section = "provenance", fn = function(p)
  local la, lb = p.a.last_reviewed, p.b.last_reviewed
  if la and lb then
    local older = la < lb and la or lb
    local text = "Last reviewed: " .. older .. "."
    if la ~= lb then
      text = "Last reviewed: " .. older .. " (" .. fmt.name(p, p.a) .. " on " .. la .. ", "
          .. fmt.name(p, p.b) .. " on " .. lb .. ")."
    end
    return { text = text, about = { p.a.id, p.b.id }, values = { older } }
  end
  local known, unknown = p.a, p.b
  if lb then known, unknown = p.b, p.a elseif not la then return nil end
  return {
    text = "Last reviewed: " .. known.last_reviewed .. " for " .. fmt.name(p, known) .. "; "
        .. fmt.name(p, unknown) .. " has no review date on record.",
    about = { p.a.id, p.b.id },
    values = { known.last_reviewed },
  }
end }

rule{ key = "sources", section = "provenance", fn = function(p)
  local urls, seen = {}, {}
  for _, m in ipairs({ p.a, p.b }) do
    for _, u in ipairs(m.sources or {}) do
      if not seen[u] then seen[u] = true; urls[#urls + 1] = u end
    end
  end
  if #urls == 0 then return nil end
  return { text = "Sources: " .. table.concat(urls, ", ") .. ".", about = { p.a.id, p.b.id },
           values = urls }
end }

rule{ key = "provenance.none", section = "provenance", fallback = true, fn = function(p)
  return { key = "none", text = "Neither record gives a review date or a source URL; the facts above come "
      .. "from the local model records as they stand.", about = { p.a.id, p.b.id } }
end }
