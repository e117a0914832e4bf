-- GET /user (or $BENCH_PATH, e.g. /oidc/userinfo) with the bearer token $BENCH_ACCESS_TOKEN.
-- With $BENCH_PACE_MS set, each request
-- waits that long after the previous one of its thread: a steady, light load whose latency is
-- measured while another wrk saturates the server (the login-flood mix).
local report = dofile(os.getenv("BENCH_LUA_DIR") .. "/report.lua")
local pace = tonumber(os.getenv("BENCH_PACE_MS") or "0")
local scenario = os.getenv("BENCH_SCENARIO") or "user"

wrk.method = "GET"
wrk.path = os.getenv("BENCH_PATH") or "/user"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("BENCH_ACCESS_TOKEN")

if pace > 0 then
  delay = function()
    return pace
  end
end

done = report.done(scenario)
