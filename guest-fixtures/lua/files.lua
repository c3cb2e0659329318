-- files.lua: a file-I/O workout for lua.wasm, run as `lua files.lua` in the
-- preopened root "/" (the working directory), which must hold only this script.
--
-- Steps: write 5,000 lines to data.txt (fully buffered), append 250 more (and
-- a line written after seeking to 0, which must still land at the end), reopen
-- with "r+" to overwrite bytes at computed and at pseudo-random offsets and to
-- write past the end (a zero-filled gap), read everything back with io.lines
-- in several formats, read numbers, copy the appended lines to appended.txt,
-- rename data.txt to renamed.txt, rename one scratch file over another and
-- remove files, including the failures that must come back as nil, message,
-- errno. Every observation goes to results.txt, one per line.
--
-- Leaves results.txt, renamed.txt and appended.txt; prints "files.lua: ok" and
-- exits 0. A broken expectation raises an error: lua prints it to stderr and
-- exits 1.
--
-- Only deterministic functions: no os.time/os.clock/os.date, no unseeded
-- math.random, no pairs() (its order depends on a per-run hash seed), no
-- table addresses. math.random is seeded explicitly, which makes it a fixed
-- sequence.

local results = {}
local function note(fmt, ...)
  results[#results + 1] = string.format(fmt, ...)
end

-- All the values a call returned, as "a | b | c".
local function show(...)
  local t = table.pack(...)
  for i = 1, t.n do t[i] = tostring(t[i]) end
  return table.concat(t, " | ")
end

local function check(cond, what)
  if not cond then error("check failed: " .. what, 2) end
end

-- 32-bit FNV-1a over a string, with Lua 5.4 integers.
local function fnv1a(s, h)
  h = h or 0x811c9dc5
  for i = 1, #s do
    h = ((h ~ s:byte(i)) * 0x01000193) & 0xffffffff
  end
  return h
end

local function file_size(name)
  local f = assert(io.open(name, "rb"))
  local size = f:seek("end")
  f:close()
  return size
end

local function line_text(i)
  return string.format("%04d:%s", i, string.rep(string.char(97 + i % 26), i % 40))
end

-- 1. 5,000 lines, fully buffered.
local f = assert(io.open("data.txt", "w"))
f:setvbuf("full", 8192)
local offsets = {}
local written = 0
for i = 1, 5000 do
  offsets[i] = written
  local line = line_text(i) .. "\n"
  f:write(line)
  written = written + #line
end
note("write: tell=%d", f:seek("cur"))
f:close()
check(file_size("data.txt") == written, "size after writing")
note("write: lines=5000 size=%d", written)

-- 2. Append 250 lines, unbuffered; then seek to 0 and write once more: append
-- mode puts it at the end anyway, and the position follows it.
f = assert(io.open("data.txt", "a"))
f:setvbuf("no")
for i = 1, 250 do
  f:write(string.format("append %03d\n", i))
end
note("append: tell=%d", f:seek("cur"))
note("append: seek(set,0)=%d", f:seek("set", 0))
f:write("appended after seek(set,0)\n")
note("append: tell after write=%d", f:seek("cur"))
f:close()
local appended_size = file_size("data.txt")
note("append: size=%d", appended_size)
check(appended_size == written + 250 * 11 + 27, "size after appending")

-- 3. "r+": overwrite in place, never inserting.
f = assert(io.open("data.txt", "r+"))
f:seek("set", offsets[1234])
f:write("####")
f:seek("set", 0)
note("r+: first line=%s", f:read("l"))
f:seek("set", offsets[1234])
note("r+: line 1234=%s", f:read("l"))
math.randomseed(42)
local marks = {}
for k = 1, 20 do
  local i
  repeat i = math.random(1, 5000) until i % 40 >= 4 -- lines with 4+ letters
  marks[#marks + 1] = i
  f:seek("set", offsets[i] + 5)
  f:write(string.format("<%02d>", k))
end
note("r+: marked lines=%s", table.concat(marks, ","))
note("r+: seek(end)=%d", f:seek("end"))
f:seek("end", -10)
f:write("TAIL*TAIL\n")
note("r+: seek(end,16)=%d", f:seek("end", 16))
f:write("after a gap of 16 zero bytes\n")
note("r+: size before close=%d", f:seek("end"))
f:close()
local final_size = file_size("data.txt")
note("r+: size=%d", final_size)
check(final_size == appended_size + 16 + 29, "size after r+")

-- 4. Read back.
local count, bytes, hash, longest = 0, 0, nil, 0
for line in io.lines("data.txt") do
  count = count + 1
  bytes = bytes + #line
  hash = fnv1a(line .. "\n", hash)
  if #line > longest then longest = #line end
end
note("lines: count=%d bytes=%d longest=%d fnv1a=%08x", count, bytes, longest, hash)

local with_newlines = 0
for line in io.lines("data.txt", "L") do
  check(line:sub(-1) == "\n", "\"L\" keeps the newline")
  with_newlines = with_newlines + #line
end
check(with_newlines == final_size, "\"L\" lines add up to the file")

local chunks, chunk_hash = 0, nil
for chunk in io.lines("data.txt", 4096) do
  chunks = chunks + 1
  chunk_hash = fnv1a(chunk, chunk_hash)
end
check(chunk_hash == hash, "4096-byte chunks hash like the lines")
note("chunks: count=%d", chunks)

f = assert(io.open("data.txt", "rb"))
local all = f:read("a")
f:close()
check(#all == final_size and fnv1a(all) == hash, "read(\"a\")")
local gap_at = all:find("\0", 1, true)
note("gap: first zero byte at=%d zeros=%d", gap_at - 1, select(2, all:gsub("%z", "")))

f = assert(io.open("data.txt", "r"))
f:seek("set", offsets[4001])
local n, colon, word = f:read("n", 1, "l")
note("read(n,1,l) at line 4001: %s %q %q", math.type(n) .. " " .. tostring(n), colon, word)
f:close()

f = assert(io.open("numbers.txt", "w"))
f:write("1 2.5 0x10 -7 1e3\nnot-a-number\n")
f:close()
f = assert(io.open("numbers.txt", "r"))
local nums = {}
for i = 1, 5 do
  local v = f:read("n")
  nums[i] = math.type(v) .. ":" .. tostring(v)
end
note("numbers: %s", table.concat(nums, " "))
note("numbers: then read(n)=%s", tostring(f:read("n")))
f:close()

-- 5. Copy, rename, remove.
local out = assert(io.open("appended.txt", "w"))
local copied = 0
for line in io.lines("data.txt") do
  if line:find("^append") then
    out:write(line, "\n")
    copied = copied + 1
  end
end
out:close()
note("appended.txt: lines=%d size=%d", copied, file_size("appended.txt"))

note("rename data.txt renamed.txt: %s", show(os.rename("data.txt", "renamed.txt")))
note("open data.txt after the rename: %s", show(io.open("data.txt")))
note("renamed.txt size=%d", file_size("renamed.txt"))

for _, name in ipairs({ "scratch1.txt", "scratch2.txt" }) do
  local s = assert(io.open(name, "w"))
  s:write(name, "\n")
  s:close()
end
note("rename scratch1 over scratch2: %s", show(os.rename("scratch1.txt", "scratch2.txt")))
local s = assert(io.open("scratch2.txt"))
note("scratch2.txt now holds: %s", s:read("l"))
s:close()
note("remove scratch2.txt: %s", show(os.remove("scratch2.txt")))
note("remove scratch2.txt again: %s", show(os.remove("scratch2.txt")))
note("rename missing.txt: %s", show(os.rename("missing.txt", "x.txt")))
note("open scratch1.txt: %s", show(io.open("scratch1.txt")))
note("remove numbers.txt: %s", show(os.remove("numbers.txt")))
note("io.lines(missing.txt): %s", show(pcall(io.lines, "missing.txt")))

-- 6. Results.
local r = assert(io.open("results.txt", "w"))
r:write(table.concat(results, "\n"), "\n")
r:close()
print("files.lua: ok")
