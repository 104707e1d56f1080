-- wrk script: every request POSTs one new rating (its own case number) to the bench HTTP source,
-- signed beforehand by bench/sign-requests.py (BENCH_SIGNED=<prefix>: thread n replays <prefix>-n.tsv
-- in order, key id BENCH_KEY_ID). Counts the answers that are not 200 and prints name=value lines at the end.
local threads = {}

function setup(thread)
  thread:set("tid", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  non200 = 0
  exhausted = 0
  wrk.method = "POST"
  signed = io.open(string.format("%s-%d.tsv", os.getenv("BENCH_SIGNED"), tid), "r")
  keyId = os.getenv("BENCH_KEY_ID")
end

function request()
  local line = signed:read("*l")
  if line == nil then
    -- more requests than were signed: the hub refuses a resent nonce, so this shows as non-200
    exhausted = exhausted + 1
    return wrk.format(nil, nil, {["Content-Type"] = "application/json"}, "{}")
  end
  local ts, nonce, sm3, signature, body = line:match("^([^\t]*)\t([^\t]*)\t([^\t]*)\t([^\t]*)\t(.*)$")
  return wrk.format(nil, nil, {
    ["Content-Type"] = "application/json",
    ["X-Hub-Key-Id"] = keyId,
    ["X-Hub-Timestamp"] = ts,
    ["X-Hub-Nonce"] = nonce,
    ["X-Hub-Content-SM3"] = sm3,
    ["X-Hub-Signature"] = signature,
  }, body)
end

function response(status, headers, body)
  if status ~= 200 then
    non200 = non200 + 1
    if non200 <= 2 then
      io.stderr:write(string.format("non-200 answer: %d %s\n", status, body))
    end
  end
end

function done(summary, latency, requests)
  local bad = 0
  for _, t in ipairs(threads) do
    bad = bad + (t:get("non200") or 0)
  end
  io.write(string.format("wrk_requests=%d\n", summary.requests))
  io.write(string.format("wrk_duration_s=%.3f\n", summary.duration / 1e6))
  local unsigned = 0
  for _, t in ipairs(threads) do
    unsigned = unsigned + (t:get("exhausted") or 0)
  end
  io.write(string.format("wrk_non200=%d\n", bad))
  io.write(string.format("wrk_unsigned=%d\n", unsigned))
  io.write(string.format("wrk_socket_errors=%d\n", summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
  io.write(string.format("wrk_p50_ms=%.2f\n", latency:percentile(50) / 1000))
  io.write(string.format("wrk_p99_ms=%.2f\n", latency:percentile(99) / 1000))
end
