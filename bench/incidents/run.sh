#!/usr/bin/env bash
# Grouping throughput on the intake fold thread: SignalsUpdated batches (1, 100 and 1000 signals,
# distinct and repeating) against a fresh SQLite database, signals/s per scenario.
# Arguments, all optional: SIGNALS_PER_SCENARIO (default 100000), then Spring properties such as
# --pitwall.database.url=jdbc:postgresql://127.0.0.1:5432/bench (with PITWALL_DATABASE_USER/PASSWORD).
# Not part of './mvnw verify'. See docs/incidents.md for measured numbers.
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ -z "${JAVA_HOME:-}" ]; then
  JAVA_HOME=$(scripts/find-jdk)
  export JAVA_HOME
fi
./mvnw -B -q test-compile -Dspotless.check.skip=true
./mvnw -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt >/dev/null
exec "$JAVA_HOME/bin/java" -Xms512m -Xmx768m --enable-native-access=ALL-UNNAMED \
  -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
  dev.pitwall.incidents.GroupingBenchmark "$@"
