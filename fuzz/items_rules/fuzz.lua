-- The rules of the item-converter fuzzer (fuzz/items.c).  The host cannot hand a rule its
-- input directly, so the input arrives as p.traffic.providers: a list of byte strings.  The
-- first byte of each picks who runs it (0-12 a section's rule, 13 the title, 14 a section's
-- column function); the rest is a small stack program that decode() turns into a Lua value
-- for the host's converter to read: strings of any bytes, numbers of any bits, nested and
-- self-referential tables, model views, functions, coroutines, metatables whose every
-- metamethod fails or loops, results far too large, budget and memory trips.
--
-- A last rule, "after", must give its item whatever the others did (hardening.md cases 43
-- and 50): the harness checks that it is in every report.
--
-- Sizes are kept small on purpose (a string at most 4 KiB, 32 copies, 1000 steps): the engine
-- copies what a rule returns without a cap (hardening.md case 33, open), so a program that
-- returns one long string many times makes the host allocate gigabytes, and the fuzzer would
-- spend its time there.  Raise MAX_STRING and MAX_COPIES when the engine caps results.

local sections = {
  "summary", "scorecard", "tradeoffs", "cost", "friction", "specs", "pricing",
  "capabilities", "benchmarks", "deep_dive", "faq", "related", "provenance",
}
local styles = { "paragraphs", "list", "faq", "links" }

local evil = {
  __index = function() error("index") end,
  __newindex = function() error("newindex") end,
  __len = function() while true do end end,
  __pairs = function() return function() return 1, 1 end end,
  __tostring = function() error("tostring") end,
  __concat = function() error("concat") end,
  __eq = function() return true end,
  __lt = function() error("lt") end,
  __call = function() return 1 end,
  __close = function() while true do end end,
  __name = "evil",
  __metatable = "locked",
}

local keys = {
  "text", "question", "answer", "cells", "key", "about", "values", "txt", "href", "source",
  "", 1, 2, 3, 0, -1, 1.5,
}

local MAX_STRING, MAX_COPIES, MAX_STEPS = 4096, 32, 1000

local function decode(prog, p)
  local st, sp, pos, n = {}, 0, 1, #prog
  local function byte()
    local b = prog:byte(pos) or 0
    pos = pos + 1
    return b
  end
  local function push(v) sp = sp + 1; st[sp] = v end
  local function pop()
    if sp == 0 then return nil end
    local v = st[sp]
    st[sp] = nil
    sp = sp - 1
    return v
  end
  local steps = 0
  while pos <= n and steps < MAX_STEPS do
    steps = steps + 1
    local op = byte() % 24
    if op == 0 then -- a string of the program's bytes
      local len = byte()
      push(prog:sub(pos, pos + len - 1))
      pos = pos + len
    elseif op == 1 then
      push(keys[byte() % #keys + 1])
    elseif op == 2 then
      push(byte() - 128)
    elseif op == 3 then -- any 64-bit integer
      if pos + 7 <= n then push((string.unpack("<i8", prog, pos))) end
      pos = pos + 8
    elseif op == 4 then -- any double: NaN, infinities, -0.0
      if pos + 7 <= n then push((string.unpack("<d", prog, pos))) end
      pos = pos + 8
    elseif op == 5 then
      push({})
    elseif op == 6 then -- t[k] = v
      local v, k = pop(), pop()
      local t = st[sp]
      if type(t) == "table" and k ~= nil and k == k then pcall(function() t[k] = v end) end
    elseif op == 7 then -- append
      local v = pop()
      local t = st[sp]
      if type(t) == "table" then pcall(function() t[rawlen(t) + 1] = v end) end
    elseif op == 8 then
      push(st[sp])
    elseif op == 9 then
      if sp >= 2 then st[sp], st[sp - 1] = st[sp - 1], st[sp] end
    elseif op == 10 then -- host views
      local b = byte() % 5
      if b == 0 then push(p.a) elseif b == 1 then push(p.b) elseif b == 2 then push(p)
      elseif b == 3 then push(p.catalog) else push(p.a.routes) end
    elseif op == 11 then
      local b = byte() % 3
      if b == 0 then push(true) elseif b == 1 then push(false) else push(nil) end
    elseif op == 12 then
      push(function() error("called") end)
    elseif op == 13 then
      local t = st[sp]
      if type(t) == "table" then pcall(setmetatable, t, evil) end
    elseif op == 14 then -- a long string
      local s = pop()
      if type(s) == "string" then
        local count = byte() * byte()
        if #s * count > MAX_STRING then count = MAX_STRING // (#s + 1) end
        local ok, v = pcall(string.rep, s, count)
        push(ok and v or s)
      end
    elseif op == 15 then -- many copies: a result too large
      local v, t = st[sp], {}
      for i = 1, byte() % (MAX_COPIES + 1) do t[i] = v end
      push(t)
    elseif op == 16 then
      local b, a = pop(), pop()
      local ta, tb = type(a), type(b)
      if (ta == "string" or ta == "number") and (tb == "string" or tb == "number")
          and #tostring(a) + #tostring(b) <= MAX_STRING then
        push(a .. b)
      else
        push(a)
      end
    elseif op == 17 then
      push("\0")
    elseif op == 18 then
      push(string.char(byte()))
    elseif op == 19 then -- deep nesting
      local t = pop()
      for _ = 1, byte() * 8 do t = { t } end
      push(t)
    elseif op == 20 then -- cycles
      local t = st[sp]
      if type(t) == "table" then pcall(function() t.values = t; t.about = t; t[1] = t end) end
    elseif op == 21 then -- code points beyond Unicode (utf8.char goes to 2^31)
      local ok, s = pcall(utf8.char, (byte() * 65536 + byte() * 256 + byte()) * 128)
      push(ok and s or nil)
    elseif op == 22 then -- trips
      local b = byte() % 5
      if b == 0 then
        while true do end
      elseif b == 1 then
        pcall(function() while true do end end)
      elseif b == 2 then
        local keep = { "x" } -- doubling reaches the memory cap in a few steps
        pcall(function() while true do keep[#keep + 1] = keep[#keep] .. keep[#keep] end end)
      elseif b == 3 then
        error(setmetatable({}, { __tostring = function() error("again") end }))
      else
        error(st[sp])
      end
    else
      push(coroutine.create(function() return 1 end))
    end
  end
  return st[sp]
end

-- The first program whose tag byte is `tag`, decoded; nil when there is none.
local function run(p, tag)
  for _, s in ipairs(p.traffic.providers) do
    if s:byte(1) % 16 == tag then return decode(s:sub(2), p) end
  end
  return nil
end

for i, id in ipairs(sections) do
  section{
    id = id,
    title = "Section " .. id,
    style = styles[i % #styles + 1],
    columns = (id == "pricing" and function(p) return run(p, 14) or { "Item", "A", "B" } end)
      or (i % 3 == 0 and { "Item", "A", "B" }) or nil,
  }
end

title{ fn = function(p) return run(p, 13) or "Alpha vs Beta" end }

for i, id in ipairs(sections) do
  rule{ key = "fuzz." .. id, section = id, fn = function(p) return run(p, i - 1) end }
end

rule{ key = "after", section = "deep_dive", fn = function(p)
  local s = 0
  for i = 1, 10000 do s = s + i end
  return { text = string.format("after %d %s", s, ("x"):upper()) }
end }

rule{ key = "none", section = "faq", fallback = true, fn = function(p)
  return { question = "None?", answer = "Nothing was said." }
end }
