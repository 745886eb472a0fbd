-- wrk script for bench/load.sh: POST /api/check with the what-if question in
-- the file $CHECK_BODY (bench/check-1.json: one subject, one action, as a page
-- asks before showing a button; bench/check-18.json: a page's worth of 18
-- actions in one request). No response() hook: it would make wrk parse every
-- body in Lua; load.sh checks one answer with curl before the run instead.
local file = assert(io.open(assert(os.getenv("CHECK_BODY"), "set CHECK_BODY"), "r"))
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = file:read("*a")
file:close()

function done(summary, latency, requests)
  local e = summary.errors
  local socket = e.connect + e.read + e.write + e.timeout
  io.write(string.format("requests/s %.0f\n", summary.requests / (summary.duration / 1e6)))
  io.write(string.format("latency p50 %.2f ms  p90 %.2f ms  p99 %.2f ms  max %.2f ms\n",
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
  -- wrk's count of answers with status >= 400 (the server never redirects /api/check), plus socket errors.
  io.write(string.format("errors %d (status %d, socket %d)\n", e.status + socket, e.status, socket))
end
