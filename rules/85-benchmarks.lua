-- Benchmarks: scores both models report for the same benchmark and setting.

section{ id = "benchmarks", title = "Benchmarks", style = "paragraphs",
         columns = function(p) return { "Benchmark", fmt.name(p, p.a), fmt.name(p, p.b) } end }

-- A score with its unit: score({score = 79.9, unit = "%"}) --> "79.9%"; unit "Elo" --> "1,250 Elo".
local function score(x)
  local s = fmt.number(x.score)
  if not x.unit or x.unit == "" then return s end
  if x.unit == "%" then return s .. "%" end
  return s .. " " .. x.unit
end

rule{ key = "benchmarks", section = "benchmarks", fn = function(p)
  local rows = {}
  for _, s in ipairs(model.shared_benchmarks(p.a, p.b)) do
    local label = s.a.name .. (s.a.setting and (" (" .. s.a.setting .. ")") or "")
    rows[#rows + 1] = { key = s.a.name, cells = { label, score(s.a), score(s.b) } }
  end
  return rows
end }

rule{ key = "benchmarks.none", section = "benchmarks", fn = function(p)
  if #model.shared_benchmarks(p.a, p.b) > 0 then return nil end
  local ca, cb = #model.list(p.a.benchmarks), #model.list(p.b.benchmarks)
  local text = "No shared benchmark scores are available for this pair."
  if ca > 0 and cb > 0 then
    text = text .. " " .. fmt.name(p, p.a) .. " reports " .. en.plural(ca, "score") .. " and "
        .. fmt.name(p, p.b) .. " " .. en.plural(cb, "score")
        .. ", but none for the same benchmark and setting."
  elseif ca > 0 or cb > 0 then
    local m, n = p.a, ca
    if cb > 0 then m, n = p.b, cb end
    text = text .. " Only " .. fmt.name(p, m) .. " reports benchmark scores ("
        .. en.plural(n, "score") .. ")."
  end
  return { text = text }
end }
