#!/usr/bin/env bash
# The intake pipeline on SQLite without HTTP: group commit and fold rate and CPU per alert.
#   bench/signals/fold.sh [ALERTS] [PER_REQUEST] [DISTINCT] [THREADS]   (defaults 200000 1 all 16)
# Not part of './mvnw verify'. See docs/signals.md for measured numbers.
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ -z "${JAVA_HOME:-}" ]; then
  JAVA_HOME=$(scripts/find-jdk)
  export JAVA_HOME
fi
./mvnw -B -q test-compile
./mvnw -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt >/dev/null
exec "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -Xms64m -Xmx768m \
  -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
  dev.pitwall.signals.SignalFoldBenchmark "$@"
