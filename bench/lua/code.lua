-- POST /oidc/token with grant_type=authorization_code: each request redeems one of the codes in
-- $BENCH_CODES (one per line, minted just before the run; each works once), the client
-- authenticated with client_secret_basic ($BENCH_CLIENT_BASIC). Each wrk thread takes its share.
local report = dofile(os.getenv("BENCH_LUA_DIR") .. "/report.lua")
local created = 0

setup = function(thread)
  thread:set("index", created)
  created = created + 1
end

local pool = {}

init = function(args)
  local threads = tonumber(os.getenv("BENCH_THREADS"))
  local i = 0
  for line in io.lines(os.getenv("BENCH_CODES")) do
    if line ~= "" then
      if i % threads == index then
        table.insert(pool, line)
      end
      i = i + 1
    end
  end
end

local headers = {
  ["Content-Type"] = "application/x-www-form-urlencoded",
  ["Authorization"] = "Basic " .. os.getenv("BENCH_CLIENT_BASIC"),
}
local redirect = os.getenv("BENCH_REDIRECT_URI_ENCODED")

request = function()
  local code = table.remove(pool) or "no-code-left"
  return wrk.format("POST", "/oidc/token", headers,
    "grant_type=authorization_code&code=" .. code .. "&redirect_uri=" .. redirect)
end

done = report.done("code")
