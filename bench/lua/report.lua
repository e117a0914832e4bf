-- Shared by the scenario scripts: done() appends one tab-separated line to $BENCH_OUT:
-- scenario, requests/s, p50 ms, p99 ms, errors (non-2xx/3xx answers + socket errors), requests.
local M = {}

function M.done(scenario)
  return function(summary, latency, requests)
    local e = summary.errors
    local errors = e.status + e.connect + e.read + e.write + e.timeout
    local seconds = summary.duration / 1e6
    local out = assert(io.open(os.getenv("BENCH_OUT"), "a"))
    out:write(string.format("%s\t%.1f\t%.2f\t%.2f\t%d\t%d\n", scenario, summary.requests / seconds,
      latency:percentile(50) / 1000, latency:percentile(99) / 1000, errors, summary.requests))
    out:close()
  end
end

-- Honours Retry-After (in seconds) of 503 and 429 answers: the next request of this wrk thread
-- waits that long, as a well-behaved client would.
M.backoff = 0

function M.note(status, headers)
  if status == 503 or status == 429 then
    local after = tonumber(headers["Retry-After"] or headers["retry-after"] or "1") or 1
    M.backoff = M.backoff + 1000 * after
  end
end

function M.delay()
  local wait = M.backoff
  M.backoff = 0
  return wait
end

return M
