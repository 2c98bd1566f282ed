package dev.pitwall.checks;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.pitwall.system.Columns;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Results of runs, their hourly aggregates, and the retention of both. */
@Repository
class ResultRepository {

    private static final JsonMapper JSON = JsonMapper.builder()
            .changeDefaultPropertyInclusion(i -> i.withValueInclusion(JsonInclude.Include.NON_NULL))
            .build();
    private static final TypeReference<List<StepResult>> STEPS = new TypeReference<>() {};
    private static final String COLUMNS =
            "r.id, r.check_id, c.name AS check_name, r.started_at, r.scheduled_at, r.duration_ms, r.ok, r.origin,"
                    + " r.verification_id, r.failed_step, r.failure, r.steps";
    private static final String INSERT = """
            INSERT INTO checks_result (check_id, started_at, scheduled_at, duration_ms, ok, origin, verification_id,
                failed_step, failure, steps) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";

    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    ResultRepository(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    /** Stores results in one batch (no ids back: scheduled runs need none). */
    void insertAll(List<CheckResult> results) {
        if (results.isEmpty()) {
            return;
        }
        template.batchUpdate(INSERT, results, 500, (ps, r) -> {
            ps.setLong(1, r.checkId());
            ps.setLong(2, r.startedAt().toEpochMilli());
            if (r.scheduledAt() == null) {
                ps.setNull(3, Types.BIGINT);
            } else {
                ps.setLong(3, r.scheduledAt().toEpochMilli());
            }
            ps.setDouble(4, r.durationMs());
            ps.setBoolean(5, r.ok());
            ps.setString(6, r.origin());
            if (r.verificationId() == null) {
                ps.setNull(7, Types.BIGINT);
            } else {
                ps.setLong(7, r.verificationId());
            }
            ps.setString(8, r.failedStep());
            ps.setString(9, r.failure());
            ps.setString(10, steps(r));
        });
    }

    long insert(CheckResult r) {
        return jdbc.sql(INSERT + " RETURNING id")
                .params(
                        r.checkId(),
                        r.startedAt().toEpochMilli(),
                        Columns.millis(r.scheduledAt()),
                        r.durationMs(),
                        r.ok(),
                        r.origin(),
                        r.verificationId(),
                        r.failedStep(),
                        r.failure(),
                        steps(r))
                .query(Long.class)
                .single();
    }

    /** Passing steps keep no assertion details (they all passed): most runs pass, and this keeps them small. */
    private static String steps(CheckResult r) {
        List<StepResult> compact = r.steps().stream()
                .map(s -> s.ok() && s.excerpt() == null
                        ? new StepResult(
                                s.name(),
                                s.kind(),
                                s.target(),
                                true,
                                false,
                                s.status(),
                                s.timings(),
                                List.of(),
                                null,
                                null,
                                null,
                                s.tlsDaysLeft(),
                                s.answers())
                        : s)
                .toList();
        return JSON.writeValueAsString(compact);
    }

    /** The newest results first; {@code beforeId} pages back. */
    List<CheckResult> recent(long checkId, int limit, Long beforeId, boolean failedOnly) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM checks_result r JOIN checks_check c ON c.id = r.check_id"
                        + " WHERE r.check_id = ?" + (beforeId == null ? "" : " AND r.id < " + beforeId.longValue())
                        + (failedOnly ? " AND r.ok = ?" : "") + " ORDER BY r.started_at DESC, r.id DESC LIMIT ?")
                .params(failedOnly ? new Object[] {checkId, false, limit} : new Object[] {checkId, limit})
                .query(this::result)
                .list();
    }

    Optional<CheckResult> find(long checkId, long resultId) {
        return jdbc.sql(
                        "SELECT " + COLUMNS
                                + " FROM checks_result r JOIN checks_check c ON c.id = r.check_id WHERE r.check_id = ? AND r.id = ?")
                .params(checkId, resultId)
                .query(this::result)
                .optional();
    }

    List<CheckResult> forVerification(long verificationId, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM checks_result r JOIN checks_check c ON c.id = r.check_id"
                        + " WHERE r.verification_id = ? ORDER BY r.started_at DESC, r.id DESC LIMIT ?")
                .params(verificationId, limit)
                .query(this::result)
                .list();
    }

    /** Runs, failures and latency of a check over a time range, from raw results and hourly aggregates. */
    record Uptime(long runs, long failures, double avgMs, double maxMs) {

        public Double percent() {
            return runs == 0 ? null : 100.0 * (runs - failures) / runs;
        }
    }

    /**
     * Whole hours before the raw results' retention come from the aggregates, the rest from raw
     * results, so a 30-day uptime costs a few hundred rows, not millions.
     */
    Uptime uptime(long checkId, Instant from, Instant to, Instant rawSince) {
        long split = Math.max(from.toEpochMilli(), hourStart(rawSince.toEpochMilli()) + 3_600_000L);
        Totals raw = jdbc.sql("""
                SELECT count(*), COALESCE(sum(CASE WHEN ok THEN 0 ELSE 1 END), 0), COALESCE(sum(duration_ms), 0),
                    COALESCE(max(duration_ms), 0)
                FROM checks_result WHERE check_id = ? AND started_at >= ? AND started_at < ?""")
                .params(checkId, split, to.toEpochMilli())
                .query(ResultRepository::totals)
                .single();
        Totals hourly = split <= from.toEpochMilli()
                ? new Totals(0, 0, 0, 0)
                : jdbc.sql("""
                        SELECT COALESCE(sum(runs), 0), COALESCE(sum(failures), 0), COALESCE(sum(total_ms), 0),
                            COALESCE(max(max_ms), 0)
                        FROM checks_hourly WHERE check_id = ? AND hour_start >= ? AND hour_start < ?""")
                        .params(checkId, hourStart(from.toEpochMilli()), split)
                        .query(ResultRepository::totals)
                        .single();
        long runs = raw.runs() + hourly.runs();
        return new Uptime(
                runs,
                raw.failures() + hourly.failures(),
                runs == 0 ? 0 : (raw.totalMs() + hourly.totalMs()) / runs,
                Math.max(raw.maxMs(), hourly.maxMs()));
    }

    private record Totals(long runs, long failures, double totalMs, double maxMs) {}

    private static Totals totals(ResultSet rs, int n) throws SQLException {
        return new Totals(rs.getLong(1), rs.getLong(2), rs.getDouble(3), rs.getDouble(4));
    }

    /** One point of a latency chart: a time bucket with its average and worst duration and its failures. */
    record Point(long at, double avgMs, double maxMs, long runs, long failures) {}

    List<Point> latency(long checkId, Instant from, Instant to, long bucketMillis, boolean hourly) {
        if (hourly) {
            return jdbc.sql("""
                    SELECT hour_start / ? * ? AS bucket, sum(total_ms) / sum(runs), max(max_ms), sum(runs), sum(failures)
                    FROM checks_hourly WHERE check_id = ? AND hour_start >= ? AND hour_start < ?
                    GROUP BY 1 ORDER BY 1""")
                    .params(bucketMillis, bucketMillis, checkId, from.toEpochMilli(), to.toEpochMilli())
                    .query(this::point)
                    .list();
        }
        return jdbc.sql("""
                SELECT started_at / ? * ? AS bucket, avg(duration_ms), max(duration_ms), count(*),
                    sum(CASE WHEN ok THEN 0 ELSE 1 END)
                FROM checks_result WHERE check_id = ? AND started_at >= ? AND started_at < ?
                GROUP BY 1 ORDER BY 1""")
                .params(bucketMillis, bucketMillis, checkId, from.toEpochMilli(), to.toEpochMilli())
                .query(this::point)
                .list();
    }

    private Point point(ResultSet rs, int n) throws SQLException {
        return new Point(rs.getLong(1), rs.getDouble(2), rs.getDouble(3), rs.getLong(4), rs.getLong(5));
    }

    // --- aggregation and retention ---

    long rollupUntil() {
        return jdbc.sql("SELECT until_ms FROM checks_rollup WHERE name = 'hourly'")
                .query(Long.class)
                .optional()
                .orElse(0L);
    }

    /** Folds the raw results of the whole hours in [from, to) into hourly aggregates. */
    int rollup(long from, long to) {
        int rows = jdbc.sql("""
                INSERT INTO checks_hourly (check_id, hour_start, runs, failures, total_ms, min_ms, max_ms)
                SELECT check_id, started_at / 3600000 * 3600000, count(*), sum(CASE WHEN ok THEN 0 ELSE 1 END),
                    sum(duration_ms), min(duration_ms), max(duration_ms)
                FROM checks_result WHERE started_at >= ? AND started_at < ?
                GROUP BY check_id, started_at / 3600000 * 3600000
                ON CONFLICT (check_id, hour_start) DO UPDATE SET runs = excluded.runs, failures = excluded.failures,
                    total_ms = excluded.total_ms, min_ms = excluded.min_ms, max_ms = excluded.max_ms""").params(from, to).update();
        jdbc.sql("""
                INSERT INTO checks_rollup (name, until_ms) VALUES ('hourly', ?)
                ON CONFLICT (name) DO UPDATE SET until_ms = excluded.until_ms""").param(to).update();
        return rows;
    }

    /** Deletes up to {@code limit} raw results older than {@code cutoff}; returns how many. */
    int deleteRawBefore(long cutoff, int limit) {
        return jdbc.sql(
                        "DELETE FROM checks_result WHERE id IN (SELECT id FROM checks_result WHERE started_at < ? LIMIT ?)")
                .params(cutoff, limit)
                .update();
    }

    int deleteHourlyBefore(long cutoff) {
        return jdbc.sql("DELETE FROM checks_hourly WHERE hour_start < ?")
                .param(cutoff)
                .update();
    }

    /** The oldest raw result's start, for the retention job to know where to begin. */
    Optional<Long> oldestResult() {
        return jdbc.sql("SELECT min(started_at) FROM checks_result")
                .query(Long.class)
                .optional();
    }

    private CheckResult result(ResultSet rs, int n) throws SQLException {
        return new CheckResult(
                rs.getLong("id"),
                rs.getLong("check_id"),
                rs.getString("check_name"),
                Columns.nullableInstant(rs, "scheduled_at"),
                Columns.instant(rs, "started_at"),
                rs.getDouble("duration_ms"),
                rs.getBoolean("ok"),
                rs.getString("origin"),
                Columns.nullableLong(rs, "verification_id"),
                rs.getString("failed_step"),
                rs.getString("failure"),
                JSON.readValue(rs.getString("steps"), STEPS));
    }

    static long hourStart(long millis) {
        return Math.floorDiv(millis, 3_600_000L) * 3_600_000L;
    }
}
