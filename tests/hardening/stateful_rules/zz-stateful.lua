-- Hostile rules for the determinism test (tests/hardening/determinism_test.sh, issue 16,
-- item 7): each tries to carry something from one pair to the next, or to observe memory,
-- and says what it saw on every pair page.  A worker that made other pairs before this one
-- (another -j, another run) must not be able to tell.

local count = 0                       -- an upvalue counter
local history = {}                    -- a file-level table
Kept = { n = 0 }                      -- a global table (the global is frozen, its fields not)
local co = coroutine.wrap(function()  -- a coroutine started at load
  local i = 0
  while true do i = i + 1; coroutine.yield(i) end
end)
co()
local words = ("a b c d e f g h i j k l m n o p"):gmatch("%a")  -- a gmatch iterator
local nextkey, keys = pairs({ x = 1, y = 2, z = 3, w = 4 })    -- a pairs iterator
local mt = {}
local obj = setmetatable({}, mt)      -- a metatable changed later
local cache = {}
local seq = { 5, 4, 3, 2, 1 }         -- existing fields rewritten in place (issue 19's barrier)
local many = { 7 }                    -- more keys written than the barrier lists (issue 19)

local function try(f, ...)
  local ok, v = pcall(f, ...)
  return ok and tostring(v) or "refused"
end

rule{ key = "stateful", section = "deep_dive", fn = function(p)
  count = count + 1
  history[#history + 1] = p.a.id
  Kept.n = Kept.n + 1
  mt.__index = mt.__index or { hits = 0 }
  obj.hits = (obj.hits or 0) + 1
  cache[p.a] = (cache[p.a] or 0) + 1
  table.sort(seq)
  seq[1] = seq[1] + 10
  table.insert(seq, 0)
  for i = 1, 40 do many[i] = (many[i] or 0) + 1 end
  local calls, seen = keeper.bump(p.b.id)
  local byview = {}
  for m in pairs({ [p.a] = 1, [p.b] = 2 }) do byview[#byview + 1] = m.id end
  local weak = try(setmetatable, {}, { __mode = "k" })
  local parts = {
    "count " .. count, "history " .. #history, "kept " .. Kept.n,
    "coroutine " .. try(co), "gmatch " .. try(words), "pairs " .. try(nextkey, keys),
    "obj " .. obj.hits, "cache " .. cache[p.a], "seq " .. table.concat(seq, ","), "many " .. many[1] .. "/" .. #many, "lib " .. calls .. "/" .. seen,
    "serial " .. tostring(p.serial), "memory " .. try(collectgarbage, "count"),
    "default " .. try(collectgarbage), "weak " .. weak,
    "order " .. table.concat(byview, ","),
  }
  return { text = table.concat(parts, "; ") }
end }
