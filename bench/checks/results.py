#!/usr/bin/env python3
"""Reads check results from a stopped Pitwall's SQLite database for bench/checks/run.sh.

  results.py DB window FROM_MS TO_MS   -> runs=N ok=N failed=N (results started in [FROM, TO))
  results.py DB lateness [SKIP_MS]     -> scheduled runs and how late they started against their schedule
"""
import sqlite3
import sys


def percentile(sorted_values, p):
    if not sorted_values:
        return 0
    k = max(0, min(len(sorted_values) - 1, int(round(p / 100.0 * len(sorted_values) + 0.5)) - 1))
    return sorted_values[k]


def main():
    db, mode = sys.argv[1], sys.argv[2]
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    if mode == "window":
        frm, to = int(sys.argv[3]), int(sys.argv[4])
        runs, ok = con.execute(
            "SELECT count(*), COALESCE(sum(ok), 0) FROM checks_result WHERE started_at >= ? AND started_at < ?",
            (frm, to)).fetchone()
        print(f"runs={runs} ok={ok} failed={runs - ok}")
    elif mode == "lateness":
        skip = int(sys.argv[3]) if len(sys.argv) > 3 else 0
        first = con.execute("SELECT min(scheduled_at) FROM checks_result WHERE origin = 'schedule'").fetchone()[0] or 0
        rows = con.execute(
            "SELECT started_at - scheduled_at FROM checks_result WHERE origin = 'schedule' AND scheduled_at >= ?",
            (first + skip,)).fetchall()
        late = sorted(r[0] for r in rows)
        span = con.execute(
            "SELECT max(scheduled_at) - min(scheduled_at), count(DISTINCT check_id) FROM checks_result"
            " WHERE origin = 'schedule' AND scheduled_at >= ?", (first + skip,)).fetchone()
        over = sum(1 for v in late if v > 1000)
        failed = con.execute("SELECT count(*) FROM checks_result WHERE origin = 'schedule' AND ok = 0").fetchone()[0]
        print(f"runs={len(late)} checks={span[1]} span_s={(span[0] or 0) / 1000:.1f} "
              f"late_p50_ms={percentile(late, 50)} late_p99_ms={percentile(late, 99)} late_max_ms={late[-1] if late else 0} "
              f"late_over_1s={over} failed_runs={failed}")
    else:
        raise SystemExit(f"unknown mode {mode}")


if __name__ == "__main__":
    main()
