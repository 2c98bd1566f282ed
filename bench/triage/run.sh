#!/usr/bin/env bash
# The triage benchmarks. Not part of './mvnw verify'. See docs/triage.md for measured numbers.
#
#   bench/triage/run.sh [CHANGES SERVICES DAYS RANKINGS]
#       the ranking alone, in memory: incidents ranked against the 24-hour window of 1,000,000
#       generated changes (5,000 services, 30 days) by default
#   bench/triage/run.sh db [sqlite|postgresql] [CHANGES SERVICES DAYS RANKINGS]
#       the ranking in the running server, through the real store: the changes and the catalog are
#       loaded into a fresh SQLite file or an embedded PostgreSQL, the whole application starts on
#       it (with the server's heap, -Xmx768m), incidents open through the signals' event, and each
#       measured ranking is what the server's worker does
#   bench/triage/run.sh quick
#       a short run of both to see that they work (200,000 changes)
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ -z "${JAVA_HOME:-}" ]; then
  JAVA_HOME=$(scripts/find-jdk)
  export JAVA_HOME
fi
./mvnw -B -q -o test-compile -Dspotless.check.skip=true 2>/dev/null || ./mvnw -B -q test-compile -Dspotless.check.skip=true
./mvnw -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt >/dev/null
classpath="target/test-classes:target/classes:$(cat target/bench-classpath.txt)"
in_memory() {
  # A million changes with their words and texts take about 650 MB; the heap leaves room so that
  # the collector is not what is measured.
  "$JAVA_HOME/bin/java" -Xms3g -Xmx3g -cp "$classpath" dev.pitwall.triage.TriageBenchmark "$@"
}
in_server() {
  # the server's own heap (./pitwall's PITWALL_JAVA_OPTS), not a benchmark's
  "$JAVA_HOME/bin/java" -Xms512m -Xmx768m --enable-native-access=ALL-UNNAMED -cp "$classpath" \
    dev.pitwall.triage.TriageStoreBenchmark "$@"
}
case "${1:-}" in
  db)
    shift
    in_server "${1:-sqlite}" "${@:2}" ;;
  quick)
    in_memory 200000 5000 30 100
    in_server sqlite 200000 5000 30 100
    in_server postgresql 200000 5000 30 100 ;;
  *)
    in_memory "$@" ;;
esac
