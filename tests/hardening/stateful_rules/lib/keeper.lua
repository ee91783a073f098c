-- A helper library that counts its calls in a local: a later pair would see a higher count.
local calls = 0
local seen = {}
local keeper = {}
function keeper.bump(id)
  calls = calls + 1
  seen[#seen + 1] = id
  return calls, #seen
end
return keeper
