#!/usr/bin/env bash
# Alert intake, side by side: runs bench-peers/alertmanager.sh against the real Prometheus
# Alertmanager and then against Pitwall (POST /api/v2/alerts, each alert committed before the reply)
# in the same session, and prints Pitwall's alerts/s as a ratio of Alertmanager's for the four cases
# (1 and 100 alerts per request, distinct and repeating fingerprints), with p99 and Pitwall's RSS.
#
#   bench/signals/run.sh                 # full: 3 runs per case (about 15 minutes)
#   QUICK=1 bench/signals/run.sh         # smoke test: 1 short run per case (about 2 minutes)
#
# Environment (all optional):
#   BENCH_PEERS        the bench-peers folder (default: ../shared/bench-peers next to the repository)
#   PITWALL_PORT       port of the Pitwall under test (default 18090)
#   PITWALL_JAVA_OPTS  JVM options (default: the ones ./pitwall uses)
#   PITWALL_DURABILITY normal (default) or full
#   RUNS, CASES        passed to alertmanager.sh (default CASES: the four intake cases)
#   WARMUP_S           seconds of load that warm Pitwall's JIT up before measuring (default 40, quick 15)
#   OUTDIR             where raw results go (default /tmp/pitwall-bench-signals)
# Needs a JDK 21+, and Debian packages prometheus-alertmanager, wrk, curl and python3 (alertmanager.sh
# installs those with apt-get when missing). Talks to 127.0.0.1 only; stops only what it started.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
PEERS=${BENCH_PEERS:-$ROOT/../shared/bench-peers}
if [ ! -f "$PEERS/alertmanager.sh" ]; then
  echo "bench/signals: the bench-peers folder is missing: no alertmanager.sh in '$PEERS'." >&2
  echo "Set BENCH_PEERS to the folder that holds alertmanager.sh (it lives outside this repository)." >&2
  exit 2
fi
PEERS=$(cd "$PEERS" && pwd)
PORT=${PITWALL_PORT:-18090}
export CASES=${CASES:-"b1_distinct b100_distinct b1_dup b100_dup"}
OUT=${OUTDIR:-/tmp/pitwall-bench-signals}/$(date +%Y%m%d-%H%M%S)
mkdir -p "$OUT"
JAVA_OPTS=${PITWALL_JAVA_OPTS:-"-Xms256m -Xmx768m -XX:+UseParallelGC -XX:+ExitOnOutOfMemoryError -XX:TieredStopAtLevel=4"}

if [ -z "${JAVA_HOME:-}" ]; then JAVA_HOME=$(scripts/find-jdk); fi
JAVA="$JAVA_HOME/bin/java"
JAR=target/pitwall.jar
if [ ! -f "$JAR" ] || [ -n "$(find src/main pom.xml -newer "$JAR" -print -quit)" ]; then
  echo "bench/signals: building $JAR" >&2
  JAVA_HOME=$JAVA_HOME ./mvnw -q -B -DskipTests package >&2
fi

DATA=$(mktemp -d /tmp/pitwall-bench-data.XXXXXX)
PID=""
cleanup() {
  if [ -n "$PID" ] && kill -0 "$PID" 2>/dev/null; then
    kill -TERM "$PID"
    for _ in $(seq 100); do kill -0 "$PID" 2>/dev/null || break; sleep 0.2; done
    kill -0 "$PID" 2>/dev/null && kill -KILL "$PID"
  fi
  rm -rf "$DATA"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

TOKEN=$("$JAVA" --enable-native-access=ALL-UNNAMED -jar "$JAR" token create bench --scope ingest --scope read \
  --data "$DATA" 2>/dev/null | grep '^pw_')
if ss -Hltn "sport = :$PORT" | grep -q .; then
  echo "bench/signals: port $PORT is in use; set PITWALL_PORT" >&2; exit 2
fi
# shellcheck disable=SC2086
PITWALL_ADMIN_PASSWORD=bench-admin-password PITWALL_DURABILITY=${PITWALL_DURABILITY:-normal} \
  "$JAVA" $JAVA_OPTS -jar "$JAR" serve --port "$PORT" --data "$DATA" >"$OUT/pitwall.log" 2>&1 &
PID=$!
for _ in $(seq 240); do
  curl -fsS -o /dev/null "http://127.0.0.1:$PORT/actuator/health" 2>/dev/null && break
  kill -0 "$PID" 2>/dev/null || { echo "bench/signals: Pitwall did not start; see $OUT/pitwall.log" >&2; exit 1; }
  sleep 0.5
done
echo "bench/signals: Pitwall pid $PID on port $PORT, data $DATA, results in $OUT" >&2

# A JVM compiles its hot paths in the first seconds of load; Alertmanager (Go) needs no warm-up. Warm
# Pitwall up first (its own run ids, so nothing measured later repeats these alerts).
WARMUP_S=${WARMUP_S:-$([ "${QUICK:-0}" = 1 ] && echo 15 || echo 40)}
( . "$PEERS/common.sh"; need_pkg wrk curl python3 )
echo "bench/signals: warming Pitwall up for ${WARMUP_S} s" >&2
for batch in 1 100; do
  BENCH_DIR=$PEERS AM_BATCH=$batch AM_DISTINCT=100000 AM_MAXREQ=100000000 AM_RUNID="warmup-$batch-$$" \
    TARGET_TOKEN=$TOKEN timeout $((WARMUP_S + 10)) wrk -t1 -c16 -d"$((WARMUP_S / 2))s" -s "$PEERS/am_load.lua" \
    "http://127.0.0.1:$PORT" >/dev/null 2>&1 || true
done

echo "== Alertmanager ==" >&2
OUTDIR="$OUT/alertmanager" "$PEERS/alertmanager.sh" 2>&1 | tee "$OUT/alertmanager.txt" | grep -E '^(FIGURE|RUN|NOISY)' >&2
echo "== Pitwall ==" >&2
OUTDIR="$OUT/pitwall" TARGET_URL="http://127.0.0.1:$PORT" TARGET_PID=$PID TARGET_TOKEN=$TOKEN \
  "$PEERS/alertmanager.sh" 2>&1 | tee "$OUT/pitwall.txt" | grep -E '^(FIGURE|RUN|NOISY)' >&2

# Every acknowledged alert is committed in the intake log; the fold into signals follows behind.
start=$(date +%s.%N)
backlog=1
for _ in $(seq 1200); do
  backlog=$(curl -fsS -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$PORT/api/v1/signals/intake" \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["backlog"])')
  [ "$backlog" = 0 ] && break
  sleep 0.5
done
drain=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN{printf "%.1f", b-a}')
rss_now=$(awk '$1=="VmRSS:"{print int($2/1024)}' "/proc/$PID/status")
rss_peak=$(awk '$1=="VmHWM:"{print int($2/1024)}' "/proc/$PID/status")

python3 - "$OUT/alertmanager.txt" "$OUT/pitwall.txt" <<'PY' | tee "$OUT/summary.txt"
import re, sys
def figures(path):
    out = {}
    for line in open(path):
        if line.startswith("FIGURE "):
            case = line.split()[1]
            vals = dict((k, float(v)) for k, v in re.findall(r"(\w+)=([-0-9.]+) \[", line))
            out[case] = vals
    return out
am, pw = figures(sys.argv[1]), figures(sys.argv[2])
print("%-14s %14s %14s %7s %10s %10s %9s %9s" % ("case", "AM alerts/s", "Pitwall", "ratio", "AM p99 ms", "PW p99 ms", "PW CPU%", "PW RSS"))
ok = True
for case in ["b1_distinct", "b100_distinct", "b1_dup", "b100_dup"]:
    if case not in am or case not in pw:
        continue
    a, p = am[case]["alerts_per_s"], pw[case]["alerts_per_s"]
    ratio = p / a if a else float("nan")
    ok = ok and ratio >= 1.0 and pw[case].get("non2xx", 0) == 0
    print("%-14s %14.0f %14.0f %6.2fx %10.1f %10.1f %9.0f %6.0f MiB" % (
        case, a, p, ratio, am[case]["p99_ms"], pw[case]["p99_ms"], pw[case]["peer_cpu_pct"], pw[case]["rss_peak_mib"]))
print("Pitwall at least as fast as Alertmanager in every case: %s" % ("yes" if ok else "NO"))
PY
echo "Pitwall after the runs: backlog drained in ${drain} s (left: $backlog); RSS now ${rss_now} MiB, peak ${rss_peak} MiB" | tee -a "$OUT/summary.txt"
echo "raw results: $OUT" >&2
