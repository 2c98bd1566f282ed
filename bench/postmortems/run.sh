#!/usr/bin/env bash
# The blameless review (runs on every save) and the Markdown export (every download) of a large
# postmortem, on plain Java: ms per call and findings. Argument, optional: TIMELINE_ENTRIES
# (default 10000; every fifth annotated, 50 factors, 50 action items, 10 accounts).
# Not part of './mvnw verify'. See docs/postmortems.md for measured numbers.
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ -z "${JAVA_HOME:-}" ]; then
  JAVA_HOME=$(scripts/find-jdk)
  export JAVA_HOME
fi
./mvnw -B -q test-compile -Dspotless.check.skip=true
./mvnw -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt >/dev/null
exec "$JAVA_HOME/bin/java" -Xms256m -Xmx512m \
  -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
  dev.pitwall.postmortems.PostmortemBenchmark "$@"
