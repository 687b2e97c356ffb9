-- wrk script for bench/events_register.py: POSTs the public registration form of one event, each
-- request with its own address (run tag, thread, counter), and prints one JSON line with the counts.
local counter = 0
local thread_id = 0
local next_id = 0
local path, tag

setup = function(thread)
  next_id = next_id + 1
  thread:set("tid", next_id)
end

init = function(args)
  path = args[1]
  tag = args[2]
  thread_id = tid
end

request = function()
  counter = counter + 1
  local body = string.format("name=Bench+%d+%d&email=%s-%d-%d%%40voorbeeld.be&organisation=", thread_id, counter, tag, thread_id, counter)
  -- a client address of its own per request (used only when the server trusts X-Real-IP: BENCH_RATELIMIT=1)
  local ip = string.format("10.%d.%d.%d", thread_id % 256, math.floor(counter / 256) % 256, counter % 256)
  return wrk.format("POST", path, {["Content-Type"] = "application/x-www-form-urlencoded", ["X-Forwarded-Proto"] = "https", ["X-Real-IP"] = ip}, body)
end

local statuses = {}
response = function(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'WRKJSON {"requests": %d, "duration_us": %d, "p50_us": %d, "p95_us": %d, "p99_us": %d, "non2xx3xx": %d, "socket_errors": %d}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95),
    latency:percentile(99), e.status, e.connect + e.read + e.write + e.timeout))
end
