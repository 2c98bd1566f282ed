#!/usr/bin/env bash
# Ranks incidents against the 24-hour window of 1,000,000 generated changes (5,000 services, 30
# days) and prints p50/p99 per ranking. Arguments, all optional: CHANGES SERVICES DAYS RANKINGS.
# Not part of './mvnw verify'. See docs/triage.md for measured numbers.
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ -z "${JAVA_HOME:-}" ]; then
  JAVA_HOME=$(scripts/find-jdk)
  export JAVA_HOME
fi
./mvnw -B -q test-compile
./mvnw -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt >/dev/null
# A million changes with their words take about 650 MB; the heap leaves room so that the
# collector is not what is measured.
exec "$JAVA_HOME/bin/java" -Xms3g -Xmx3g \
  -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
  dev.pitwall.triage.TriageBenchmark "$@"
