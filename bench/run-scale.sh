#!/usr/bin/env bash
# Loads 1,000 and 1,000,000 users into two databases of one embedded PostgreSQL server and
# compares the latency of sign-in, exists and token refresh on both; prints a table at the end.
#
#   bench/run-scale.sh                     # PostgreSQL, about 8 minutes
#   bench/run-scale.sh -p db=postgres,h2   # also H2 (file databases in a temporary directory)
#
# Any other JMH option may be given too, e.g. -f 2 for two forks per operation.
set -euo pipefail
cd "$(dirname "$0")/.."

mvn -q -DskipTests install -pl bench -am
# a private copy of the classpath, so a rebuild of the project during the run cannot pull a jar away
rm -rf bench/target/scale-lib
mvn -q -pl bench org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy-dependencies \
    -DincludeScope=runtime -DoutputDirectory=target/scale-lib
cp bench/target/user-service-bench-*.jar bench/target/scale-lib/

exec java -cp "bench/target/scale-lib/*" io.userservice.bench.ScaleRun "$@"
