-- rate-limit's sliding window counter in Redis: admits one request of a key under all its limits and counts
-- it in each, or refuses it and counts nothing, in one atomic step. The arithmetic is SlidingWindow.java's,
-- so a key is counted alike in Redis and in a gateway's memory.
--
-- KEYS[1]   the key's hash, three fields per limit: "<name>:i" the current window's index, "<name>:p" the
--           previous window's count, "<name>:c" the current window's count
-- ARGV[1]   the hash's time to live in milliseconds: twice the longest window, after which its counts
--           cannot matter
-- ARGV[2..] five values per limit: name, max, window length in ms, the request's window index, and the ms
--           elapsed in that window (the gateway's clock: the gateways of a cluster keep theirs in sync)
-- Returns   {1 when admitted else 0, then per limit: previous count, current count}, after the decision

local SPLIT = 1048576 -- 2^20

-- a * b as a high and a low part, exact for a and b below 2^31. A Lua number is a double, exact only up to
-- 2^53, and a limit (up to 10^9) times a day in ms (8.64 * 10^7) goes past it.
local function product(a, b)
  local low = a * (b % SPLIT)
  return a * math.floor(b / SPLIT) + math.floor(low / SPLIT), low % SPLIT
end

local function at_most(a, b, c, d) -- a * b <= c * d
  local high1, low1 = product(a, b)
  local high2, low2 = product(c, d)
  return high1 < high2 or (high1 == high2 and low1 <= low2)
end

local limits = (#ARGV - 1) / 5
local fields = {}
for i = 0, limits - 1 do
  local name = ARGV[2 + 5 * i]
  fields[3 * i + 1] = name .. ':i'
  fields[3 * i + 2] = name .. ':p'
  fields[3 * i + 3] = name .. ':c'
end
local stored = redis.call('HMGET', KEYS[1], unpack(fields))

local admitted = true
local windows = {}
for i = 0, limits - 1 do
  local max = tonumber(ARGV[3 + 5 * i])
  local length = tonumber(ARGV[4 + 5 * i])
  local index = tonumber(ARGV[5 + 5 * i])
  local elapsed = tonumber(ARGV[6 + 5 * i])
  local at = tonumber(stored[3 * i + 1])
  local previous = tonumber(stored[3 * i + 2]) or 0
  local current = tonumber(stored[3 * i + 3]) or 0
  if at == nil then
    previous, current = 0, 0
  elseif at > index then
    -- a gateway whose clock runs ahead has begun the next window: count in it, from its start
    index, elapsed = at, 0
  elseif at < index then
    previous = (at == index - 1) and current or 0
    current = 0
  end
  -- SlidingWindow.admits: previous * (length - elapsed) + current * length + length <= max * length
  local room = max - current - 1
  if room < 0 or not at_most(previous, length - elapsed, room, length) then
    admitted = false
  end
  windows[i] = {index, previous, current}
end

local result = {admitted and 1 or 0}
local updates = {}
for i = 0, limits - 1 do
  local window = windows[i]
  if admitted then
    window[3] = window[3] + 1
  end
  updates[#updates + 1] = fields[3 * i + 1]
  updates[#updates + 1] = window[1]
  updates[#updates + 1] = fields[3 * i + 2]
  updates[#updates + 1] = window[2]
  updates[#updates + 1] = fields[3 * i + 3]
  updates[#updates + 1] = window[3]
  result[#result + 1] = window[2]
  result[#result + 1] = window[3]
end
-- A refused request writes nothing: the windows it rolled roll the same way for the next one.
if admitted then
  redis.call('HSET', KEYS[1], unpack(updates))
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
end
return result
