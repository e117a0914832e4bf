#!/usr/bin/env bash
# What the metrics and the access log cost GET /user. Each round starts two packaged servers side
# by side: one with both on (the defaults), one with both off (USERSVC_ACCESS_LOG=false
# USERSVC_MANAGEMENT_ENABLED=false), each on a fresh H2 database with one signed-in user. After a
# warm-up of each, wrk drives GET /user (bench/lua/user.lua) on the two in turn, in short bursts,
# so that whatever else slows the machine down falls on both alike:
#
#   bench/overhead.sh [ROUNDS] [BURSTS] [BURST]   # default 3 rounds of 10 bursts of 2s each way
#
# OVERHEAD_WARMUP (default 30s) is each server's warm-up, on every processor: until the JIT has
# compiled the request path, a run measures the compiler more than the server (on two processors
# the first 10 s of GET /user run at a third of the steady rate). It is made of bursts as long as
# the measured ones, the two servers in turn: a single long run leaves the paths of opening and
# closing connections to the measured bursts, and the C2 code compiled during it is thrown away
# (deoptimized) and compiled again at the first bursts. Then, with two or more
# processors and taskset, both servers are moved to processor 1 and wrk runs on processor 0
# (OVERHEAD_PIN=false leaves them where they are), so the client does not compete with the
# server whose time is measured. Each line also gives the share of that server's CPU time that
# went to the JIT compiler's threads during the bursts: near zero when the warm-up sufficed.
# OVERHEAD_ON_ENV adds settings to the "on" server, to measure one part alone: for example
# OVERHEAD_ON_ENV=USERSVC_MANAGEMENT_ENABLED=false (the access log alone) or
# OVERHEAD_ON_ENV=USERSVC_ACCESS_LOG=false (the metrics alone).
#
# Needs app/target/user-service.jar (mvn -q -DskipTests package) and wrk. Prints each round's
# requests/s and the server's CPU time per 1000 requests (read from /proc: a figure other load on
# the machine disturbs far less than the rate) over all its bursts, then each round's costs (how
# much lower the rate is with both on, and how much more CPU a request takes), their median, and
# for comparison the costs between the medians of all "on" and all "off" figures. The median of
# the rounds' costs is the figure to use: each round compares two servers that ran side by side,
# while rounds can differ from each other by half (the machine's speed drifts between them).
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${1:-3}
BURSTS=${2:-10}
BURST=${3:-2s}
WARMUP=${OVERHEAD_WARMUP:-30s}
JAR=app/target/user-service.jar
# the README's flags (the servers run in this directory, as the README's command does)
JAVA_OPTS=(-XX:SharedArchiveFile="${JAR%.jar}.jsa" -XX:-FlightRecorder -XX:+UseSerialGC -Xms32m -Xmx160m -Xss512k -XX:MaxMetaspaceSize=128m -XX:ReservedCodeCacheSize=64m)
PIN=false CLIENT_CPU=()
if [ "${OVERHEAD_PIN:-true}" = true ] && command -v taskset > /dev/null && [ "$(nproc)" -ge 2 ]; then
  PIN=true
fi
WORK=$(mktemp -d)
declare -A PID BASE TOKEN
stop_all() {
  for label in "${!PID[@]}"; do kill -TERM "${PID[$label]}" 2> /dev/null || true; wait "${PID[$label]}" 2> /dev/null || true; done
  PID=()
}
trap 'stop_all; rm -rf "$WORK"' EXIT
[ -f "$JAR" ] || { echo "build the jar first: mvn -q -DskipTests package" >&2; exit 1; }
export BENCH_LUA_DIR=bench/lua BENCH_OUT=$WORK/wrk.tsv

start() { # label, then extra environment
  local label=$1; shift
  rm -rf "$WORK/db-$label" && : > "$WORK/server-$label.log"
  env "$@" USERSVC_DB_URL="jdbc:h2:file:$WORK/db-$label/user-service" USERSVC_HOST=127.0.0.1 USERSVC_PORT=0 \
    USERSVC_MANAGEMENT_PORT=0 USERSVC_REQUIRE_CONFIRMATION=false USERSVC_BCRYPT_COST=10 \
    java "${JAVA_OPTS[@]}" -jar "$JAR" >> "$WORK/server-$label.log" 2>&1 &
  PID[$label]=$!
  local line=""
  for _ in $(seq 1 600); do
    line=$(grep -m1 'User Service ready on' "$WORK/server-$label.log" || true)
    [ -n "$line" ] && break
    sleep 0.05
  done
  [ -n "$line" ] || { cat "$WORK/server-$label.log" >&2; exit 1; }
  BASE[$label]="http://127.0.0.1:$(sed -E 's/.*ready on [^:]+:([0-9]+) .*/\1/' <<< "$line")"
  curl -sS -o /dev/null -H 'Content-Type: application/json' \
    -d '{"email":"load@example.com","password":"load password"}' "${BASE[$label]}/users"
  TOKEN[$label]=$(curl -sS -H 'Content-Type: application/json' -d '{"email":"load@example.com","password":"load password"}' \
    "${BASE[$label]}/auth/login" | sed -nE 's/.*"accessToken":"([^"]+)".*/\1/p')
}

compiler_ticks() { # pid: CPU clock ticks of its JIT compiler threads
  local total=0 task
  for task in /proc/"$1"/task/*; do
    if grep -q '^C[12] CompilerThre' "$task/comm" 2> /dev/null; then
      total=$((total + $(awk '{ print $14 + $15 }' "$task/stat" 2> /dev/null || echo 0)))
    fi
  done
  echo "$total"
}

load() { # label, duration; prints "requests cpu-ticks"
  local label=$1 duration=$2 before after report
  before=$(awk '{ print $14 + $15 }' "/proc/${PID[$label]}/stat")
  report=$(BENCH_ACCESS_TOKEN=${TOKEN[$label]} "${CLIENT_CPU[@]}" wrk -t 2 -c 16 -d "$duration" \
    -s bench/lua/user.lua "${BASE[$label]}")
  after=$(awk '{ print $14 + $15 }' "/proc/${PID[$label]}/stat")
  echo "$(sed -nE 's/^ +([0-9]+) requests in .*/\1/p' <<< "$report") $((after - before))"
}

burst_seconds=$(sed -E 's/s$//' <<< "$BURST")
for round in $(seq 1 "$ROUNDS"); do
  CLIENT_CPU=()
  # shellcheck disable=SC2086 # settings separated by spaces
  start on ${OVERHEAD_ON_ENV:-}
  start off USERSVC_ACCESS_LOG=false USERSVC_MANAGEMENT_ENABLED=false
  # the warm-up is made of bursts like the measured ones, the two servers in turn: each burst opens
  # and closes wrk's connections, paths a single long run meets only once and the JIT compiles last
  for _ in $(seq 1 $(( ( $(sed -E 's/s$//' <<< "$WARMUP") + burst_seconds - 1 ) / burst_seconds ))); do
    load on "$BURST" > /dev/null
    load off "$BURST" > /dev/null
  done
  if [ "$PIN" = true ]; then
    taskset -a -p -c 1 "${PID[on]}" > /dev/null && taskset -a -p -c 1 "${PID[off]}" > /dev/null
    CLIENT_CPU=(taskset -c 0)
  fi
  declare -A jit_before=([on]=$(compiler_ticks "${PID[on]}") [off]=$(compiler_ticks "${PID[off]}"))
  declare -A requests=([on]=0 [off]=0) ticks=([on]=0 [off]=0) bursts=([on]=0 [off]=0)
  for burst in $(seq 1 "$BURSTS"); do
    # alternate which goes first, so neither always follows the other
    if [ $((burst % 2)) -eq 1 ]; then order="on off"; else order="off on"; fi
    for label in $order; do
      read -r n t < <(load "$label" "$BURST")
      requests[$label]=$((requests[$label] + n)) ticks[$label]=$((ticks[$label] + t)) bursts[$label]=$((bursts[$label] + 1))
    done
  done
  declare -A jit=([on]=$(( $(compiler_ticks "${PID[on]}") - jit_before[on] )) [off]=$(( $(compiler_ticks "${PID[off]}") - jit_before[off] )))
  stop_all
  for label in on off; do
    # clock ticks (1/100 s) to CPU milliseconds per 1000 requests
    awk -v l="$label" -v r="$round" -v n="${requests[$label]}" -v t="${ticks[$label]}" -v s="$((bursts[$label] * burst_seconds))" \
      -v j="${jit[$label]}" 'BEGIN { printf "round %d %s %.0f %.1f (JIT compiler %.1f%% of its CPU time)\n", r, l, n / s, t * 10 * 1000 / n, 100 * j / t }' \
      | tee -a "$WORK/rates"
  done
done
awk 'function median(list,   n, v) { n = split(substr(list, 2), v, " "); asort(v); return (n % 2) ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2 }
  { r[$3] = r[$3] " " $4; c[$3] = c[$3] " " $5; rate[$2, $3] = $4; cpu[$2, $3] = $5; if ($2 > rounds) rounds = $2 } END {
  for (i = 1; i <= rounds; i++) {
    rc = 100 * (rate[i, "off"] - rate[i, "on"]) / rate[i, "off"]; cc = 100 * (cpu[i, "on"] - cpu[i, "off"]) / cpu[i, "off"]
    printf "round %d: rate cost %.1f%%, CPU cost %.1f%%\n", i, rc, cc
    paired_rate = paired_rate " " rc; paired_cpu = paired_cpu " " cc
  }
  printf "median of the per-round costs (each round compares its own two servers): rate cost %.1f%%, CPU cost %.1f%%\n",
    median(paired_rate), median(paired_cpu)
  printf "median GET /user over all rounds: on %.0f/s, off %.0f/s (rate cost %.1f%%); CPU per 1000 requests: on %.1f ms, off %.1f ms (CPU cost %.1f%%)\n",
    median(r["on"]), median(r["off"]), 100 * (median(r["off"]) - median(r["on"])) / median(r["off"]),
    median(c["on"]), median(c["off"]), 100 * (median(c["on"]) - median(c["off"])) / median(c["off"]) }' "$WORK/rates"
