-- fmt: numbers, tokens, prices, money, dates and model names as the report shows them.
-- Exact and locale-independent: only string.format with %d / %e, integer maths and
-- half-up rounding done on the decimal digits of a number (so 0.125 rounds to 0.13,
-- and 2.675 to 2.68, as a person reading the record would expect).

local fmt = {}

-- Unknown, in every table cell: U+2014 EM DASH.
fmt.unknown = "\u{2014}"

local function finite(x)
  return type(x) == "number" and x == x and x ~= math.huge and x ~= -math.huge
end

-- The shortest decimal digits that read back to x: digits("0.125") --> "125", point 0
-- (x = 0.DIGITS * 10^point). x must be finite and >= 0.
local function digits(x)
  if x == 0 then return "0", 1 end
  local s
  for prec = 0, 16 do
    s = string.format("%." .. prec .. "e", x)
    if tonumber(s) == x then break end
  end
  local int, frac, exp = string.match(s, "^(%d)%.?(%d*)e([-+]%d+)$")
  local d = string.gsub(int .. frac, "0+$", "")
  if d == "" then d = "0" end
  return d, tonumber(exp) + 1
end

-- Add one to a string of decimal digits: bump("199") --> "200", bump("99") --> "100".
local function bump(s)
  local i = #s
  while i > 0 and string.sub(s, i, i) == "9" do i = i - 1 end
  if i == 0 then return "1" .. string.rep("0", #s) end
  local d = string.byte(s, i) - 48 + 1
  return string.sub(s, 1, i - 1) .. string.char(48 + d) .. string.rep("0", #s - i)
end

-- x >= 0 rounded half up to nd decimals, as integer-part and fraction digit strings:
-- round(0.125, 2) --> "0", "13"; round(12345.675, 2) --> "12345", "68".
local function round(x, nd)
  local d, point = digits(x)
  local keep = point + nd            -- how many digits of d stay
  local kept, next_digit
  if keep <= 0 then
    kept = "0"
    next_digit = keep == 0 and string.sub(d, 1, 1) or "0"
  else
    if #d < keep then d = d .. string.rep("0", keep - #d) end
    kept = string.sub(d, 1, keep)
    next_digit = string.sub(d, keep + 1, keep + 1)
  end
  if next_digit ~= "" and next_digit >= "5" then kept = bump(kept) end
  if #kept < nd + 1 then kept = string.rep("0", nd + 1 - #kept) .. kept end
  local int = string.sub(kept, 1, #kept - nd)
  int = string.match(int, "^0*(%d.*)$") or int
  if int == "" then int = "0" end
  return int, string.sub(kept, #kept - nd + 1)
end

-- Commas between thousands of a digit string: group("1234567") --> "1,234,567".
local function group(int)
  local out = string.reverse((string.gsub(string.reverse(int), "(%d%d%d)", "%1,")))
  if string.sub(out, 1, 1) == "," then out = string.sub(out, 2) end
  return out
end

-- A whole number (integer or integral float) as a Lua integer, or nil.
local function whole(n)
  if not finite(n) then return nil end
  return math.tointeger(n) or math.tointeger(math.floor(n + 0.5))
end

-- Grouped integer: fmt.int(100000) --> "100,000"; fmt.int(2000) --> "2,000";
-- fmt.int(-1234) --> "-1,234"; fmt.int(nil) --> "—".
function fmt.int(n)
  if not finite(n) then return fmt.unknown end
  local sign = n < 0 and "-" or ""
  local int = round(math.abs(n), 0)
  if int == "0" then sign = "" end
  return sign .. group(int)
end

-- A number with the fewest digits that read back, grouped, no exponent:
-- fmt.number(79.9) --> "79.9"; fmt.number(1250) --> "1,250"; fmt.number(0.5) --> "0.5".
function fmt.number(x)
  if not finite(x) then return fmt.unknown end
  local sign = x < 0 and "-" or ""
  local d, point = digits(math.abs(x))
  local nd = math.max(#d - point, 0)
  local int, frac = round(math.abs(x), nd)
  if int == "0" and not string.match(frac, "[1-9]") then sign = "" end
  return sign .. group(int) .. (nd > 0 and ("." .. frac) or "")
end

-- count units of 1/10^places with trailing zeros dropped: decimals(105, 2) --> "1.05";
-- decimals(150, 2) --> "1.5"; decimals(200, 2) --> "2".
local function decimals(count, places)
  local unit = places == 1 and 10 or 100
  local s = string.format("%d", count // unit)
  local frac = string.format("%0" .. places .. "d", count % unit)
  frac = string.gsub(frac, "0+$", "")
  if frac ~= "" then s = s .. "." .. frac end
  return s
end

-- Token counts as vendors write them (report.md, Formatting): the number itself under
-- 1,000; a multiple of 1,000 in decimal units; else under 1,024,000 a multiple of 1,024 in
-- binary thousands; from 1,048,576 a multiple of 262,144 in binary millions; anything else
-- in decimal units rounded half up (one decimal under 10,000, none under a million, two
-- above), and never "1000k":
-- fmt.tokens(448) --> "448"; fmt.tokens(128000) --> "128k"; fmt.tokens(1050000) --> "1.05M";
-- fmt.tokens(32768) --> "32k"; fmt.tokens(131072) --> "128k"; fmt.tokens(1048576) --> "1M";
-- fmt.tokens(1572864) --> "1.5M"; fmt.tokens(1500) --> "1.5k"; fmt.tokens(131500) --> "132k";
-- fmt.tokens(1047576) --> "1.05M"; fmt.tokens(999999) --> "1M"; fmt.tokens(nil) --> "—".
function fmt.tokens(n)
  local i = whole(n)
  if not i or i < 0 then return fmt.unknown end
  if i < 1000 then return string.format("%d", i) end
  if i % 1000 == 0 then
    if i < 1000000 then return string.format("%dk", i // 1000) end
    return decimals((i + 5000) // 10000, 2) .. "M"
  end
  if i % 1024 == 0 and i < 1024000 then return string.format("%dk", i // 1024) end
  if i % 262144 == 0 and i >= 1048576 then return decimals(i * 100 // 1048576, 2) .. "M" end
  if i < 10000 then return decimals((i + 50) // 100, 1) .. "k" end
  if (i + 500) // 1000 < 1000 then return string.format("%dk", (i + 500) // 1000) end
  return decimals((i + 5000) // 10000, 2) .. "M"
end

-- Token counts in prose read as in tables: fmt.tokens_text(448) --> "448".
fmt.tokens_text = fmt.tokens

-- Parameter counts, K/M/B/T with one decimal, half up, ".0" dropped:
-- fmt.params(7000000000) --> "7B"; fmt.params(72700000000) --> "72.7B";
-- fmt.params(560000000) --> "560M"; fmt.params(999950000) --> "1B"; fmt.params(nil) --> "—".
function fmt.params(n)
  local i = whole(n)
  if not i or i < 0 then return fmt.unknown end
  if i < 1000 then return string.format("%d", i) end
  local units = { { 1000, "K" }, { 1000000, "M" }, { 1000000000, "B" }, { 1000000000000, "T" } }
  local u = 1
  while u < #units and i >= units[u + 1][1] do u = u + 1 end
  local tenths = (i * 10 + units[u][1] // 2) // units[u][1]
  if tenths >= 10000 and u < #units then  -- 999.95M rounds up into the next unit
    u = u + 1
    tenths = (i * 10 + units[u][1] // 2) // units[u][1]
  end
  local s = string.format("%d", tenths // 10)
  if tenths % 10 ~= 0 then s = s .. "." .. string.format("%d", tenths % 10) end
  return s .. units[u][2]
end

-- Amounts of a quadrillion dollars and more only come from broken data: shown short,
-- huge(2.5e302) --> "$2.5e+302", rather than as three hundred grouped digits.
local HUGE = 1e15
local function huge(x)
  return (x < 0 and "-" or "") .. "$" .. string.format("%.3g", math.abs(x))
end

-- Unit price in USD, two to six decimals, zeros beyond two dropped:
-- fmt.price(1.25) --> "$1.25"; fmt.price(0.075) --> "$0.075"; fmt.price(2.5) --> "$2.50";
-- fmt.price(0.000125) --> "$0.000125"; fmt.price(0) --> "$0.00"; fmt.price(nil) --> "—";
-- fmt.price(0.0000004) --> "<$0.000001".
function fmt.price(x)
  if not finite(x) then return fmt.unknown end
  if x > 0 and x < 0.000001 then return "<$0.000001" end  -- never "$0.00" for a price
  if math.abs(x) >= HUGE then return huge(x) end
  local sign = x < 0 and "-" or ""
  local int, frac = round(math.abs(x), 6)
  frac = string.gsub(frac, "0+$", "")
  if #frac < 2 then frac = frac .. string.rep("0", 2 - #frac) end
  if int == "0" and frac == "00" then sign = "" end
  return sign .. "$" .. group(int) .. "." .. frac
end

-- Money in USD, to the cent: fmt.money(12345.675) --> "$12,345.68"; fmt.money(0.004)
-- --> "<$0.01"; fmt.money(0) --> "$0.00"; fmt.money(-0.0) --> "$0.00";
-- fmt.money(1/0) --> "—"; fmt.money(nil) --> "—".
function fmt.money(x)
  if not finite(x) then return fmt.unknown end
  if math.abs(x) >= HUGE then return huge(x) end
  local int, frac = round(math.abs(x), 2)
  if int == "0" and frac == "00" then
    if x > 0 then return "<$0.01" end
    return "$0.00"                      -- zero, -0.0 and tiny negatives: never "-$0.00"
  end
  return (x < 0 and "-" or "") .. "$" .. group(int) .. "." .. frac
end

-- A share in [0,1] as a percentage, at most two decimals: fmt.percent(0.4) --> "40%";
-- fmt.percent(0.125) --> "12.5%"; fmt.percent(nil) --> "—".
function fmt.percent(x)
  if not finite(x) then return fmt.unknown end
  local int, frac = round(math.abs(x * 100), 2)
  frac = string.gsub(frac, "0+$", "")
  return group(int) .. (frac ~= "" and ("." .. frac) or "") .. "%"
end

-- {====== Percentages in prose (report.md, Percentages): computed from unrounded values,
-- rounded half up to a whole number with floor(p + 0.5 + 1e-9), so a saving of
-- 9.999999999999998 % reads "10%" and $36.00 against $40.00 is "10%", never "9%".

-- A percentage figure (already in percent) as a whole number: fmt.pct(9.999999999999998)
-- --> "10%"; fmt.pct(20.5) --> "21%"; fmt.pct(39.5) --> "40%"; fmt.pct(nil) --> "—".
function fmt.pct(x)
  if not finite(x) then return fmt.unknown end
  return fmt.int(math.floor(x + 0.5 + 1e-9)) .. "%"
end

-- By how much lower is below higher, as a percentage of higher: fmt.pct_less(36, 40) -->
-- "10%"; fmt.pct_less(201125, 402250) --> "50%"; fmt.pct_less(999.6, 1000) --> "under 1%"
-- (two different values never read "0%"); fmt.pct_less(0, 5) --> "100%", and "100%" only
-- then: fmt.pct_less(0.001, 1000) --> "99%"; fmt.pct_less(5, 5) --> "0%";
-- fmt.pct_less(1, 0) --> "—" (no share of nothing).
function fmt.pct_less(lower, higher)
  if not finite(lower) or not finite(higher) or higher <= 0 then return fmt.unknown end
  if lower == higher then return "0%" end
  if lower == 0 then return "100%" end
  local n = math.floor((higher - lower) / higher * 100 + 0.5 + 1e-9)
  if n < 1 then return "under 1%" end
  if n >= 100 then n = 99 end
  return fmt.int(n) .. "%"
end

-- By how much higher exceeds lower, as a phrase: a percentage under 100 % with word
-- (default "more"), else a multiple with as_word (default "much"), one decimal, half up:
-- fmt.pct_more(150, 100) --> "50% more"; fmt.pct_more(250, 100) --> "2.5 times as much";
-- fmt.pct_more(200, 100) --> "2 times as much"; fmt.pct_more(100.4, 100) --> "under 1% more";
-- fmt.pct_more(125, 100, "larger", "large") --> "25% larger"; fmt.pct_more(5, 0) --> nil
-- (no multiple of nothing: the caller says it another way).
function fmt.pct_more(higher, lower, word, as_word)
  if not finite(lower) or not finite(higher) or lower <= 0 then return nil end
  word, as_word = word or "more", as_word or "much"
  -- "100 % or more" with the equality rule: 2 x lower within 1e-9 of the larger counts.
  if higher >= 2 * lower - 1e-9 * math.max(higher, 2 * lower) then
    local tenths = math.floor(higher / lower * 10 + 0.5 + 1e-9)
    return decimals(tenths, 1) .. " times as " .. as_word
  end
  local n = math.floor((higher - lower) / lower * 100 + 0.5 + 1e-9)
  if n < 1 then return (higher == lower and "0%" or "under 1%") .. " " .. word end
  return fmt.int(n) .. "% " .. word
end

-- }======

-- {====== Two sizes side by side (report.md): both in the vendor form only when the two
-- forms, read back as decimal (k = 1,000, M = 1,000,000), keep the counts' order strictly
-- (or are equal when the counts are); else both as grouped integers.

-- A vendor form read back as decimal: readback("1.05M") --> 1050000; readback("128k") -->
-- 128000; readback("448") --> 448.
local function readback(s)
  local int, frac, unit = string.match(s, "^(%d+)%.?(%d*)([kM]?)$")
  if not int then return nil end
  local scale = unit == "k" and 1000 or unit == "M" and 1000000 or 1
  local n = tonumber(int) * scale
  if frac ~= "" then n = n + tonumber(frac) * scale // (10 ^ #frac) end
  return math.tointeger(n) or n
end

-- fmt.two_tokens(1048576, 1047576) --> "1,048,576", "1,047,576" (never "1M" and "1.05M");
-- fmt.two_tokens(204800, 200000) --> "204,800", "200,000"; fmt.two_tokens(131072, 128000)
-- --> "131,072", "128,000"; fmt.two_tokens(200000, 128000) --> "200k", "128k";
-- fmt.two_tokens(131072, 131072) --> "128k", "128k"; fmt.two_tokens(nil, 8192) --> "—", "8k".
local function two_tokens(x, y)
  local sx, sy = fmt.tokens(x), fmt.tokens(y)
  local ix, iy = whole(x), whole(y)
  if not ix or not iy or ix < 0 or iy < 0 then return sx, sy end
  local rx, ry = readback(sx), readback(sy)
  local keeps = rx and ry and ((ix > iy and rx > ry) or (ix < iy and rx < ry)
      or (ix == iy and rx == ry))
  if keeps then return sx, sy end
  return fmt.int(ix), fmt.int(iy)
end

-- The same few windows come back on every pair, and a call costs a dozen C calls: each
-- answer is remembered (x then y; at most 4096 kept, then start again; nil and NaN never).
do
  local cache, n = {}, 0
  function fmt.two_tokens(x, y)
    if x == nil or y == nil or x ~= x or y ~= y then return two_tokens(x, y) end
    local row = cache[x]
    local hit = row and row[y]
    if hit then return hit[1], hit[2] end
    local sx, sy = two_tokens(x, y)
    if n == 4096 then cache, n = {}, 0 end
    row = cache[x]
    if not row then row = {}; cache[x] = row end
    row[y], n = { sx, sy }, n + 1
    return sx, sy
  end
end

-- }======

-- Plain text or the unknown dash for a table cell: fmt.cell("Decoder Only") --> "Decoder Only";
-- fmt.cell(nil) --> "—"; fmt.cell("") --> "—".
function fmt.cell(s)
  if s == nil or s == "" then return fmt.unknown end
  if type(s) == "string" then return s end
  return tostring(s)
end

-- The year of a YYYY-MM-DD date: fmt.year("2026-02-12") --> "2026"; fmt.year(nil) --> nil.
function fmt.year(date)
  if type(date) ~= "string" then return nil end
  return string.match(date, "^(%d%d%d%d)%-")
end

-- How a model is named in prose: its display name, or "name (id)" when the two models
-- of the pair share a display name. p is the pair (or any {a = m1, b = m2}):
-- fmt.name(p, p.a) --> "Qwen2-7B-Instruct"; with two models named "Llama 3" -->
-- "Llama 3 (llama-3-8b)".  The engine's pair answers the question once (p.same_name).
function fmt.name(p, m)
  local same = p.same_name
  if same == nil then same = p.a.name == p.b.name end
  if same then return m.name .. " (" .. m.id .. ")" end
  return m.name
end

-- digits, group and the formatters of one number are pure, and the same prices, token
-- counts and amounts come back on every pair: remember their answers (once per state; at
-- most 4096 of each, then start again, so odd input cannot grow a cache without end).
-- Integers and floats are kept apart (2^60 and 2^60.0 need not read the same); zero and
-- NaN are never kept.
do
  local type, math_type = type, math.type
  local LIMIT = 4096

  local raw_digits, dcache, pcache, dn = digits, {}, {}, 0
  digits = function(x)
    local d = dcache[x]
    if d ~= nil then return d, pcache[x] end
    local point
    d, point = raw_digits(x)
    if type(x) == "number" and x == x then
      if dn == LIMIT then dcache, pcache, dn = {}, {}, 0 end
      dcache[x], pcache[x], dn = d, point, dn + 1
    end
    return d, point
  end

  local raw_group, gcache, gn = group, {}, 0
  group = function(int)
    local r = gcache[int]
    if r == nil then
      r = raw_group(int)
      if type(int) == "string" then
        if gn == LIMIT then gcache, gn = {}, 0 end
        gcache[int], gn = r, gn + 1
      end
    end
    return r
  end

  local function remember(f)
    local ints, floats, n = {}, {}, 0
    return function(x)
      local kind = math_type(x)
      local cache = kind == "integer" and ints or kind == "float" and floats
      if not cache or x ~= x or x == 0 then return f(x) end
      local r = cache[x]
      if r == nil then
        r = f(x)
        if n == LIMIT then ints, floats, n = {}, {}, 0 end
        cache = kind == "integer" and ints or floats
        cache[x], n = r, n + 1
      end
      return r
    end
  end
  for _, k in ipairs({ "int", "number", "tokens", "tokens_text", "params", "price", "percent" }) do
    fmt[k] = remember(fmt[k])
  end
end

return fmt
