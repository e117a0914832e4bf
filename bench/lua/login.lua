-- POST /auth/login, cycling through the load users $BENCH_USERS (load0@example.com …).
local report = dofile(os.getenv("BENCH_LUA_DIR") .. "/report.lua")
local users = tonumber(os.getenv("BENCH_USERS"))
local password = os.getenv("BENCH_PASSWORD")
local scenario = os.getenv("BENCH_SCENARIO") or "login"
local counter = 0

request = function()
  counter = counter + 1
  local body = string.format('{"email":"load%d@example.com","password":"%s"}', counter % users, password)
  return wrk.format("POST", "/auth/login", { ["Content-Type"] = "application/json" }, body)
end

response = function(status, headers, body)
  report.note(status, headers)
end

delay = report.delay
done = report.done(scenario)
