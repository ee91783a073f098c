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
  for _, s in ipairs(model.pair_shared_benchmarks(p)) do
    local label = s.a.name .. (s.a.setting and (" (" .. s.a.setting .. ")") or "")
    rows[#rows + 1] = { key = s.a.name, cells = { label, score(s.a), score(s.b) } }
  end
  return rows
end }

-- Rows the table cannot settle: a lower score wins, or the records measure differently.
rule{ key = "benchmarks.notes", section = "benchmarks", fn = function(p)
  local lower, mismatch = {}, {}
  for _, s in ipairs(model.pair_shared_benchmarks(p)) do
    local la, lb = model.lower_is_better(s.a), model.lower_is_better(s.b)
    if la ~= lb or model.norm(s.a.unit or "") ~= model.norm(s.b.unit or "") then
      mismatch[#mismatch + 1] = s.a.name
    elseif la then
      lower[#lower + 1] = s.a.name
    end
  end
  local items = {}
  if #lower > 0 then
    items[#items + 1] = { key = "benchmarks.lower_is_better",
                          text = "A lower score is better on " .. en.list(lower) .. "." }
  end
  if #mismatch > 0 then
    items[#items + 1] = {
      key = "benchmarks.not_comparable",
      text = "The two records report " .. en.list(mismatch) .. " in different units or "
          .. "directions, so " .. en.verb(#mismatch, "that row is", "those rows are")
          .. " not compared.",
      values = mismatch,
    }
  end
  return items
end }

rule{ key = "benchmarks.none", section = "benchmarks", fn = function(p)
  if #model.pair_shared_benchmarks(p) > 0 then return nil end
  local ca, cb = #model.list(p.a.benchmarks), #model.list(p.b.benchmarks)
  local text = "No shared benchmark scores are available for this pair."
  if ca > 0 and cb > 0 then
    text = text .. " " .. fmt.name(p, p.a) .. " reports " .. en.plural(ca, "benchmark score")
        .. " and " .. fmt.name(p, p.b) .. " reports " .. fmt.int(cb)
        .. ", but no benchmark and setting appears in both records."
  elseif ca > 0 or cb > 0 then
    local m, n = p.a, ca
    if cb > 0 then m, n = p.b, cb end
    text = text .. " Only " .. fmt.name(p, m) .. " reports benchmark scores, "
        .. en.plural(n, "score") .. " in all."
  end
  return { text = text }
end }
