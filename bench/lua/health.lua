-- GET /health: the cost of the HTTP stack alone.
local report = dofile(os.getenv("BENCH_LUA_DIR") .. "/report.lua")
wrk.method = "GET"
wrk.path = "/health"
done = report.done("health")
