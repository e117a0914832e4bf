#!/usr/bin/env bash
# The floor of a start on the server's HTTP stack: io.userservice.bench.JerseyFloor (one resource
# on Jersey's Jetty container, built as the server builds its own) launched with the README's JVM
# flags on the server jar's class path, so the libraries are the server's own. The first launch
# writes a class-data archive for it, as the build does for the server; then N launches with the
# archive and N without, each timed from the JVM's start to Jetty bound. Prints min, median and
# max of each phase.
#
#   bench/floor.sh            # 7 launches each
#   bench/floor.sh 5
# Needs app/target/user-service.jar and the bench module's jar (mvn -q -DskipTests package).
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-7}
JAR=app/target/user-service.jar
BENCH_JAR=$(ls bench/target/user-service-bench-*.jar 2> /dev/null | grep -v -- '-sources' | head -1 || true)
[ -f "$JAR" ] && [ -n "$BENCH_JAR" ] || { echo "build first: mvn -q -DskipTests package" >&2; exit 2; }
read -r -a FLAGS <<< "${USERSVC_JAVA_OPTS:--XX:-FlightRecorder -XX:+UseSerialGC -Xms32m -Xmx160m -Xss512k -XX:MaxMetaspaceSize=128m -XX:ReservedCodeCacheSize=64m}"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
CP="$JAR:$BENCH_JAR"
floor() {
  java "${FLAGS[@]}" "$@" -cp "$CP" io.userservice.bench.JerseyFloor 2> /dev/null | grep -o 'jersey-floor (ms):.*'
}
floor -XX:ArchiveClassesAtExit="$WORK/floor.jsa" > /dev/null
for i in $(seq 1 "$RUNS"); do
  echo "archive $(floor -XX:SharedArchiveFile="$WORK/floor.jsa" | sed 's/jersey-floor (ms): //')" >> "$WORK/runs"
  echo "none $(floor | sed 's/jersey-floor (ms): //')" >> "$WORK/runs"
done
echo "$RUNS launches each, $(uptime | sed 's/.*load/load/')"
echo "| class data | phase | min ms | median ms | max ms |"
echo "|---|---|---:|---:|---:|"
for mode in archive none; do
  for phase in jvm-to-main jersey jetty total; do
    grep "^$mode " "$WORK/runs" | grep -o "$phase=[0-9]*" | cut -d= -f2 | sort -n \
      | awk -v m="$mode" -v p="$phase" '{ v[NR] = $1 } END { printf "| %s | %s | %d | %d | %d |\n", m, p, v[1], v[int((NR + 1) / 2)], v[NR] }'
  done
done
