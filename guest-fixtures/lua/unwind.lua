-- unwind.lua: exercises lua.wasm's setjmp/longjmp (wasi/sjlj.c), which every Lua
-- error and every coroutine yield from C goes through. Run as `lua unwind.lua`;
-- prints one line per case (tests/all/lua.rs holds the expected text), then
-- raises an uncaught error: lua prints "lua: unwind.lua:NN: the end" and a
-- traceback to stderr and exits 1.

local function show(...)
  local t = table.pack(...)
  for i = 1, t.n do t[i] = tostring(t[i]) end
  return table.concat(t, " ")
end

-- An error unwinds to the nearest pcall; locals and upvalues keep their values.
local counter = 0
print("error", show(pcall(function() counter = counter + 1; error("boom") end)), counter)
print("error object", show(pcall(error, setmetatable({}, { __tostring = function() return "obj" end }))))
print("runtime error", show(pcall(function() local t = nil; return t.x end)))

-- Nested handlers: the inner one catches, the outer one sees the rethrow.
print("nested", show(pcall(function()
  local ok, e = pcall(error, "inner", 0)
  error("outer after " .. tostring(ok) .. " " .. e, 0)
end)))

-- Errors from C functions called by C functions (gsub -> callback -> error).
print("gsub", show(pcall(string.gsub, "abc", "%w", function(c) error("at " .. c, 0) end)))
print("sort", show(pcall(table.sort, { 3, 1, 2 }, function() error("cmp", 0) end)))

-- Coroutines: yields from Lua and from C (coroutine.yield is a C function),
-- errors inside a coroutine, and a yield across pcall.
local gen = coroutine.wrap(function(a)
  for i = 1, 3 do a = coroutine.yield(a * 2) end
  return "done"
end)
print("coroutine", gen(1), gen(2), gen(3), gen(4))
local co = coroutine.create(function() error("in coroutine", 0) end)
print("coroutine error", show(coroutine.resume(co)), coroutine.status(co))
local across = coroutine.wrap(function()
  local ok, v = pcall(function() return coroutine.yield("yielded in pcall") + 1 end)
  return show(ok, v)
end)
print("yield across pcall", across(), across(41))

-- Many handlers in a row: each pcall takes a stack snapshot, each error jumps.
local caught = 0
for i = 1, 2000 do
  if not pcall(error, i) then caught = caught + 1 end
end
print("loop", caught)

-- Deep C recursion ends in Lua's own error, not in the engine's stack limit.
print("depth limit", (select(2, pcall(function()
  local function down(n) local ok, e = pcall(down, n + 1); if not ok then error(e, 0) end end
  down(0)
end))))
print("xpcall", show(xpcall(function() error("x", 0) end, function(m) return "handled " .. m end)))

error("the end")
