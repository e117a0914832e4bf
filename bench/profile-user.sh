#!/usr/bin/env bash
# Where the time of a scenario goes: starts the server (embedded defaults, as bench/load.sh does)
# with Java Flight Recorder, drives GET /user (or POST /auth/token) with wrk (2 threads, 16
# connections), and prints the share of CPU samples spent in each layer (a sample counts for every
# layer on its stack) and the hottest top frames; samples of password hashing (the sign-ins that
# set the run up) are left out.
#
#   bench/profile-user.sh                 # GET /user, 20 s of load
#   bench/profile-user.sh 30s refresh     # refresh-token rotation
# Needs app/target/user-service.jar (mvn -q -DskipTests package), wrk, curl and the JDK's jfr.
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${1:-20s}
SCENARIO=${2:-user}
JAR=app/target/user-service.jar
WORK=$(mktemp -d "${TMPDIR:-/tmp}/usersvc-profile.XXXXXX")
SERVER_PID=""
cleanup() {
  if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2> /dev/null || true; wait "$SERVER_PID" 2> /dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

USERSVC_DB_URL="jdbc:h2:file:$WORK/db/user-service" USERSVC_HOST=127.0.0.1 USERSVC_PORT=0 \
USERSVC_REQUIRE_CONFIRMATION=false \
  java -XX:+UseSerialGC -Xms32m -Xmx160m -Xss512k -XX:MaxMetaspaceSize=128m -XX:ReservedCodeCacheSize=64m \
  -XX:StartFlightRecording=filename="$WORK/user.jfr",settings=profile -jar "$JAR" > "$WORK/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 600); do grep -q 'User Service ready on' "$WORK/server.log" && break; sleep 0.05; done
PORT=$(sed -nE 's/.*ready on [^:]+:([0-9]+) .*/\1/p' "$WORK/server.log")
BASE="http://127.0.0.1:$PORT"
curl -sS -o /dev/null -H 'Content-Type: application/json' \
  -d '{"email":"profile@example.com","password":"profile password"}' "$BASE/users"
TOKEN=$(curl -sS -H 'Content-Type: application/json' \
  -d '{"email":"profile@example.com","password":"profile password"}' "$BASE/auth/login" \
  | sed -nE 's/.*"accessToken":"([^"]+)".*/\1/p')
export BENCH_LUA_DIR=$PWD/bench/lua BENCH_ACCESS_TOKEN=$TOKEN BENCH_OUT=$WORK/wrk.tsv BENCH_THREADS=2
for set in warmup run; do
  for _ in $(seq 1 24); do
    curl -sS -w "\n" -H 'Content-Type: application/json' \
      -d '{"email":"profile@example.com","password":"profile password"}' "$BASE/auth/login" \
      | sed -nE 's/.*"refreshToken":"([^"]+)".*/\1/p' >> "$WORK/refresh-$set.txt"
  done
done
BENCH_REFRESH_TOKENS=$WORK/refresh-warmup.txt wrk -t 2 -c 16 -d 5s -s "bench/lua/$SCENARIO.lua" "$BASE" > /dev/null
: > "$WORK/wrk.tsv"
BENCH_REFRESH_TOKENS=$WORK/refresh-run.txt wrk -t 2 -c 16 -d "$DURATION" -s "bench/lua/$SCENARIO.lua" "$BASE" > /dev/null
printf "%s: %s requests/s, %s errors, p50 %s ms, p99 %s ms\n" "$SCENARIO" "$(cut -f2 "$WORK/wrk.tsv")" "$(cut -f5 "$WORK/wrk.tsv")" \
  "$(cut -f3 "$WORK/wrk.tsv")" "$(cut -f4 "$WORK/wrk.tsv")"
kill -TERM "$SERVER_PID"; wait "$SERVER_PID" || true; SERVER_PID=""

jfr print --events jdk.ExecutionSample --stack-depth 64 "$WORK/user.jfr" > "$WORK/samples.txt"
awk '
  /^jdk.ExecutionSample/ { if (n) flush(); n = 1; top = ""; hashing = 0; delete seen; next }
  /line:/ { f = $0; sub(/^[ \t]+/, "", f); sub(/\(.*/, "", f); if (top == "") top = f
            if (index(f, "at.favre.lib.crypto.bcrypt.") == 1) hashing = 1
            for (i = 1; i <= nl; i++) if (index(f, layer[i]) == 1) seen[i] = 1 }
  # the sign-ins that set the run up hash passwords; their samples are left out
  function flush() { if (hashing) { skipped++; return } total++; tops[top]++; for (i in seen) count[i]++ }
  BEGIN { nl = split("java.security. sun.security. java.math. org.h2. com.zaxxer. org.jdbi. io.userservice.jdbc. org.jose4j. io.userservice.core. com.fasterxml.jackson. org.glassfish.jersey. org.glassfish.hk2. org.eclipse.jetty. ch.qos.logback. sun.nio. java.util.concurrent.", layer, " ") }
  END { if (n) flush()
        printf "%d CPU samples (%d of bcrypt during set-up left out)\n\nshare of samples by layer (inclusive)\n", total, skipped
        for (i = 1; i <= nl; i++) printf "  %-26s %5.1f%%\n", layer[i], 100 * count[i] / total
        print "\nhottest top frames"
        for (t in tops) printf "%6d  %s\n", tops[t], t | "sort -rn | head -15" }
' "$WORK/samples.txt"
