#!/usr/bin/env bash
# Load test of the real server on loopback, in one command:
#
#   bench/load.sh                       # about 8 minutes with the defaults (build included)
#   bench/load.sh --duration 10s --warmup 3s --primitive-seconds 5 --no-build
#   bench/load.sh --directory ldap      # also the login scenario on an LDAP directory
#   bench/load.sh --database postgres   # the server's database on PostgreSQL instead of H2
#   bench/load.sh --results /tmp/h2.tsv && \
#     bench/load.sh --no-build --startup-runs 0 --database postgres --compare-with /tmp/h2.tsv
#                                       # PostgreSQL held to its shares of the H2 run's rates
#
# It builds app/target/user-service.jar and the bench module (unless --no-build), starts the
# server itself on the embedded defaults (H2 file database in a temporary directory, mail to the
# log, a free port on 127.0.0.1, USERSVC_REQUIRE_CONFIRMATION=false), creates its users through
# the API, measures the raw primitive rates (bcrypt verify at the server's cost, RS256 sign and
# verify) on the same number of threads, then runs each scenario with wrk (warm-up, then the
# measured run): GET /health, GET /user with a bearer token, POST /auth/token (refresh),
# POST /auth/login, GET /oidc/userinfo with a client's access token, POST /oidc/token redeeming
# authorization codes (minted just before each run in a signed-in session), and the login flood (logins beyond the hashing limit while a paced GET /user
# is measured). With --directory ldap it then starts an LDAP server (UnboundID's in-memory server,
# from the bench module, holding the same users and password), restarts the
# server with USERSVC_DIRECTORY=ldap on a database of its own, and runs the login scenario again
# as login-ldap, so both sign-in rates are in one table. It records start-to-ready time and
# resident memory and stops everything on exit. Then bench/startup.sh measures the start phase
# by phase (5 launches on an empty and 5 on an existing H2 database, with the archive unless
# --no-cds) and writes its table to bench/results/startup-latest.md; the medians of its totals
# are what the two start targets are held to (without it, the harness's own two starts). Last,
# it prints the table with each target's ratio and verdict, writes bench/results/latest.tsv and
# draws docs/benchmarks-throughput.png.
#
# Options: --duration D (each measured run, wrk syntax, default 20s), --warmup D (default 20s:
# on two processors the JIT compiler takes about 20 s of load to compile the request path, and a
# run before that measures the compiler as much as the server),
# --primitive-seconds N (default 10), --threads N and --connections N (wrk, default 2 and 16),
# --no-build, --no-cds (start without the application class-data archive the build writes beside
# the jar, which the README's first command maps), --chart PATH, --results PATH,
# --directory jdbc|ldap (default jdbc: the built-in directory only), --startup-runs N (launches
# of bench/startup.sh per database, default 5; 0 leaves it out), --database h2|postgres
# (default h2; postgres: a database of its own, created with psql on $BENCH_PG_HOST:$BENCH_PG_PORT,
# default 127.0.0.1:5432, as $BENCH_PG_USER, default postgres, without a password, and dropped at
# the end), --compare-with RESULTS (an earlier run's results file: GET /user is then also held to
# 80% and refresh to 85% of that run's rates, as a PostgreSQL run is to an H2 run's).
# Environment: USERSVC_JAVA_OPTS replaces the JVM flags below; other USERSVC_* variables reach
# the server (e.g. USERSVC_BCRYPT_COST, USERSVC_TOKEN_CACHE_SIZE=0).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

DURATION=20s
WARMUP=20s
PRIMITIVE_SECONDS=10
THREADS=2
CONNECTIONS=16
BUILD=1
CDS=1
CHART=docs/benchmarks-throughput.png
RESULTS=bench/results/latest.tsv
DIRECTORY=jdbc
STARTUP_RUNS=5
DATABASE=h2
COMPARE_WITH=
while [ $# -gt 0 ]; do
  case "$1" in
    --duration) DURATION=$2; shift 2 ;;
    --warmup) WARMUP=$2; shift 2 ;;
    --primitive-seconds) PRIMITIVE_SECONDS=$2; shift 2 ;;
    --threads) THREADS=$2; shift 2 ;;
    --connections) CONNECTIONS=$2; shift 2 ;;
    --no-build) BUILD=0; shift ;;
    --no-cds) CDS=0; shift ;;
    --chart) CHART=$2; shift 2 ;;
    --results) RESULTS=$2; shift 2 ;;
    --directory) DIRECTORY=$2; shift 2 ;;
    --startup-runs) STARTUP_RUNS=$2; shift 2 ;;
    --database) DATABASE=$2; shift 2 ;;
    --compare-with) COMPARE_WITH=$(realpath "$2"); shift 2 ;;
    *) echo "unknown option $1 (see the top of $0)" >&2; exit 2 ;;
  esac
done
[[ "$STARTUP_RUNS" =~ ^[0-9]+$ ]] || { echo "--startup-runs is a number, not $STARTUP_RUNS" >&2; exit 2; }
[[ "$DIRECTORY" =~ ^(jdbc|ldap)$ ]] || { echo "--directory is jdbc or ldap, not $DIRECTORY" >&2; exit 2; }
[[ "$DATABASE" =~ ^(h2|postgres)$ ]] || { echo "--database is h2 or postgres, not $DATABASE" >&2; exit 2; }
[ -z "$COMPARE_WITH" ] || [ -f "$COMPARE_WITH" ] || { echo "no results file $COMPARE_WITH" >&2; exit 2; }
PG_HOST=${BENCH_PG_HOST:-127.0.0.1}
PG_PORT=${BENCH_PG_PORT:-5432}
PG_USER=${BENCH_PG_USER:-postgres}
PG_DATABASES=()
for d in "$DURATION" "$WARMUP"; do
  [[ "$d" =~ ^[0-9]+s$ ]] || { echo "durations are whole seconds such as 20s, not $d" >&2; exit 2; }
done

# The launch flags the README gives (see docs/benchmarks.md for the measurements behind them).
# the README's flags but the archive's path (added below, unless --no-cds)
DEFAULT_JAVA_OPTS="-XX:-FlightRecorder -XX:+UseSerialGC -Xms32m -Xmx160m -Xss512k -XX:MaxMetaspaceSize=128m -XX:ReservedCodeCacheSize=64m"
read -r -a JAVA_OPTS <<< "${USERSVC_JAVA_OPTS:-$DEFAULT_JAVA_OPTS}"
COST=${USERSVC_BCRYPT_COST:-10}
USERS=16
PASSWORD="load test password 1"
ADMIN=load-admin@example.com
REDIRECT=https://rp.example.org/callback
export BENCH_LUA_DIR="$ROOT/bench/lua"

TOOLS=(wrk curl java)
[ "$DATABASE" = postgres ] && TOOLS+=(psql)
for tool in "${TOOLS[@]}"; do
  command -v "$tool" > /dev/null || { echo "load.sh needs $tool" >&2; exit 2; }
done

if [ "$BUILD" = 1 ]; then
  echo "building (mvn package, tests skipped)…"
  # one reactor build: the bench module's dependencies (the project's own modules among them) are
  # copied next to it; nothing is installed into the local repository
  mvn -q -B -ntp -DskipTests package org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy-dependencies \
      -pl app,bench -am -DincludeScope=runtime -DoutputDirectory=target/load-lib
fi
JAR=$ROOT/app/target/user-service.jar
BENCH_CP="$ROOT/bench/target/classes:$ROOT/bench/target/load-lib/*"
[ -f "$JAR" ] || { echo "no $JAR: run without --no-build" >&2; exit 2; }
[ -d bench/target/load-lib ] || { echo "no bench/target/load-lib: run without --no-build" >&2; exit 2; }

WORK=$(mktemp -d "${TMPDIR:-/tmp}/usersvc-load.XXXXXX")
SERVER_PID=""
BACKGROUND=()
cleanup() {
  for pid in "${BACKGROUND[@]}"; do kill "$pid" 2> /dev/null || true; done
  if [ -n "$SERVER_PID" ]; then
    kill -TERM "$SERVER_PID" 2> /dev/null || true
    wait "$SERVER_PID" 2> /dev/null || true
  fi
  for db in "${PG_DATABASES[@]}"; do pg_sql "DROP DATABASE IF EXISTS $db WITH (FORCE)" || true; done
  mkdir -p bench/results
  [ -f "$WORK/server.log" ] && cp "$WORK/server.log" bench/results/server.log
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

METRICS=$WORK/metrics.tsv
SCENARIOS=$WORK/scenarios.tsv
: > "$METRICS"
: > "$SCENARIOS"
metric() { printf '%s\t%s\n' "$1" "$2" >> "$METRICS"; }
rss_mib() { awk '/^VmRSS:/ { printf "%.1f", $2 / 1024 }' "/proc/$SERVER_PID/status"; }

pg_sql() { psql -q -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -d postgres -v ON_ERROR_STOP=1 -c "$1" > /dev/null; }

# Sets DB_URL to the JDBC URL of the database named $1 (a directory for H2; on PostgreSQL created at
# first use).
db_url() {
  if [ "$DATABASE" = postgres ]; then
    local db
    db="usersvc_load_$$_${1//[^a-z0-9]/_}"
    if [[ ! " ${PG_DATABASES[*]} " =~ " $db " ]]; then
      pg_sql "CREATE DATABASE $db"
      PG_DATABASES+=("$db")
    fi
    DB_URL="jdbc:postgresql://$PG_HOST:$PG_PORT/$db?user=$PG_USER"
  else
    DB_URL="jdbc:h2:file:$WORK/$1/user-service"
  fi
}

# Starts the server and waits for its ready line; sets SERVER_PID, PORT, BASE and READY_MS (the
# server's own figure: JVM start to ready) and WALL_MS (launch to the line seen).
start_server() {
  local extra=("$@")
  : > "$WORK/server.log"
  local t0
  db_url "${DB_DIR:-db}"
  t0=$(date +%s%N)
  USERSVC_DB_URL="$DB_URL" USERSVC_HOST=127.0.0.1 USERSVC_PORT=0 \
  USERSVC_MANAGEMENT_PORT=${USERSVC_MANAGEMENT_PORT:-0} \
  USERSVC_REQUIRE_CONFIRMATION=false USERSVC_BCRYPT_COST=$COST \
  USERSVC_BOOTSTRAP_ADMIN_EMAIL=$ADMIN USERSVC_BOOTSTRAP_ADMIN_PASSWORD=$PASSWORD \
    java "${JAVA_OPTS[@]}" "${extra[@]}" -jar "$JAR" >> "$WORK/server.log" 2>&1 &
  SERVER_PID=$!
  local line=""
  for _ in $(seq 1 1200); do
    line=$(grep -m1 'User Service ready on' "$WORK/server.log" || true)
    [ -n "$line" ] && break
    kill -0 "$SERVER_PID" 2> /dev/null || { cat "$WORK/server.log" >&2; echo "the server did not start" >&2; exit 1; }
    sleep 0.01
  done
  [ -n "$line" ] || { echo "the server was not ready within 12 s" >&2; exit 1; }
  WALL_MS=$(( ($(date +%s%N) - t0) / 1000000 ))
  PORT=$(sed -E 's/.*ready on [^:]+:([0-9]+) .*/\1/' <<< "$line")
  READY_MS=$(sed -E 's/.* in ([0-9]+) ms.*/\1/' <<< "$line")
  BASE="http://127.0.0.1:$PORT"
}

stop_server() {
  kill -TERM "$SERVER_PID"
  wait "$SERVER_PID" || true
  SERVER_PID=""
}

post() { curl -sS --max-time 30 -H 'Content-Type: application/json' -d "$2" "$BASE$1"; }
json_field() { sed -nE "s/.*\"$1\":\"([^\"]+)\".*/\1/p"; }

# Signs in user $1 and prints "accessToken refreshToken".
sign_in() {
  local reply
  reply=$(post /auth/login "{\"email\":\"load$1@example.com\",\"password\":\"$PASSWORD\"}")
  local access refresh
  access=$(json_field accessToken <<< "$reply")
  refresh=$(json_field refreshToken <<< "$reply")
  [ -n "$access" ] && [ -n "$refresh" ] || { echo "sign-in failed: $reply" >&2; return 1; }
  echo "$access $refresh"
}

run_wrk() { # scenario script threads connections duration out [extra env…]
  local script=$1 threads=$2 connections=$3 duration=$4 out=$5
  BENCH_OUT=$out BENCH_THREADS=$threads BENCH_USERS=$USERS BENCH_PASSWORD=$PASSWORD \
    wrk -t "$threads" -c "$connections" -d "$duration" --timeout 10s -s "bench/lua/$script" "$BASE" > /dev/null
}

# Waits until the server has finished what a stopped wrk left behind (logins still queued for
# hashing would otherwise be refused or slow down the next run): GET /health answers and the
# process's CPU time stops growing.
settle() {
  local before after
  for _ in $(seq 1 30); do
    before=$(awk '{ print $14 + $15 }' "/proc/$SERVER_PID/stat")
    sleep 0.5
    after=$(awk '{ print $14 + $15 }' "/proc/$SERVER_PID/stat")
    (( after - before <= 5 )) && break
  done
}

RSS_PEAK=0
note_rss() { # scenario…
  local now name
  now=$(rss_mib)
  for name in "$@"; do metric "rss_after_$name" "$now"; done
  RSS_PEAK=$(awk -v a="$RSS_PEAK" -v b="$now" 'BEGIN { print (b > a ? b : a) }')
}

echo "work directory $WORK; JVM flags: ${JAVA_OPTS[*]}"

# 1. first start on an empty database (creates the schema), with the build's class archive as the
# README's first command maps it (an absolute path: the server runs in the work directory)
CDS_USE=()
if [ "$CDS" = 1 ]; then
  [ -f "${JAR%.jar}.jsa" ] || { echo "no ${JAR%.jar}.jsa: build it (mvn package without -Dexec.skip), or pass --no-cds" >&2; exit 2; }
  CDS_USE=("-XX:SharedArchiveFile=${JAR%.jar}.jsa")
fi
start_server "${CDS_USE[@]}"
metric first_start_ready_ms "$READY_MS"
echo "first start (empty database): ready in $READY_MS ms"
# (in parallel, four at a time; `wait` names its jobs, since the server is a child too)
parallel4() { # command with {} for the index, first, last
  local pids=() i
  for i in $(seq "$2" "$3"); do
    eval "${1//\{\}/$i}" &
    pids+=($!)
    if (( ${#pids[@]} == 4 )); then wait "${pids[@]}"; pids=(); fi
  done
  if (( ${#pids[@]} > 0 )); then wait "${pids[@]}"; fi
}
parallel4 'post /users "{\"email\":\"load{}@example.com\",\"password\":\"$PASSWORD\"}" > /dev/null' 0 $((USERS - 1))
sign_in 0 > /dev/null
# a short run of every request kind, so the class archive holds the classes they load
BASE_TOKEN=$(sign_in 1 | cut -d' ' -f1)
curl -sS -o /dev/null -H "Authorization: Bearer $BASE_TOKEN" "$BASE/user"
curl -sS -o /dev/null "$BASE/health"
post /auth/token "{\"refreshToken\":\"$(sign_in 2 | cut -d' ' -f2)\"}" > /dev/null
stop_server

# 2. the measured start, on the existing database
start_server "${CDS_USE[@]}"
metric start_ready_ms "$READY_MS"
metric start_wall_ms "$WALL_MS"
echo "start on the existing database: ready in $READY_MS ms (JVM start to ready), $WALL_MS ms from launch"
sleep 2
metric rss_idle_mib "$(rss_mib)"
echo "resident memory idle: $(rss_mib) MiB"

# 3. the primitives on the same threads, while the server is idle
echo "primitive rates on $THREADS threads ($PRIMITIVE_SECONDS s each)…"
java -cp "$BENCH_CP" io.userservice.bench.PrimitiveRates "$COST" "$THREADS" "$PRIMITIVE_SECONDS" \
  | while IFS=$'\t' read -r name rate; do metric "$name" "$rate"; echo "  $name: $rate /s"; done
metric bcrypt_cost "$COST"
metric threads "$THREADS"
metric connections "$CONNECTIONS"
metric duration "$DURATION"
metric database "$DATABASE"

# 4. tokens for the runs: one access token; refresh-token chains for the warm-up and the run
CHAINS=$((CONNECTIONS + 8))
: > "$WORK/refresh-warmup.txt"
: > "$WORK/refresh-run.txt"
export BENCH_ACCESS_TOKEN
BENCH_ACCESS_TOKEN=$(sign_in 0 | cut -d' ' -f1)
parallel4 'sign_in $(({} % USERS)) | cut -d" " -f2 > "$WORK/chain-{}.txt"' 1 $((2 * CHAINS))
for i in $(seq 1 $((2 * CHAINS))); do
  if (( i <= CHAINS )); then cat "$WORK/chain-$i.txt" >> "$WORK/refresh-warmup.txt"
  else cat "$WORK/chain-$i.txt" >> "$WORK/refresh-run.txt"; fi
done

# 5. the scenarios: warm-up, then the measured run
scenario() { # name script
  echo "scenario $1: warm-up $WARMUP, run $DURATION"
  BENCH_REFRESH_TOKENS=$WORK/refresh-warmup.txt run_wrk "$2" "$THREADS" "$CONNECTIONS" "$WARMUP" "$WORK/warmup.tsv"
  settle
  BENCH_REFRESH_TOKENS=$WORK/refresh-run.txt run_wrk "$2" "$THREADS" "$CONNECTIONS" "$DURATION" "$SCENARIOS"
  note_rss "$1"
  settle
}
scenario health health.lua
scenario user user.lua
scenario refresh refresh.lua
scenario login login.lua

# OpenID Connect: a client, a browser session on the sign-in page, a client's access token; then
# userinfo, and code exchange on codes minted (prompt=none in the session) just before each run,
# since a code lives 60 s
ADMIN_TOKEN=$(post /auth/login "{\"email\":\"$ADMIN\",\"password\":\"$PASSWORD\"}" | json_field accessToken)
CLIENT=$(curl -sS --max-time 30 -H 'Content-Type: application/json' -H "Authorization: Bearer $ADMIN_TOKEN" \
  -d "{\"name\":\"load\",\"redirectUris\":[\"$REDIRECT\"],\"grantTypes\":[\"authorization_code\"]}" \
  "$BASE/admin/clients")
CLIENT_ID=$(json_field clientId <<< "$CLIENT")
export BENCH_CLIENT_BASIC
BENCH_CLIENT_BASIC=$(printf '%s:%s' "$CLIENT_ID" "$(json_field clientSecret <<< "$CLIENT")" | base64 -w0)
export BENCH_REDIRECT_URI_ENCODED=https%3A%2F%2Frp.example.org%2Fcallback
export BENCH_AUTHORIZE_PATH="/oidc/authorize?response_type=code&scope=openid%20email&client_id=$CLIENT_ID&redirect_uri=$BENCH_REDIRECT_URI_ENCODED&prompt=none"
SESSION=$(curl -sS --max-time 30 -o /dev/null -D - -H 'Content-Type: application/x-www-form-urlencoded' \
  --data-urlencode "email=load0@example.com" --data-urlencode "password=$PASSWORD" \
  --data-urlencode "response_type=code" --data-urlencode "scope=openid email" --data-urlencode "client_id=$CLIENT_ID" \
  --data-urlencode "redirect_uri=$REDIRECT" "$BASE/oidc/authorize/signin" \
  | sed -nE 's/^[Ss]et-[Cc]ookie: (usersvc_session=[^;]+);.*/\1/p')
[ -n "$SESSION" ] || { echo "OpenID Connect sign-in failed" >&2; exit 1; }
export BENCH_SESSION_COOKIE=$SESSION
mint_codes() { # duration file
  rm -f "$2".*
  BENCH_CODES_OUT=$2 wrk -t "$THREADS" -c "$CONNECTIONS" -d "$1" --timeout 10s -s bench/lua/mint.lua "$BASE" > /dev/null
  cat "$2".* > "$2"
  settle
}
mint_codes 2s "$WORK/one-code"
OIDC_TOKEN=$(curl -sS --max-time 30 -H "Authorization: Basic $BENCH_CLIENT_BASIC" \
  -d "grant_type=authorization_code&code=$(head -1 "$WORK/one-code")&redirect_uri=$BENCH_REDIRECT_URI_ENCODED" \
  "$BASE/oidc/token" | json_field access_token)
[ -n "$OIDC_TOKEN" ] || { echo "no OpenID Connect access token" >&2; exit 1; }
echo "scenario userinfo: warm-up $WARMUP, run $DURATION"
BENCH_PATH=/oidc/userinfo BENCH_ACCESS_TOKEN=$OIDC_TOKEN BENCH_SCENARIO=userinfo \
  run_wrk user.lua "$THREADS" "$CONNECTIONS" "$WARMUP" "$WORK/warmup.tsv"
settle
BENCH_PATH=/oidc/userinfo BENCH_ACCESS_TOKEN=$OIDC_TOKEN BENCH_SCENARIO=userinfo \
  run_wrk user.lua "$THREADS" "$CONNECTIONS" "$DURATION" "$SCENARIOS"
note_rss userinfo
settle
# minting signs each code's ID token, so it runs about as fast as the redemptions it feeds: it is
# given half as long again as the run, as long as the first code minted outlives the run (60 s)
mint_time() { # wrk duration (Ns, Nm) -> seconds to mint for it
  local d=$1 n
  case "$d" in *m) n=$(( ${d%m} * 60 )) ;; *s) n=${d%s} ;; *) n=$d ;; esac
  local longer=$(( n * 3 / 2 )) bound=$(( 55 - n ))
  [ "$longer" -gt "$bound" ] && longer=$bound
  [ "$longer" -lt "$n" ] && longer=$n
  echo "${longer}s"
}
echo "scenario code: minting codes, then warm-up $WARMUP; minting codes, then run $DURATION"
mint_codes "$(mint_time "$WARMUP")" "$WORK/codes-warmup"
BENCH_CODES=$WORK/codes-warmup run_wrk code.lua "$THREADS" "$CONNECTIONS" "$WARMUP" "$WORK/warmup.tsv"
settle
mint_codes "$(mint_time "$DURATION")" "$WORK/codes-run"
BENCH_CODES=$WORK/codes-run run_wrk code.lua "$THREADS" "$CONNECTIONS" "$DURATION" "$SCENARIOS"
note_rss code
settle

# 6. the login flood: twice the connections of the login run (beyond the hashing pool and its
# queue, so some are refused with 503 and back off as Retry-After says) while one wrk thread
# measures GET /user at a steady pace (4 connections, a request every 10 ms on each)
echo "scenario login flood: $DURATION with GET /user measured alongside"
seconds=$(sed -E 's/s$//' <<< "$DURATION")
BENCH_SCENARIO=flood-login run_wrk login.lua "$THREADS" $((2 * CONNECTIONS)) "$((seconds + 4))s" "$SCENARIOS" &
BACKGROUND+=($!)
sleep 2
BENCH_SCENARIO=flood-user BENCH_PACE_MS=10 run_wrk user.lua 1 4 "$DURATION" "$SCENARIOS"
wait "${BACKGROUND[@]}"
BACKGROUND=()
note_rss flood-login flood-user
metric rss_load_mib "$RSS_PEAK"
settle
metric server_log_errors "$(grep -c ' ERROR ' "$WORK/server.log" || true)"
stop_server

# 7. with --directory ldap: the login scenario once more, the users in an LDAP directory (the
# server's state on a database of its own: a state belongs to one directory's users)
if [ "$DIRECTORY" = ldap ]; then
  java -XX:+UseSerialGC -Xmx256m -cp "$BENCH_CP" io.userservice.bench.LdapLoadDirectory "$USERS" "$PASSWORD" \
    > "$WORK/ldap.log" 2>&1 &
  LDAP_PID=$!
  BACKGROUND+=("$LDAP_PID")
  LDAP_PORT=""
  for _ in $(seq 1 300); do
    LDAP_PORT=$(sed -nE 's/^ready ([0-9]+)$/\1/p' "$WORK/ldap.log")
    [ -n "$LDAP_PORT" ] && break
    kill -0 "$LDAP_PID" 2> /dev/null || { cat "$WORK/ldap.log" >&2; echo "the LDAP server did not start" >&2; exit 1; }
    sleep 0.1
  done
  [ -n "$LDAP_PORT" ] || { echo "the LDAP server was not ready within 30 s" >&2; exit 1; }
  echo "LDAP directory on ldap://127.0.0.1:$LDAP_PORT ($USERS users)"
  export USERSVC_DIRECTORY=ldap USERSVC_LDAP_URL="ldap://127.0.0.1:$LDAP_PORT"
  export USERSVC_LDAP_BIND_DN="cn=usersvc,dc=example,dc=com" USERSVC_LDAP_BIND_PASSWORD="$PASSWORD"
  export USERSVC_LDAP_USER_BASE="ou=people,dc=example,dc=com"
  export USERSVC_LDAP_ROLE_GROUPS="cn=staff,ou=groups,dc=example,dc=com=user-edit"
  DB_DIR=db-ldap start_server "${CDS_USE[@]}"
  sign_in 0 > /dev/null
  BENCH_SCENARIO=login-ldap scenario login-ldap login.lua
  metric ldap_server_log_errors "$(grep -c ' ERROR ' "$WORK/server.log" || true)"
  stop_server
  unset USERSVC_DIRECTORY USERSVC_LDAP_URL USERSVC_LDAP_BIND_DN USERSVC_LDAP_BIND_PASSWORD USERSVC_LDAP_USER_BASE \
    USERSVC_LDAP_ROLE_GROUPS
  kill "$LDAP_PID"
  wait "$LDAP_PID" 2> /dev/null || true
  BACKGROUND=()
fi

# 8. the start, phase by phase (bench/startup.sh), on an empty and on an existing database; the
# medians of its totals are what the start targets are held to
mkdir -p "$(dirname "$RESULTS")" "$(dirname "$CHART")"
if [ "$STARTUP_RUNS" -gt 0 ]; then
  STARTUP_ARGS=(--no-build --runs "$STARTUP_RUNS" --jar "$JAR")
  [ "$CDS" = 0 ] && STARTUP_ARGS+=(--no-cds)
  echo "start-up phases ($STARTUP_RUNS launches per database)…"
  bench/startup.sh "${STARTUP_ARGS[@]}" | tee "$(dirname "$RESULTS")/startup-latest.md"
  metric startup_runs "$STARTUP_RUNS"
  for kind in empty existing; do
    metric "startup_${kind}_median_ms" "$(awk -F'|' -v kind="$kind" '
      { gsub(/ /, "", $3); gsub(/ /, "", $4); gsub(/ /, "", $6) }
      $3 == kind && $4 == "total" { print $6; exit }' "$(dirname "$RESULTS")/startup-latest.md")"
  done
fi

# 9. the table, the results file and the chart
REPORT_ARGS=("$METRICS" "$SCENARIOS" "$RESULTS" "$CHART")
[ -n "$COMPARE_WITH" ] && REPORT_ARGS+=("$COMPARE_WITH")
java -Djava.awt.headless=true -cp "$BENCH_CP" io.userservice.bench.LoadReport "${REPORT_ARGS[@]}"
