-- en: English helpers for rule text (lists, plurals, articles, capitals).
-- Loaded first of the helper libraries (sorted names: en < fmt < model), so it uses
-- nothing but the base library. Every function is pure: strings in, a string out.

local en = {}

-- Group the digits of an integer with commas: group(1234567) --> "1,234,567".
local function group(n)
  local i = math.tointeger(n)
  if not i then return tostring(n) end
  local s = string.format("%d", i)
  local sign, digits = string.match(s, "^(-?)(%d+)$")
  local out = string.gsub(string.reverse(digits), "(%d%d%d)", "%1,")
  out = string.reverse(out)
  if string.sub(out, 1, 1) == "," then out = string.sub(out, 2) end
  return sign .. out
end

-- English list with the serial comma:
-- en.list({"a"}) --> "a"; en.list({"a", "b"}) --> "a and b";
-- en.list({"a", "b", "c"}) --> "a, b, and c"; en.list({}) --> "".
-- en.list(t, "or") --> "a, b, or c".
function en.list(t, conj)
  conj = conj or "and"
  local n = #t
  if n == 0 then return "" end
  if n == 1 then return t[1] end
  if n == 2 then return t[1] .. " " .. conj .. " " .. t[2] end
  return table.concat(t, ", ", 1, n - 1) .. ", " .. conj .. " " .. t[n]
end

-- A count with its noun: en.plural(1, "route", "routes") --> "1 route";
-- en.plural(2, "route", "routes") --> "2 routes"; en.plural(100000, "request", "requests")
-- --> "100,000 requests". The plural form defaults to singular .. "s".
function en.plural(n, one, many)
  many = many or (one .. "s")
  return group(n) .. " " .. (n == 1 and one or many)
end

-- Just the noun for a count: en.noun(1, "route", "routes") --> "route"; en.noun(3, "route") --> "routes".
function en.noun(n, one, many)
  if n == 1 then return one end
  return many or (one .. "s")
end

-- The verb that agrees with a count: en.verb(1, "matters", "matter") --> "matters".
function en.verb(n, one, many)
  if n == 1 then return one end
  return many
end

-- Letters whose English names start with a vowel sound ("an F", "an LLM", "an SDK").
local VOWEL_LETTER = { A = true, E = true, F = true, H = true, I = true, L = true, M = true,
                       N = true, O = true, R = true, S = true, X = true }

-- Word beginnings spelled with a vowel but said with a consonant ("a unified model"),
-- and with a consonant but said with a vowel ("an hour").
local A_PREFIXES = { "uni", "use", "usa", "usu", "uti", "uto", "ure", "uri", "ura", "ubi", "uk",
                     "eu", "ewe", "one", "once" }
local AN_PREFIXES = { "hour", "honest", "honor", "honour", "heir" }

-- Acronyms said as words, not letter by letter ("a RAG pipeline", "a LoRA adapter").
local SAID_AS_WORD = { RAG = true, LoRA = true, LLaMA = true, SaaS = true, RAM = true, ROM = true,
                       LAN = true, NASA = true, MIDI = true, SIM = true, HAL = true }

local function starts(word, prefixes)
  for _, p in ipairs(prefixes) do
    if string.sub(word, 1, #p) == p then return true end
  end
  return false
end

-- Is word said letter by letter? True for "API", "IDE", "LLM", "MoE", "SDK", "X";
-- false for "OpenAI", "Coding", "unified".
local function initialism(word)
  if SAID_AS_WORD[word] then return false end
  if not string.match(word, "^%u") then return false end
  if #word == 1 then return true end
  local rest = string.sub(word, 2)
  if not string.match(rest, "%u") then return false end  -- "Coding": one capital
  return not string.match(word, "%l%l%l")                -- "OpenAI" is said as a word
end

-- "a" or "an" for a phrase, by sound: en.a("IDE integration") --> "an".
function en.a(phrase)
  local word = string.match(phrase, "^[%w]+") or ""
  if word == "" then return "a" end
  local digits = string.match(word, "^%d+")
  if digits then
    -- "an 8k", "an 80B", "an 11k", "an 18M"; "a 110k", "a 1.05M"
    if string.sub(digits, 1, 1) == "8" then return "an" end
    local after = string.sub(phrase, #digits + 1, #digits + 1)
    local len = #digits
    if after == "," then len = 2 end  -- "11,000": the first group is said alone
    if len % 3 == 2 and (string.sub(digits, 1, 2) == "11" or string.sub(digits, 1, 2) == "18") then
      return "an"
    end
    return "a"
  end
  if initialism(word) then
    return VOWEL_LETTER[string.sub(word, 1, 1)] and "an" or "a"
  end
  local low = string.lower(word)
  if starts(low, AN_PREFIXES) then return "an" end
  if starts(low, A_PREFIXES) then return "a" end
  if string.match(low, "^[aeiou]") then return "an" end
  return "a"
end

-- A phrase with its indefinite article, by sound:
-- en.article("IDE integration") --> "an IDE integration"; en.article("API model") --> "an API model";
-- en.article("coding-specialized model") --> "a coding-specialized model";
-- en.article("open-source model") --> "an open-source model"; en.article("unified model") --> "a unified model";
-- en.article("LLM") --> "an LLM"; en.article("hour") --> "an hour"; en.article("8k-token window") --> "an 8k-token window".
function en.article(phrase)
  return en.a(phrase) .. " " .. phrase
end

-- Lower-case the first letter for use mid-sentence, unless the first word is an acronym:
-- en.lower_first("Coding-specialized model") --> "coding-specialized model";
-- en.lower_first("API model") --> "API model"; en.lower_first("OpenAI route") --> "OpenAI route".
function en.lower_first(s)
  local word = string.match(s, "^[^%s%-]+") or ""
  if string.match(string.sub(word, 2), "%u") then return s end
  return string.lower(string.sub(s, 1, 1)) .. string.sub(s, 2)
end

-- Upper-case the first letter: en.capitalize("open source") --> "Open source".
function en.capitalize(s)
  return string.upper(string.sub(s, 1, 1)) .. string.sub(s, 2)
end

-- Plural of a noun phrase, by its last word:
-- en.plurals("Coding-specialized model") --> "Coding-specialized models"; en.plurals("proxy") --> "proxies".
function en.plurals(phrase)
  local head, last = string.match(phrase, "^(.-)(%w+)$")
  if not last then return phrase end
  local low = string.lower(last)
  if string.match(last, "^%u+$") then return phrase .. "s" end          -- "LLM" --> "LLMs"
  if string.match(low, "[^aeiou]y$") then return head .. string.sub(last, 1, -2) .. "ies" end
  if string.match(low, "[sxz]$") or string.match(low, "[cs]h$") then return phrase .. "es" end
  return phrase .. "s"
end

-- The helpers above are pure functions of one string or number, and rules ask about the
-- same few values on every pair: remember each answer (once per state; at most 4096 of
-- them, then start again, so odd input cannot grow a cache without end).
local function remember(f)
  local cache, n, type = {}, 0, type
  return function(x)
    local r = cache[x]
    if r == nil then
      r = f(x)
      local t = type(x)
      if t == "string" or (t == "number" and x == x) then
        if n == 4096 then cache, n = {}, 0 end
        cache[x], n = r, n + 1
      end
    end
    return r
  end
end
group = remember(group)
en.a = remember(en.a)
en.article = remember(en.article)
en.lower_first = remember(en.lower_first)
en.capitalize = remember(en.capitalize)
en.plurals = remember(en.plurals)

-- Integer with thousands separators: en.int(100000) --> "100,000".
en.int = group

return en
