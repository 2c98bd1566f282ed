#!/usr/bin/env bash
# The change log's benchmark: recording changes through the API of the real server (its own process,
# loaded from another), and "what changed" plus the change list's first page on a store of
# 1,000,000 changes, on SQLite and on PostgreSQL (embedded, started by the benchmark). Not part of './mvnw verify'. Numbers and what they mean: docs/changes.md.
#
#   bench/changes/run.sh            full run: both databases, ingest 60 s (sustained: after the JIT settled), 1,000,000 changes over 90 and over 30 days
#   bench/changes/run.sh quick      a short run to see that it works (ingest 8 s, 200,000 changes)
#   bench/changes/run.sh ingest sqlite 30 32          one part: DIALECT SECONDS CLIENTS
#   bench/changes/run.sh query postgresql 1000000 5000 30 300   DIALECT CHANGES SERVICES DAYS RUNS
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ -z "${JAVA_HOME:-}" ]; then
  JAVA_HOME=$(scripts/find-jdk)
  export JAVA_HOME
fi
# the server under load is the real jar (target/pitwall.jar), started by the benchmark with ./pitwall's JVM options
./mvnw -B -q -o package -DskipTests -Dspotless.check.skip=true 2>/dev/null || ./mvnw -B -q package -DskipTests -Dspotless.check.skip=true
./mvnw -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt >/dev/null
java_run() {
  "$JAVA_HOME/bin/java" -Xms1g -Xmx2g --enable-native-access=ALL-UNNAMED \
    -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
    dev.pitwall.changes.ChangeBenchmark "$@"
}
case "${1:-full}" in
  quick)
    for db in sqlite postgresql; do java_run ingest "$db" 8 32; java_run query "$db" 200000 5000 30 100; done ;;
  full)
    for db in sqlite postgresql; do java_run ingest "$db" 60 32; java_run query "$db" 1000000 5000 90 300; java_run query "$db" 1000000 5000 30 300; done ;;
  *)
    java_run "$@" ;;
esac
