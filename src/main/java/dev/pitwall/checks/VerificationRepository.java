package dev.pitwall.checks;

import dev.pitwall.system.Columns;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Post-deploy verifications and the checks each one watches. */
@Repository
class VerificationRepository {

    private final JdbcClient jdbc;

    VerificationRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long insert(
            long changeId,
            String service,
            String environment,
            String kind,
            String version,
            String previousVersion,
            String label,
            Instant finishedAt,
            Instant startedAt,
            Instant endsAt,
            Verification.Status status,
            String summary,
            int rounds) {
        return jdbc.sql("""
                INSERT INTO checks_verification (change_id, service, environment, change_kind, version, previous_version,
                    change_label, change_finished_at, started_at, ends_at, status, summary, rounds, ended_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""")
                .params(
                        changeId,
                        service,
                        environment,
                        kind,
                        version,
                        previousVersion,
                        label,
                        finishedAt.toEpochMilli(),
                        startedAt.toEpochMilli(),
                        endsAt.toEpochMilli(),
                        status.label(),
                        summary,
                        rounds,
                        status == Verification.Status.RUNNING ? null : startedAt.toEpochMilli(),
                        startedAt.toEpochMilli())
                .query(Long.class)
                .single();
    }

    void insertCheck(long verificationId, StoredCheck check) {
        jdbc.sql("""
                INSERT INTO checks_verification_check (verification_id, check_id, check_name, critical, fail_after)
                VALUES (?, ?, ?, ?, ?)""")
                .params(
                        verificationId,
                        check.id(),
                        check.definition().name(),
                        check.definition().critical(),
                        check.definition().failAfter())
                .update();
    }

    boolean existsForChange(long changeId) {
        return jdbc.sql("SELECT count(*) FROM checks_verification WHERE change_id = ?")
                        .param(changeId)
                        .query(Long.class)
                        .single()
                > 0;
    }

    Optional<Verification> find(long id) {
        return jdbc.sql("SELECT * FROM checks_verification WHERE id = ?")
                .param(id)
                .query(this::verification)
                .optional();
    }

    Optional<Verification> findByChange(long changeId) {
        return jdbc.sql("SELECT * FROM checks_verification WHERE change_id = ?")
                .param(changeId)
                .query(this::verification)
                .optional();
    }

    List<Verification> recent(int limit) {
        return jdbc.sql("SELECT * FROM checks_verification ORDER BY started_at DESC, id DESC LIMIT ?")
                .param(limit)
                .query(this::verification)
                .list();
    }

    List<Verification> running() {
        return jdbc.sql("SELECT * FROM checks_verification WHERE status = 'running' ORDER BY started_at")
                .query(this::verification)
                .list();
    }

    /** Running verifications of a service in an environment, oldest first. */
    List<Verification> runningFor(String service, String environment) {
        return jdbc.sql("""
                SELECT * FROM checks_verification WHERE status = 'running' AND lower(service) = lower(?)
                    AND lower(environment) = lower(?) ORDER BY started_at""")
                .params(service, environment)
                .query(this::verification)
                .list();
    }

    /**
     * For each of these checks that a running verification watches, the newest such verification
     * (an older one of the same check has been superseded by the later change).
     */
    Map<Long, Verification> runningWatching(Collection<Long> checkIds) {
        Map<Long, Verification> watching = new HashMap<>();
        if (checkIds.isEmpty()) {
            return watching;
        }
        Map<Long, Verification> byId = new HashMap<>();
        for (Verification v : running()) {
            byId.put(v.id(), v);
        }
        if (byId.isEmpty()) {
            return watching;
        }
        for (List<Long> chunk : CheckRepository.chunks(checkIds)) {
            jdbc.sql("""
                    SELECT vc.check_id, vc.verification_id FROM checks_verification_check vc
                    JOIN checks_verification v ON v.id = vc.verification_id
                    WHERE v.status = 'running' AND vc.check_id IN (""" + CheckRepository.marks(chunk.size()) + ")")
                    .params(chunk.toArray())
                    .query(rs -> {
                        Verification v = byId.get(rs.getLong(2));
                        if (v != null) {
                            watching.merge(
                                    rs.getLong(1), v, (a, b) -> a.startedAt().isAfter(b.startedAt()) ? a : b);
                        }
                    });
        }
        return watching;
    }

    List<VerifiedCheck> checks(long verificationId) {
        return jdbc.sql("SELECT * FROM checks_verification_check WHERE verification_id = ? ORDER BY check_name")
                .param(verificationId)
                .query(this::verifiedCheck)
                .list();
    }

    void save(VerifiedCheck c) {
        jdbc.sql("""
                UPDATE checks_verification_check SET results = ?, failures = ?, consecutive_failures = ?, last_round = ?,
                    last_ok = ?, last_result_at = ?, last_failure = ?
                WHERE verification_id = ? AND check_id = ?""")
                .params(
                        c.results(),
                        c.failures(),
                        c.consecutiveFailures(),
                        c.lastRound(),
                        c.lastOk(),
                        Columns.millis(c.lastResultAt()),
                        c.lastFailure(),
                        c.verificationId(),
                        c.checkId())
                .update();
    }

    /** Starts the next round; returns its number, or empty when the verification is no longer running. */
    Optional<Integer> nextRound(long id, Instant now) {
        int updated = jdbc.sql(
                        "UPDATE checks_verification SET rounds = rounds + 1, updated_at = ? WHERE id = ? AND status = 'running'")
                .params(now.toEpochMilli(), id)
                .update();
        if (updated == 0) {
            return Optional.empty();
        }
        return jdbc.sql("SELECT rounds FROM checks_verification WHERE id = ?")
                .param(id)
                .query(Integer.class)
                .optional();
    }

    void firstPass(long id, Instant at) {
        jdbc.sql(
                        "UPDATE checks_verification SET first_pass_at = ?, updated_at = ? WHERE id = ? AND first_pass_at IS NULL")
                .params(at.toEpochMilli(), at.toEpochMilli(), id)
                .update();
    }

    /** Marks a running verification failed; false when it had already ended. */
    boolean fail(long id, Instant at, long checkId, String failure, String summary, String hookUrl) {
        return jdbc.sql("""
                UPDATE checks_verification SET status = 'failed', failed_at = ?, failed_check_id = ?, failure = ?,
                    summary = ?, ended_at = ?, hook_url = ?, hook_state = ?, updated_at = ?
                WHERE id = ? AND status = 'running'""")
                        .params(
                                at.toEpochMilli(),
                                checkId,
                                failure,
                                summary,
                                at.toEpochMilli(),
                                hookUrl,
                                hookUrl == null ? "none" : "pending",
                                at.toEpochMilli(),
                                id)
                        .update()
                > 0;
    }

    /** Marks a running verification passed; false when it had already ended. */
    boolean pass(long id, Instant at, String summary) {
        return jdbc.sql("""
                UPDATE checks_verification SET status = 'passed', summary = ?, ended_at = ?, updated_at = ?
                WHERE id = ? AND status = 'running'""")
                        .params(summary, at.toEpochMilli(), at.toEpochMilli(), id)
                        .update()
                > 0;
    }

    void hookAttempt(long id, String state, Integer statusCode, String reply, String error, Instant at) {
        jdbc.sql("""
                UPDATE checks_verification SET hook_state = ?, hook_attempts = hook_attempts + 1, hook_status_code = ?,
                    hook_reply = ?, hook_error = ?, hook_called_at = ?, updated_at = ?
                WHERE id = ?""")
                .params(state, statusCode, reply, error, at.toEpochMilli(), at.toEpochMilli(), id)
                .update();
    }

    private Verification verification(ResultSet rs, int n) throws SQLException {
        return new Verification(
                rs.getLong("id"),
                rs.getLong("change_id"),
                rs.getString("service"),
                rs.getString("environment"),
                rs.getString("change_kind"),
                rs.getString("version"),
                rs.getString("previous_version"),
                rs.getString("change_label"),
                Columns.instant(rs, "change_finished_at"),
                Columns.instant(rs, "started_at"),
                Columns.instant(rs, "ends_at"),
                Verification.Status.valueOf(rs.getString("status").toUpperCase()),
                rs.getString("summary"),
                rs.getInt("rounds"),
                Columns.nullableInstant(rs, "first_pass_at"),
                Columns.nullableInstant(rs, "failed_at"),
                Columns.nullableLong(rs, "failed_check_id"),
                rs.getString("failure"),
                Columns.nullableInstant(rs, "ended_at"),
                rs.getString("hook_url"),
                rs.getString("hook_state"),
                rs.getInt("hook_attempts"),
                Columns.nullableInt(rs, "hook_status_code"),
                rs.getString("hook_reply"),
                rs.getString("hook_error"),
                Columns.nullableInstant(rs, "hook_called_at"));
    }

    private VerifiedCheck verifiedCheck(ResultSet rs, int n) throws SQLException {
        boolean ok = rs.getBoolean("last_ok");
        Boolean lastOk = rs.wasNull() ? null : ok;
        return new VerifiedCheck(
                rs.getLong("verification_id"),
                rs.getLong("check_id"),
                rs.getString("check_name"),
                rs.getBoolean("critical"),
                rs.getInt("fail_after"),
                rs.getInt("results"),
                rs.getInt("failures"),
                rs.getInt("consecutive_failures"),
                rs.getInt("last_round"),
                lastOk,
                Columns.nullableInstant(rs, "last_result_at"),
                rs.getString("last_failure"));
    }
}
