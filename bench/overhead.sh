#!/usr/bin/env bash
# What the metrics and the access log cost GET /user: the packaged server started alternately
# with both on (the defaults) and both off (USERSVC_ACCESS_LOG=false USERSVC_MANAGEMENT_ENABLED=false),
# each time a fresh H2 database, one signed-in user and wrk on GET /user (bench/lua/user.lua):
#
#   bench/overhead.sh [ROUNDS] [DURATION]      # default 3 rounds of 20s each way, after a 5s warm-up
#
# Needs app/target/user-service.jar (mvn -q -DskipTests package) and wrk. Prints one line per run
# and the medians of each configuration with the difference.
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${1:-3}
DURATION=${2:-20s}
JAR=app/target/user-service.jar
JAVA_OPTS=(-XX:+UseSerialGC -Xms32m -Xmx160m -Xss512k -XX:MaxMetaspaceSize=128m -XX:ReservedCodeCacheSize=64m)
WORK=$(mktemp -d)
SERVER_PID=""
trap '[ -n "$SERVER_PID" ] && kill -TERM "$SERVER_PID" 2>/dev/null; rm -rf "$WORK"' EXIT
[ -f "$JAR" ] || { echo "build the jar first: mvn -q -DskipTests package" >&2; exit 1; }

run() { # label, then extra environment
  local label=$1; shift
  rm -rf "$WORK/db" && : > "$WORK/server.log"
  env "$@" USERSVC_DB_URL="jdbc:h2:file:$WORK/db/user-service" USERSVC_HOST=127.0.0.1 USERSVC_PORT=0 \
    USERSVC_MANAGEMENT_PORT=0 USERSVC_REQUIRE_CONFIRMATION=false USERSVC_BCRYPT_COST=10 \
    java "${JAVA_OPTS[@]}" -jar "$JAR" >> "$WORK/server.log" 2>&1 &
  SERVER_PID=$!
  local line=""
  for _ in $(seq 1 600); do
    line=$(grep -m1 'User Service ready on' "$WORK/server.log" || true)
    [ -n "$line" ] && break
    sleep 0.05
  done
  [ -n "$line" ] || { cat "$WORK/server.log" >&2; exit 1; }
  local base="http://127.0.0.1:$(sed -E 's/.*ready on [^:]+:([0-9]+) .*/\1/' <<< "$line")"
  curl -sS -o /dev/null -H 'Content-Type: application/json' -d '{"email":"load@example.com","password":"load password"}' "$base/users"
  local token
  token=$(curl -sS -H 'Content-Type: application/json' -d '{"email":"load@example.com","password":"load password"}' \
    "$base/auth/login" | sed -nE 's/.*"accessToken":"([^"]+)".*/\1/p')
  export BENCH_ACCESS_TOKEN=$token BENCH_LUA_DIR=bench/lua BENCH_OUT=$WORK/wrk.tsv
  wrk -t 2 -c 16 -d 5s -s bench/lua/user.lua "$base" > /dev/null
  local rate
  rate=$(wrk -t 2 -c 16 -d "$DURATION" -s bench/lua/user.lua "$base" | sed -nE 's/^Requests\/sec: +([0-9.]+)/\1/p')
  kill -TERM "$SERVER_PID"; wait "$SERVER_PID" || true; SERVER_PID=""
  echo "$label $rate" | tee -a "$WORK/rates"
}

for _ in $(seq 1 "$ROUNDS"); do
  run on
  run off USERSVC_ACCESS_LOG=false USERSVC_MANAGEMENT_ENABLED=false
done
awk '{ r[$1] = r[$1] " " $2 } END {
  for (k in r) { n = split(substr(r[k], 2), v, " "); asort(v); m[k] = (n % 2) ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2 }
  printf "median GET /user: on %.0f/s, off %.0f/s, cost %.1f%%\n", m["on"], m["off"], 100 * (m["off"] - m["on"]) / m["off"] }' "$WORK/rates"
