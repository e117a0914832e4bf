-- Mints authorization codes for the code-exchange scenario: GET /oidc/authorize with prompt=none
-- in a signed-in browser session ($BENCH_SESSION_COOKIE), each answer a redirect carrying a new
-- code; every wrk thread appends its codes, one per line, to $BENCH_CODES_OUT.<thread>.
local created = 0

setup = function(thread)
  thread:set("index", created)
  created = created + 1
end

local out

init = function(args)
  out = assert(io.open(os.getenv("BENCH_CODES_OUT") .. "." .. index, "w"))
end

wrk.method = "GET"
wrk.path = os.getenv("BENCH_AUTHORIZE_PATH")
wrk.headers["Cookie"] = os.getenv("BENCH_SESSION_COOKIE")

response = function(status, headers, body)
  local location = headers["Location"] or headers["location"]
  local code = location and location:match("[?&]code=([^&]+)")
  if code then
    out:write(code, "\n")
    out:flush()
  end
end
