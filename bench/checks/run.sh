#!/usr/bin/env bash
# Checks benchmark: Pitwall's HTTP checks per CPU-second against the same local nginx target that
# blackbox_exporter probes (../shared/bench-peers/blackbox.sh), with Pitwall's CPU and RSS, every
# result stored; then 10,000 checks every 60 s and how late each run starts; then the time from a
# deploy's ChangeFinished to the CheckFailed naming it (integration test with a breaking target).
#
#   bench/checks/run.sh                  # ~8 minutes
#   QUICK=1 bench/checks/run.sh          # ~4 minutes, shorter windows
#   PARTS="throughput peer" bench/checks/run.sh
#
# Settings (environment): PEERS (folder of the peer scripts, default ../shared/bench-peers relative
# to the repository), PORT (Pitwall, 18080), TGT_PORT (nginx target, 19180), CONC (Pitwall's
# max concurrency, 50), CHECKS (checks every second in the throughput part, 2000), WARMUP and
# MEASURE (seconds), LATE_CHECKS (10000), LATE_S (seconds the lateness part runs) and LATE_WARMUP
# (seconds before its CPU is measured), JAVA_OPTS (default: what ./pitwall uses).
# Every process it starts is stopped by PID; traffic stays on 127.0.0.1.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
PEERS=$(cd "${PEERS:-../shared/bench-peers}" && pwd)
. "$PEERS/common.sh"

PORT=${PORT:-18080}
TGT_PORT=${TGT_PORT:-19180}
CONC=${CONC:-50}
CHECKS=${CHECKS:-2000}
WARMUP=${WARMUP:-30}
MEASURE=${MEASURE:-60}
LATE_CHECKS=${LATE_CHECKS:-10000}
LATE_S=${LATE_S:-180}
LATE_WARMUP=${LATE_WARMUP:-60}
PARTS=${PARTS:-"throughput peer lateness deploy"}
if [ "${QUICK:-0}" = 1 ]; then WARMUP=15; MEASURE=30; LATE_S=100; LATE_WARMUP=30; fi
JAVA_OPTS=${JAVA_OPTS:-"-Xms256m -Xmx768m -XX:+UseParallelGC -XX:+ExitOnOutOfMemoryError -XX:TieredStopAtLevel=4"} # what ./pitwall uses
JAVA_HOME=${JAVA_HOME:-$(scripts/find-jdk)}
export JAVA_HOME
JAVA="$JAVA_HOME/bin/java"
TMP=$(mktemp -d /tmp/pitwall-bench-checks.XXXXXX)
TARGET_PID=""
trap 'stop_target; stop_all; rm -rf "$TMP"' EXIT
trap 'exit 130' INT TERM

need_pkg nginx-light curl python3
[ -f target/pitwall.jar ] || { log "building target/pitwall.jar"; ./mvnw -q -B -DskipTests package; }

start_target() { # the peer script's own nginx target, counting requests
  port_free "$TGT_PORT"
  TGT_PORT=$TGT_PORT "$PEERS/blackbox.sh" target "$1" >"$TMP/target.log" 2>&1 &
  TARGET_PID=$!
  wait_http "http://127.0.0.1:$TGT_PORT/" 60
}
stop_target() { # TERM lets the peer script stop its nginx; it finishes its current 5 s sleep first
  [ -n "$TARGET_PID" ] || return 0
  kill -TERM "$TARGET_PID" 2>/dev/null || true
  for _ in $(seq 1 100); do kill -0 "$TARGET_PID" 2>/dev/null || break; sleep 0.1; done
  kill -0 "$TARGET_PID" 2>/dev/null && kill -KILL "$TARGET_PID" 2>/dev/null || true
  wait "$TARGET_PID" 2>/dev/null || true
  TARGET_PID=""
}
target_requests() { curl -fsS --max-time 2 "http://127.0.0.1:$TGT_PORT/nginx_status" | awk 'NR==3{print $3}'; }

checks_yaml() { # N checks of the nginx target every INTERVAL
  local n=$1 interval=$2 file=$3
  { echo "checks:"
    for i in $(seq 1 "$n"); do
      printf '  - name: bench %05d\n    service: bench-target\n    interval: %s\n    url: http://127.0.0.1:%s/\n    assert: [status == 200]\n' \
        "$i" "$interval" "$TGT_PORT"
    done; } >"$file"
}

PITWALL_PID=""
start_pitwall() { # CONFIG DATA_DIR
  port_free "$PORT"
  # shellcheck disable=SC2086
  start_bg "$TMP/pitwall.log" env PITWALL_CONFIG="$1" PITWALL_DATA="$2" PITWALL_ADMIN_PASSWORD=bench-password-1 \
    "$JAVA" $JAVA_OPTS -jar target/pitwall.jar serve --port "$PORT" --pitwall.checks.max-concurrency="$CONC"
  PITWALL_PID=$LAST_PID
  wait_http "http://127.0.0.1:$PORT/actuator/health" 180
}

echo "# $(date -Is) host=$(hostname) cores=$(nproc) load=$(cut -d' ' -f1-3 /proc/loadavg) java=$("$JAVA" -version 2>&1 | head -1)"
echo "# PORT=$PORT TGT_PORT=$TGT_PORT CONC=$CONC CHECKS=$CHECKS WARMUP=$WARMUP MEASURE=$MEASURE LATE_CHECKS=$LATE_CHECKS LATE_S=$LATE_S JAVA_OPTS=$JAVA_OPTS"

if [[ " $PARTS " == *" throughput "* ]]; then
  log "throughput: $CHECKS checks every second against nginx, concurrency $CONC"
  start_target $((WARMUP + MEASURE + 240))
  checks_yaml "$CHECKS" 1s "$TMP/throughput.yaml"
  start_pitwall "$TMP/throughput.yaml" "$TMP/throughput-data"
  token=$("$JAVA" -jar target/pitwall.jar token create bench-metrics --scope read --data "$TMP/throughput-data" 2>/dev/null | tail -1)
  sleep "$WARMUP"
  t0=$(now_s); k0=$(cpu_ticks "$PITWALL_PID"); q0=$(target_requests); b0=$(machine_busy_ticks)
  sleep "$MEASURE"
  t1=$(now_s); k1=$(cpu_ticks "$PITWALL_PID"); q1=$(target_requests); b1=$(machine_busy_ticks)
  rss_peak=$(( $(rss_kib "$PITWALL_PID" VmHWM) / 1024 )); rss_now=$(( $(rss_kib "$PITWALL_PID" VmRSS) / 1024 ))
  skipped=$(curl -fsS -H "Authorization: Bearer $token" "http://127.0.0.1:$PORT/actuator/prometheus" 2>/dev/null \
    | awk '/^pitwall_checks_skipped_total/{s+=$2} END{print s+0}' || echo NA)
  stop_pid "$PITWALL_PID"
  stop_target
  dt=$(awk -v a="$t0" -v b="$t1" 'BEGIN{print b-a}')
  stored=$(python3 bench/checks/results.py "$TMP/throughput-data/pitwall.db" window \
    "$(awk -v t="$t0" 'BEGIN{printf "%.0f", t*1000}')" "$(awk -v t="$t1" 'BEGIN{printf "%.0f", t*1000}')")
  cpu=$(pct $((k1 - k0)) "$dt"); machine=$(pct $((b1 - b0)) "$dt")
  awk -v q=$((q1 - q0 - 1)) -v dt="$dt" -v cpu="$cpu" -v stored="$stored" -v rp="$rss_peak" -v rn="$rss_now" -v m="$machine" 'BEGIN {
    split(stored, s, /[ =]/); runs = s[2];
    printf "FIGURE pitwall_http_checks checks_per_s=%.0f stored_per_s=%.0f pitwall_cpu_pct=%s checks_per_cpu_s=%.0f rss_peak_mib=%s rss_end_mib=%s machine_cpu_pct=%s %s\n",
      q / dt, runs / dt, cpu, (cpu > 0 ? (q / dt) * 100 / cpu : 0), rp, rn, m, stored }'
  echo "# scheduled runs skipped because too many were waiting or the previous run was still going: $skipped"
fi

if [[ " $PARTS " == *" peer "* ]]; then
  log "peer: blackbox_exporter against the same nginx target"
  QUICK=${QUICK:-0} TGT_PORT=$TGT_PORT OUTDIR="$TMP" "$PEERS/blackbox.sh" 2>&1 | grep -E "FIGURE|summary|probes_per" | sed 's/^/peer: /' || true
fi

if [[ " $PARTS " == *" lateness "* ]]; then
  log "lateness: $LATE_CHECKS checks every 60 s for ${LATE_S}s"
  start_target $((LATE_S + 240))
  checks_yaml "$LATE_CHECKS" 60s "$TMP/lateness.yaml"
  start_pitwall "$TMP/lateness.yaml" "$TMP/lateness-data"
  sleep "$LATE_WARMUP" # CPU is measured after start-up (loading 10,000 checks, JIT); lateness counts every run
  k0=$(cpu_ticks "$PITWALL_PID"); t0=$(now_s)
  sleep $((LATE_S - LATE_WARMUP))
  k1=$(cpu_ticks "$PITWALL_PID"); t1=$(now_s)
  rss_peak=$(( $(rss_kib "$PITWALL_PID" VmHWM) / 1024 ))
  stop_pid "$PITWALL_PID"
  stop_target
  dt=$(awk -v a="$t0" -v b="$t1" 'BEGIN{print b-a}')
  echo "FIGURE pitwall_schedule_10k_60s $(python3 bench/checks/results.py "$TMP/lateness-data/pitwall.db" lateness) pitwall_cpu_pct=$(pct $((k1 - k0)) "$dt") rss_peak_mib=$rss_peak"
fi

if [[ " $PARTS " == *" deploy "* ]]; then
  log "deploy: ChangeFinished -> CheckFailed naming the change (integration test, SQLite and PostgreSQL)"
  ./mvnw -q -B test -Dtest='PostDeployVerificationTest,PostDeployVerificationPostgresTest' -Dspotless.check.skip=true \
    -Dsurefire.failIfNoSpecifiedTests=false 2>/dev/null | grep -E "^ChangeFinished -> CheckFailed" | sed 's/^/FIGURE deploy_to_check_failed: /' || true
fi
