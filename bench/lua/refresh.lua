-- POST /auth/token. Every refresh token works once, so each wrk thread keeps its own pool of
-- token chains: it takes its share of the tokens in $BENCH_REFRESH_TOKENS (one per line, from
-- sign-ins before the run), spends one per request and puts back the successor each answer
-- carries. A failed refresh ends its chain (and shows as an error).
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
  for line in io.lines(os.getenv("BENCH_REFRESH_TOKENS")) do
    if line ~= "" then
      if i % threads == index then
        table.insert(pool, line)
      end
      i = i + 1
    end
  end
end

request = function()
  local token = table.remove(pool) or "no-token-left"
  return wrk.format("POST", "/auth/token", { ["Content-Type"] = "application/json" },
    '{"refreshToken":"' .. token .. '"}')
end

response = function(status, headers, body)
  if status == 200 then
    local successor = body:match('"refreshToken"%s*:%s*"([^"]+)"')
    if successor then
      table.insert(pool, successor)
    end
  end
end

done = report.done("refresh")
