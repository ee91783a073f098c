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

-- The newest review date of the catalog's valid records, once per catalog view.
local newest_of
do
  local last, newest
  function newest_of(catalog)
    if catalog ~= last then
      newest = nil
      for _, m in ipairs(catalog or {}) do
        local d = m.last_reviewed
        if type(d) == "string" and (not newest or d > newest) then newest = d end
      end
      last = catalog
    end
    return newest
  end
end

-- report.md, stale_record: a record reviewed more than 365 days before the catalog's newest
-- review; the text gives the date and the whole months between (a month is whole when the
-- same day of a later month is reached).
local function ymd(s)
  local y, mo, d = string.match(s or "", "^(%d%d%d%d)%-(%d%d)%-(%d%d)$")
  if not y then return nil end
  return { year = tonumber(y), month = tonumber(mo), day = tonumber(d) }
end

local function days(t)  -- days since 1970-01-01 of a proleptic Gregorian date
  local y, m = t.year, t.month
  if m <= 2 then y = y - 1 end
  local era = (y >= 0 and y or y - 399) // 400
  local yoe = y - era * 400
  local mp = (m + 9) % 12
  local doy = (153 * mp + 2) // 5 + t.day - 1
  local doe = yoe * 365 + yoe // 4 - yoe // 100 + doy
  return era * 146097 + doe - 719468
end

-- A date's parts and day number, once per date string (the same few dates on every pair;
-- at most 4096 kept, then start again).
local parsed, n_parsed = {}, 0
local function date_of(s)
  if type(s) ~= "string" then return nil end
  local d = parsed[s]
  if d == nil then
    d = ymd(s) or false
    if d then d.days = days(d) end
    if n_parsed == 4096 then parsed, n_parsed = {}, 0 end
    parsed[s], n_parsed = d, n_parsed + 1
  end
  return d or nil
end

rule{ key = "stale_record", section = "provenance", fn = function(p)
  local newest = date_of(newest_of(p.catalog))
  if not newest then return nil end
  local items = {}
  for _, m in ipairs({ p.a, p.b }) do
    local d = date_of(m.last_reviewed)
    if d and newest.days - d.days > 365 then
      local months = (newest.year - d.year) * 12 + newest.month - d.month
      if newest.day < d.day then months = months - 1 end
      items[#items + 1] = {
        text = "The record of " .. fmt.name(p, m) .. " was last reviewed on " .. m.last_reviewed
            .. ", " .. en.plural(months, "month") .. " before the newest record in this catalog; "
            .. "its prices and limits may have changed since.",
        about = { m.id },
      }
    end
  end
  return items
end }
