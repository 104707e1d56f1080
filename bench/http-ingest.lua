-- wrk script: every request POSTs one new rating (its own case number) to the bench HTTP source.
-- Counts the answers that are not 200 and prints name=value lines at the end.
local counter = 0
local threads = {}
local tag = os.getenv("BENCH_TAG") or "H"

function setup(thread)
  thread:set("tid", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  non200 = 0
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
end

local template = '{"id":"%s","projectNo":"320100-2026-%s","assessNumber":1,' ..
  '"taskCode":"11320100MB1234567A4000117001","taskHandleItem":"11320100MB1234567A400011700101",' ..
  '"taskName":"个体工商户设立登记","subMatter":"1","deptCode":"11320100MB1234567A",' ..
  '"proDepart":"南京市市场监督管理局","proManager":"王经办","areaCode":"320102","proStatus":"3",' ..
  '"userProp":"1","userName":"张三","userPageType":"111","certKey":"320102199003071239",' ..
  '"satisfaction":"5","evalDetail":"","writingEvaluation":"办理很快","assessTime":"2026-11-26 10:15:00",' ..
  '"acceptDate":"2026-11-25 09:30:00","promiseTime":"1","anonymityFlag":"2","publicFlag":"1"}'

function request()
  counter = counter + 1
  local key = string.format("%s-%d-%09d", tag, tid, counter)
  return wrk.format(nil, nil, nil, string.format(template, key, key))
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
  io.write(string.format("wrk_non200=%d\n", bad))
  io.write(string.format("wrk_socket_errors=%d\n", summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
  io.write(string.format("wrk_p50_ms=%.2f\n", latency:percentile(50) / 1000))
  io.write(string.format("wrk_p99_ms=%.2f\n", latency:percentile(99) / 1000))
end
