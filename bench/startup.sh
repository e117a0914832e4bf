#!/usr/bin/env bash
# Start-up of the packaged server, phase by phase:
#
#   bench/startup.sh                      # 5 launches on an empty and 5 on an existing H2 database
#   bench/startup.sh --runs 9 --no-build
#   bench/startup.sh --no-build --jar old.jar --jar app/target/user-service.jar   # compare builds, interleaved
#   bench/startup.sh --no-cds             # without the build's application class-data archive
#   bench/startup.sh --cds                # with an archive each jar's first launch records
#   bench/startup.sh --no-build --flags "" --flags "-XX:TieredStopAtLevel=1"   # compare JVM flags, interleaved
#
# Each launch starts the jar with the README's JVM flags (USERSVC_JAVA_OPTS replaces them) on the
# embedded defaults in a temporary directory (H2 file database in ./data, mail to the log,
# 127.0.0.1, free ports), waits for the ready line, reads the server's own line
# "start-up phases (ms): jvm-to-main=… configuration=… database=… directory=… keys=… core=…
# jersey=… jetty=… ready=… total=…" and stops the server (SIGTERM). "Empty" launches each get a
# new directory, so the schema is created every time; "existing" launches share one database that
# a first, uncounted launch created. With several --jar the launches alternate between them, so
# each jar meets the same machine; each --flags adds the jar (the last --jar, or the default one)
# once more with those JVM flags after the README's, alternating the same way. As the README's
# first command does, each launch maps the application class-data archive the build wrote beside
# the jar (JAR's name with .jsa instead of .jar, -XX:SharedArchiveFile, given as an absolute path,
# since each launch runs in a directory of its own); a jar without one starts without. --no-cds
# leaves the archive out; with --cds the first launch of each jar records an archive at its exit
# (-XX:ArchiveClassesAtExit) and every counted launch uses that one instead. Prints min, median
# and max of every phase per jar and database.
# Other USERSVC_* variables reach the server.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

RUNS=5
BUILD=1
CDS=build
JARS=()
EXTRA=()
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) RUNS=$2; shift 2 ;;
    --no-build) BUILD=0; shift ;;
    --cds) CDS=record; shift ;;
    --no-cds) CDS=none; shift ;;
    --jar) JARS+=("$(realpath "$2")"); EXTRA+=(""); shift 2 ;;
    --flags)
      if [ ${#JARS[@]} -gt 0 ]; then JARS+=("${JARS[-1]}"); else JARS+=("$ROOT/app/target/user-service.jar"); fi
      EXTRA+=("$2"); shift 2 ;;
    *) echo "unknown option $1 (see the top of $0)" >&2; exit 2 ;;
  esac
done
[[ "$RUNS" =~ ^[1-9][0-9]*$ ]] || { echo "--runs is a positive number, not $RUNS" >&2; exit 2; }
[ ${#JARS[@]} -gt 0 ] || { JARS=("$ROOT/app/target/user-service.jar"); EXTRA=(""); }

# the README's flags but the archive's path, which is added per jar below
DEFAULT_JAVA_OPTS="-XX:-FlightRecorder -XX:+UseSerialGC -Xms32m -Xmx160m -Xss512k -XX:MaxMetaspaceSize=128m -XX:ReservedCodeCacheSize=64m"
read -r -a JAVA_OPTS <<< "${USERSVC_JAVA_OPTS:-$DEFAULT_JAVA_OPTS}"

if [ "$BUILD" = 1 ]; then
  echo "building (mvn package, tests skipped)…" >&2
  mvn -B -q -pl app -am -DskipTests package
fi
for jar in "${JARS[@]}"; do
  [ -f "$jar" ] || { echo "no $jar (build it, or drop --no-build)" >&2; exit 2; }
done

WORK=$(mktemp -d)
SERVER=
cleanup() {
  if [ -n "$SERVER" ]; then kill "$SERVER" 2> /dev/null || true; wait "$SERVER" 2> /dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

# launch JAR DIRECTORY LABEL [JVM FLAG…]: one start in DIRECTORY; appends "LABEL phases…" to the results
launch() {
  local jar=$1 dir=$2 label=$3 line=
  shift 3
  mkdir -p "$dir"
  (cd "$dir" && exec env USERSVC_HOST=127.0.0.1 USERSVC_PORT=0 USERSVC_MANAGEMENT_PORT=0 \
      java "${JAVA_OPTS[@]}" "$@" -jar "$jar" > server.log 2>&1) &
  SERVER=$!
  local deadline=$((SECONDS + 300))
  while [ $SECONDS -lt $deadline ]; do
    line=$(grep -m1 'start-up phases (ms):' "$dir/server.log" 2> /dev/null || true)
    [ -n "$line" ] && grep -q 'User Service ready on' "$dir/server.log" && break
    kill -0 "$SERVER" 2> /dev/null || { cat "$dir/server.log" >&2; echo "the server stopped before it was ready" >&2; exit 1; }
    sleep 0.05
  done
  kill "$SERVER"
  wait "$SERVER" 2> /dev/null || true
  SERVER=
  [ -n "$line" ] || { echo "no ready line within five minutes (see $dir/server.log)" >&2; exit 1; }
  echo "$label $(sed -E 's/.*start-up phases \(ms\): //' <<< "$line")" >> "$RESULTS"
}

RESULTS=$WORK/results.txt
: > "$RESULTS"
ARCHIVE=()
for j in "${!JARS[@]}"; do
  read -r -a FLAGS <<< "${EXTRA[$j]}"
  # creates the database (and with --cds the archive), not counted
  if [ "$CDS" = record ]; then
    launch "${JARS[$j]}" "$WORK/existing-$j" first "-XX:ArchiveClassesAtExit=$WORK/archive-$j.jsa" "${FLAGS[@]}"
    ARCHIVE[$j]="-XX:SharedArchiveFile=$WORK/archive-$j.jsa"
  elif [ "$CDS" = build ] && [ -f "${JARS[$j]%.jar}.jsa" ]; then
    ARCHIVE[$j]="-XX:SharedArchiveFile=${JARS[$j]%.jar}.jsa"
    launch "${JARS[$j]}" "$WORK/existing-$j" first "${ARCHIVE[$j]}" "${FLAGS[@]}"
  else
    launch "${JARS[$j]}" "$WORK/existing-$j" first "${FLAGS[@]}"
    ARCHIVE[$j]="-Xshare:auto"
  fi
done
: > "$RESULTS"
for run in $(seq 1 "$RUNS"); do
  for j in "${!JARS[@]}"; do
    read -r -a FLAGS <<< "${EXTRA[$j]}"
    launch "${JARS[$j]}" "$WORK/empty-$j-$run" "jar=$j database=empty" "${ARCHIVE[$j]}" "${FLAGS[@]}"
    launch "${JARS[$j]}" "$WORK/existing-$j" "jar=$j database=existing" "${ARCHIVE[$j]}" "${FLAGS[@]}"
    rm -rf "$WORK/empty-$j-$run"
  done
  echo "launches done: $run of $RUNS" >&2
done

echo "# $(date -u +%Y-%m-%dT%H:%MZ), load average $(cut -d' ' -f1-3 /proc/loadavg), $RUNS launches each, flags: ${JAVA_OPTS[*]}$([ "$CDS" = record ] && echo ' with an application class-data archive recorded by a first launch')"
for j in "${!JARS[@]}"; do
  archive=none
  [ "${ARCHIVE[$j]}" != -Xshare:auto ] && archive=${ARCHIVE[$j]#-XX:SharedArchiveFile=}
  echo "# jar $j: ${JARS[$j]}${EXTRA[$j]:+ with ${EXTRA[$j]}}; archive: $archive"
done
echo "| jar | database | phase | min ms | median ms | max ms |"
echo "|---|---|---|---:|---:|---:|"
awk '
  {
    key = $1 " " $2
    for (i = 3; i <= NF; i++) {
      split($i, kv, "=")
      if (!((key, kv[1]) in seen)) { seen[key, kv[1]] = 1; order[key] = order[key] " " kv[1] }
      n = ++count[key, kv[1]]
      value[key, kv[1], n] = kv[2]
    }
    if (!(key in keys)) { keys[key] = 1; keyorder[++nkeys] = key }
  }
  END {
    for (k = 1; k <= nkeys; k++) {
      key = keyorder[k]
      split(key, parts, " ")
      sub("jar=", "", parts[1]); sub("database=", "", parts[2])
      m = split(substr(order[key], 2), phases, " ")
      for (p = 1; p <= m; p++) {
        phase = phases[p]; n = count[key, phase]
        for (i = 1; i <= n; i++) v[i] = value[key, phase, i] + 0
        for (i = 2; i <= n; i++) { x = v[i]; for (j = i - 1; j >= 1 && v[j] > x; j--) v[j + 1] = v[j]; v[j + 1] = x }
        median = n % 2 ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2
        printf "| %s | %s | %s | %d | %d | %d |\n", parts[1], parts[2], phase, v[1], median, v[n]
      }
    }
  }' "$RESULTS"
