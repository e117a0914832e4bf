#!/usr/bin/env bash
# Compares HTTP containers on the same Jersey application (the REST feature over an in-memory
# core): Jetty 12 (the server's), Grizzly 4 and the JDK's HttpServer. For each: GET /health and
# GET /user with a bearer token, wrk with 2 threads and 16 connections, warm-up then the run; and
# two behaviours that ruled containers out before: a POST carrying `Upgrade: h2c` (what Java's
# HttpClient sends) and the body of an early 413.
#
#   bench/containers.sh                   # about 3 minutes
#   bench/containers.sh --duration 10s --warmup 3s --no-build
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
DURATION=20s
WARMUP=5s
BUILD=1
while [ $# -gt 0 ]; do
  case "$1" in
    --duration) DURATION=$2; shift 2 ;;
    --warmup) WARMUP=$2; shift 2 ;;
    --no-build) BUILD=0; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
if [ "$BUILD" = 1 ]; then
  mvn -q -B -ntp -DskipTests package org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy-dependencies \
      -pl bench -am -DincludeScope=runtime -DoutputDirectory=target/load-lib
fi
CP="$ROOT/bench/target/classes:$ROOT/bench/target/load-lib/*"
export BENCH_LUA_DIR="$ROOT/bench/lua"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/usersvc-containers.XXXXXX")
SERVER_PID=""
cleanup() {
  [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2> /dev/null && wait "$SERVER_PID" 2> /dev/null
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
OUT=$WORK/runs.tsv
: > "$OUT"

printf '%-8s %-8s %12s %9s %9s %8s\n' container scenario requests/s "p50 ms" "p99 ms" errors
for container in jetty grizzly jdk; do
  java -XX:+UseSerialGC -Xmx160m -cp "$CP" io.userservice.bench.ContainerServer "$container" \
    > "$WORK/$container.out" 2> "$WORK/$container.log" &
  SERVER_PID=$!
  for _ in $(seq 1 300); do
    [ -s "$WORK/$container.out" ] && break
    sleep 0.1
  done
  read -r port token < "$WORK/$container.out"
  base="http://127.0.0.1:$port"
  export BENCH_ACCESS_TOKEN=$token
  for scenario in health user; do
    BENCH_OUT=/dev/null wrk -t 2 -c 16 -d "$WARMUP" --timeout 10s -s "bench/lua/$scenario.lua" "$base" > /dev/null
    : > "$WORK/one.tsv"
    BENCH_OUT=$WORK/one.tsv wrk -t 2 -c 16 -d "$DURATION" --timeout 10s -s "bench/lua/$scenario.lua" "$base" > /dev/null
    IFS=$'\t' read -r _ rate p50 p99 errors _ < "$WORK/one.tsv"
    printf '%-8s %-8s %12s %9s %9s %8s\n' "$container" "$scenario" "$rate" "$p50" "$p99" "$errors"
    printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$container" "$scenario" "$rate" "$p50" "$p99" "$errors" >> "$OUT"
  done
  # a POST with an h2c upgrade request: answered (status, seconds) or hanging until curl gives up
  h2c=$(curl -s -o /dev/null -w '%{http_code} %{time_total}s' --max-time 10 -X POST "$base/auth/login" \
      -H 'Content-Type: application/json' -H 'Connection: Upgrade, HTTP2-Settings' -H 'Upgrade: h2c' \
      -H 'HTTP2-Settings: AAMAAABkAARAAAAAAAIAAAAA' -d '{"email":"bench@example.com","password":"wrong password"}' \
      || true)
  # a body over the limit: is the JSON error body delivered with the 413?
  head -c 200000 /dev/zero | tr '\0' 'a' > "$WORK/big.json"
  big=$(curl -s --max-time 10 -w ' %{http_code}' -X POST "$base/users" -H 'Content-Type: application/json' \
      --data-binary "@$WORK/big.json" || true)
  printf '%-8s h2c POST: %s; 413 body: %s\n' "$container" "${h2c:-no answer}" "$(cut -c1-90 <<< "$big")"
  kill "$SERVER_PID"
  wait "$SERVER_PID" 2> /dev/null || true
  SERVER_PID=""
done
