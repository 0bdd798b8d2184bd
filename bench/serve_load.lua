-- Load script for `python bench/serve.py --load` (wrk 4): each request takes a random path from
-- the script's arguments (wrk ... URL -- /search?q=a /search?q=b ...), so a search run spreads
-- over many queries; responses outside 2xx are counted (wrk itself counts only status >= 400).
-- done() prints one line the bench parses: requests, duration, latency percentiles and errors.

local threads = {}
local next_id = 0

function setup(thread)
  next_id = next_id + 1
  thread:set("id", next_id)
  table.insert(threads, thread)
end

function init(args)
  math.randomseed(id * 7919)
  prepared = {}
  for i, path in ipairs(args) do
    prepared[i] = wrk.format(nil, path)
  end
  if #prepared == 0 then
    prepared[1] = wrk.format()
  end
  non2xx = 0
end

function request()
  return prepared[math.random(#prepared)]
end

function response(status, headers, body)
  if status < 200 or status > 299 then
    non2xx = non2xx + 1
  end
end

function done(summary, latency, requests)
  local bad = 0
  for _, thread in ipairs(threads) do
    bad = bad + thread:get("non2xx")
  end
  local e = summary.errors
  io.write(string.format(
    "LOAD requests=%d duration_us=%d p50_us=%d p99_us=%d non2xx=%d connect=%d read=%d write=%d timeout=%d\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99), bad,
    e.connect, e.read, e.write, e.timeout))
end
