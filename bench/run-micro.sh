#!/usr/bin/env bash
# JMH benchmarks of the primitives (bcrypt verify at the default cost, RS256 sign and verify) and
# of the use cases on in-memory ports (sign-in, refresh, authenticate + load the user), 2 threads:
#
#   bench/run-micro.sh                               # about 4 minutes
#   bench/run-micro.sh PrimitivesBenchmark -p cost=12
#   bench/run-micro.sh UseCaseBenchmark -p tokenCache=true,false
#
# Arguments are JMH's (a benchmark pattern and options); without a pattern both classes run.
set -euo pipefail
cd "$(dirname "$0")/.."

mvn -q -B -ntp -DskipTests package -pl bench -am
rm -rf bench/target/micro-lib
mvn -q -B -ntp -o -pl bench org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy-dependencies \
    -DincludeScope=runtime -DoutputDirectory=target/micro-lib 2> /dev/null \
  || mvn -q -B -ntp -DskipTests package org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy-dependencies \
    -pl bench -am -DincludeScope=runtime -DoutputDirectory=target/micro-lib
pattern='io\.userservice\.bench\.(PrimitivesBenchmark|UseCaseBenchmark)\.'
if [ $# -gt 0 ] && [[ "$1" != -* ]]; then
  pattern="$1"
  shift
fi
exec java -cp "bench/target/classes:bench/target/micro-lib/*" org.openjdk.jmh.Main "$pattern" "$@"
