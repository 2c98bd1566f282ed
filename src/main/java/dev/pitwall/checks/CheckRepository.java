package dev.pitwall.checks;

import dev.pitwall.system.Columns;
import dev.pitwall.system.ConfigErrors;
import dev.pitwall.system.Dialect;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** Checks, their standing, and the secret store. */
@Repository
class CheckRepository {

    private static final String COLUMNS = """
            id, name, definition, source, config_file, config_line, version, created_at, updated_at, created_by,
            updated_by""";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final Dialect dialect;

    CheckRepository(JdbcClient jdbc, JdbcTemplate template, Dialect dialect) {
        this.jdbc = jdbc;
        this.template = template;
        this.dialect = dialect;
    }

    long insert(
            CheckDefinition check, String source, String configFile, Integer configLine, String actor, Instant now) {
        long id = jdbc.sql("""
                INSERT INTO checks_check (name, service, environment, interval_ms, critical, paused, definition, source,
                    config_file, config_line, version, created_at, updated_at, created_by, updated_by)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?) RETURNING id""")
                .params(
                        check.name(),
                        check.service(),
                        check.environment(),
                        check.interval().toMillis(),
                        check.critical(),
                        check.paused(),
                        json(check),
                        source,
                        configFile,
                        configLine,
                        now.toEpochMilli(),
                        now.toEpochMilli(),
                        actor,
                        actor)
                .query(Long.class)
                .single();
        bumpRevision();
        return id;
    }

    void update(
            long id,
            CheckDefinition check,
            String source,
            String configFile,
            Integer configLine,
            String actor,
            Instant now) {
        jdbc.sql("""
                UPDATE checks_check SET name = ?, service = ?, environment = ?, interval_ms = ?, critical = ?, paused = ?,
                    definition = ?, source = ?, config_file = ?, config_line = ?, version = version + 1, updated_at = ?,
                    updated_by = ?
                WHERE id = ?""")
                .params(
                        check.name(),
                        check.service(),
                        check.environment(),
                        check.interval().toMillis(),
                        check.critical(),
                        check.paused(),
                        json(check),
                        source,
                        configFile,
                        configLine,
                        now.toEpochMilli(),
                        actor,
                        id)
                .update();
        bumpRevision();
    }

    /** Whether the stored definition (and origin) differs, so an unchanged reload writes nothing. */
    boolean same(StoredCheck stored, CheckDefinition check, String source, String configFile, Integer configLine) {
        return json(check).equals(json(stored.definition()))
                && source.equals(stored.source())
                && java.util.Objects.equals(configFile, stored.configFile())
                && java.util.Objects.equals(configLine, stored.configLine());
    }

    boolean delete(long id) {
        int deleted =
                jdbc.sql("DELETE FROM checks_check WHERE id = ?").param(id).update();
        bumpRevision();
        return deleted > 0;
    }

    Optional<StoredCheck> find(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM checks_check WHERE id = ?")
                .param(id)
                .query(this::stored)
                .optional();
    }

    Optional<StoredCheck> findByName(String name) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM checks_check WHERE lower(name) = lower(?)")
                .param(name.trim())
                .query(this::stored)
                .optional();
    }

    List<StoredCheck> all() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM checks_check ORDER BY lower(name)")
                .query(this::stored)
                .list();
    }

    List<StoredCheck> byIds(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        List<StoredCheck> found = new ArrayList<>();
        for (List<Long> chunk : chunks(ids)) {
            found.addAll(jdbc.sql("SELECT " + COLUMNS + " FROM checks_check WHERE id IN (" + marks(chunk.size()) + ")")
                    .params(chunk.toArray())
                    .query(this::stored)
                    .list());
        }
        return found;
    }

    /** Every check's id and version, for caches to see what changed. */
    Map<Long, Integer> versions() {
        Map<Long, Integer> versions = new HashMap<>();
        jdbc.sql("SELECT id, version FROM checks_check").query(rs -> {
            versions.put(rs.getLong(1), rs.getInt(2));
        });
        return versions;
    }

    /** Active checks of a service in an environment (names compared without regard to case). */
    List<StoredCheck> activeFor(Collection<String> services, String environment) {
        if (services.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT " + COLUMNS + " FROM checks_check WHERE lower(service) IN (" + marks(services.size())
                        + ") AND lower(environment) = lower(?) AND paused = ? ORDER BY lower(name)")
                .params(concat(services.stream().map(String::toLowerCase).toList(), environment, false))
                .query(this::stored)
                .list();
    }

    Map<String, Long> configChecks() {
        Map<String, Long> checks = new LinkedHashMap<>();
        jdbc.sql("SELECT name, id FROM checks_check WHERE source = 'config'").query(rs -> {
            checks.put(rs.getString(1).toLowerCase(), rs.getLong(2));
        });
        return checks;
    }

    long revision() {
        return jdbc.sql("SELECT revision FROM checks_revision WHERE id = 1")
                .query(Long.class)
                .single();
    }

    void bumpRevision() {
        jdbc.sql("UPDATE checks_revision SET revision = revision + 1 WHERE id = 1")
                .update();
    }

    // --- standing ---

    /**
     * The standing of these checks for an update in this transaction. On PostgreSQL the rows are
     * locked, because several nodes may write results of the same check at once.
     */
    Map<Long, CheckState> statesForUpdate(Collection<Long> ids) {
        Map<Long, CheckState> states = new HashMap<>();
        if (ids.isEmpty()) {
            return states;
        }
        String lock = dialect == Dialect.POSTGRESQL ? " FOR UPDATE" : "";
        for (List<Long> chunk : chunks(ids)) {
            jdbc.sql("SELECT * FROM checks_state WHERE check_id IN (" + marks(chunk.size()) + ") ORDER BY check_id"
                            + lock)
                    .params(chunk.toArray())
                    .query(rs -> {
                        states.put(rs.getLong("check_id"), state(rs));
                    });
        }
        return states;
    }

    Map<Long, CheckState> states() {
        Map<Long, CheckState> states = new HashMap<>();
        jdbc.sql("SELECT * FROM checks_state").query(rs -> {
            states.put(rs.getLong("check_id"), state(rs));
        });
        return states;
    }

    Optional<CheckState> state(long checkId) {
        return jdbc.sql("SELECT * FROM checks_state WHERE check_id = ?")
                .param(checkId)
                .query((rs, n) -> state(rs))
                .optional();
    }

    /** Saves the standing of many checks in one batch (the result writer's path). */
    void saveStates(Map<Long, CheckState> states) {
        if (states.isEmpty()) {
            return;
        }
        template.batchUpdate("""
                INSERT INTO checks_state (check_id, status, consecutive_failures, consecutive_successes, failing_since,
                    changed_at, last_result_at, last_ok, last_duration_ms, last_failure, open_change_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (check_id) DO UPDATE SET status = excluded.status,
                    consecutive_failures = excluded.consecutive_failures,
                    consecutive_successes = excluded.consecutive_successes, failing_since = excluded.failing_since,
                    changed_at = excluded.changed_at, last_result_at = excluded.last_result_at,
                    last_ok = excluded.last_ok, last_duration_ms = excluded.last_duration_ms,
                    last_failure = excluded.last_failure, open_change_id = excluded.open_change_id""", new ArrayList<>(states.entrySet()), 500, (ps, e) -> {
            CheckState s = e.getValue();
            ps.setLong(1, e.getKey());
            ps.setString(2, s.status().label());
            ps.setInt(3, s.consecutiveFailures());
            ps.setInt(4, s.consecutiveSuccesses());
            ps.setObject(5, Columns.millis(s.failingSince()), Types.BIGINT);
            ps.setObject(6, Columns.millis(s.changedAt()), Types.BIGINT);
            ps.setObject(7, Columns.millis(s.lastResultAt()), Types.BIGINT);
            ps.setObject(8, s.lastOk(), Types.BOOLEAN);
            ps.setObject(9, s.lastDurationMs(), Types.DOUBLE);
            ps.setString(10, s.lastFailure());
            ps.setObject(11, s.openChangeId(), Types.BIGINT);
        });
    }

    private static CheckState state(ResultSet rs) throws SQLException {
        boolean ok = rs.getBoolean("last_ok");
        Boolean lastOk = rs.wasNull() ? null : ok;
        double duration = rs.getDouble("last_duration_ms");
        Double lastDuration = rs.wasNull() ? null : duration;
        return new CheckState(
                CheckStatus.parse(rs.getString("status")),
                rs.getInt("consecutive_failures"),
                rs.getInt("consecutive_successes"),
                Columns.nullableInstant(rs, "failing_since"),
                Columns.nullableInstant(rs, "changed_at"),
                Columns.nullableInstant(rs, "last_result_at"),
                lastOk,
                lastDuration,
                rs.getString("last_failure"),
                Columns.nullableLong(rs, "open_change_id"));
    }

    // --- secrets ---

    record SecretEntry(String name, Instant updatedAt, String updatedBy) {}

    List<SecretEntry> secrets() {
        return jdbc.sql("SELECT name, updated_at, updated_by FROM checks_secret ORDER BY name")
                .query((rs, n) -> new SecretEntry(rs.getString(1), Columns.instant(rs, "updated_at"), rs.getString(3)))
                .list();
    }

    Map<String, String> sealedSecrets() {
        Map<String, String> sealed = new HashMap<>();
        jdbc.sql("SELECT name, sealed FROM checks_secret").query(rs -> {
            sealed.put(rs.getString(1), rs.getString(2));
        });
        return sealed;
    }

    void putSecret(String name, String sealed, String actor, Instant now) {
        jdbc.sql("""
                INSERT INTO checks_secret (name, sealed, updated_at, updated_by) VALUES (?, ?, ?, ?)
                ON CONFLICT (name) DO UPDATE SET sealed = excluded.sealed, updated_at = excluded.updated_at,
                    updated_by = excluded.updated_by""").params(name, sealed, now.toEpochMilli(), actor).update();
        bumpRevision();
    }

    boolean deleteSecret(String name) {
        int deleted =
                jdbc.sql("DELETE FROM checks_secret WHERE name = ?").param(name).update();
        bumpRevision();
        return deleted > 0;
    }

    // ---

    private StoredCheck stored(ResultSet rs, int row) throws SQLException {
        ConfigErrors errors = new ConfigErrors();
        List<CheckDefinition> parsed =
                CheckFormat.parseText("check " + rs.getLong("id"), rs.getString("definition"), errors);
        if (!errors.isEmpty() || parsed.size() != 1) {
            throw new IllegalStateException("Stored check " + rs.getLong("id") + " cannot be read: " + errors.all());
        }
        return new StoredCheck(
                rs.getLong("id"),
                parsed.getFirst(),
                rs.getString("source"),
                rs.getString("config_file"),
                Columns.nullableInt(rs, "config_line"),
                rs.getInt("version"),
                Columns.instant(rs, "created_at"),
                Columns.instant(rs, "updated_at"),
                rs.getString("created_by"),
                rs.getString("updated_by"));
    }

    static String json(CheckDefinition check) {
        return JSON.writeValueAsString(CheckFormat.toMap(check));
    }

    static String marks(int n) {
        return String.join(", ", Collections.nCopies(n, "?"));
    }

    static <T> List<List<T>> chunks(Collection<T> items) {
        List<List<T>> chunks = new ArrayList<>();
        List<T> current = new ArrayList<>();
        for (T item : items) {
            current.add(item);
            if (current.size() == 500) {
                chunks.add(current);
                current = new ArrayList<>();
            }
        }
        if (!current.isEmpty()) {
            chunks.add(current);
        }
        return chunks;
    }

    private static Object[] concat(List<String> values, Object... more) {
        List<Object> all = new ArrayList<>(values);
        all.addAll(List.of(more));
        return all.toArray();
    }
}
