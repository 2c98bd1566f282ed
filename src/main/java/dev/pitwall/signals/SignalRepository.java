package dev.pitwall.signals;

import dev.pitwall.system.Columns;
import dev.pitwall.system.Dialect;
import dev.pitwall.system.FlatJson;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.SqlTypeValue;
import org.springframework.jdbc.core.StatementCreatorUtils;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

@Repository
class SignalRepository {

    /** Serialises every write to signals on PostgreSQL: folds on all nodes and check signals. */
    private static final long SIGNAL_WRITE_LOCK = 5_000_001L;

    private static final int IN_CHUNK = 500;
    private static final int KEY_CHUNK = 5000;
    /** SQLite page cache of the folding connection, in KiB (negative, as SQLite writes it). */
    private static final int FOLD_CACHE_KIB = -32 * 1024;

    private static final int INSERT_CHUNK = 100;
    private static final TypeReference<TreeMap<String, String>> LABELS = new TypeReference<>() {};
    private static final TypeReference<List<SignalView.Link>> LINKS = new TypeReference<>() {};
    private static final TypeReference<List<SignalView.Image>> IMAGES = new TypeReference<>() {};

    private static final String COLUMNS = "fingerprint, source, status, severity, title, description, service,"
            + " environment, labels, links, images, details, started_at, first_seen_at, last_seen_at,"
            + " acknowledged_at, resolved_at, seen_count, report_customer, report_text, report_customers_affected,"
            + " report_widespread, check_id, check_name, check_url, check_critical, check_reason, check_change_id,"
            + " check_change, check_change_finished_at";
    private static final int COLUMN_COUNT = 30;

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final Dialect dialect;
    private final JsonMapper json;

    SignalRepository(JdbcClient jdbc, JdbcTemplate template, Dialect dialect, JsonMapper json) {
        this.jdbc = jdbc;
        this.template = template;
        this.dialect = dialect;
        this.json = json;
    }

    record Filter(
            SignalStatus status,
            SignalSource source,
            Severity severity,
            String service,
            String environment,
            String text,
            Long beforeId,
            int limit) {}

    // ---------------------------------------------------------------- signals

    /**
     * Takes the right to write signals for the current transaction. On PostgreSQL several nodes
     * fold at once; an advisory lock held until commit makes their folds (and check signals) run one
     * after another, so each sees what the previous one wrote. SQLite has a single writer already.
     *
     * @param wait wait for the lock, or give up at once when another node holds it
     */
    boolean lockSignalWrites(boolean wait) {
        if (dialect != Dialect.POSTGRESQL) {
            return true;
        }
        if (wait) {
            jdbc.sql("SELECT pg_advisory_xact_lock(?)")
                    .param(SIGNAL_WRITE_LOCK)
                    .query()
                    .singleRow();
            return true;
        }
        return Boolean.TRUE.equals(jdbc.sql("SELECT pg_try_advisory_xact_lock(?)")
                .param(SIGNAL_WRITE_LOCK)
                .query(Boolean.class)
                .single());
    }

    /**
     * The stored signals with these fingerprints. The keys travel as one parameter (a JSON array on
     * SQLite, an array on PostgreSQL), so the statement stays short and quick to prepare however many
     * there are.
     */
    Map<String, SignalState> findByFingerprints(Collection<String> fingerprints) {
        growPageCache();
        Map<String, SignalState> found = new HashMap<>();
        List<String> all = new ArrayList<>(fingerprints);
        for (int from = 0; from < all.size(); from += KEY_CHUNK) {
            List<String> chunk = all.subList(from, Math.min(all.size(), from + KEY_CHUNK));
            if (dialect == Dialect.POSTGRESQL) {
                template.query(
                        connection -> {
                            PreparedStatement statement = connection.prepareStatement(
                                    "SELECT * FROM signals_signal WHERE fingerprint = ANY (?)");
                            statement.setArray(1, connection.createArrayOf("text", chunk.toArray()));
                            return statement;
                        },
                        (ResultSet rs) -> {
                            SignalState state = state(rs, 0);
                            found.put(state.fingerprint, state);
                        });
            } else {
                jdbc.sql("SELECT * FROM signals_signal WHERE fingerprint IN (SELECT value FROM json_each(?))")
                        .param(json.writeValueAsString(chunk))
                        .query(this::state)
                        .list()
                        .forEach(state -> found.put(state.fingerprint, state));
            }
        }
        return found;
    }

    /**
     * Gives the SQLite connection that folds a page cache big enough for the fingerprint index,
     * whose inserts land on random pages: with SQLite's default 2 MB most of them were a read from
     * the file. The setting lives with the connection, so it is checked on every fold.
     */
    private void growPageCache() {
        if (dialect != Dialect.SQLITE) {
            return;
        }
        Integer cache = jdbc.sql("PRAGMA cache_size").query(Integer.class).single();
        if (cache != null && cache > FOLD_CACHE_KIB && cache < 0) {
            jdbc.sql("PRAGMA cache_size = " + FOLD_CACHE_KIB).update();
        }
    }

    /**
     * Inserts new signals and sets their ids. The upsert makes a concurrent insert of the same
     * fingerprint (which the write lock should already prevent) add to the count instead of failing.
     * SQLite runs one prepared single-row statement per signal, which costs less than preparing a
     * statement with thousands of parameters; PostgreSQL takes many rows per statement to save
     * round trips.
     */
    void insert(List<SignalState> states) {
        if (states.isEmpty()) {
            return;
        }
        if (dialect == Dialect.SQLITE) {
            template.execute((ConnectionCallback<Void>) connection -> {
                try (PreparedStatement insert = connection.prepareStatement(INSERT + row(1) + UPSERT)) {
                    for (SignalState state : states) {
                        List<Object> params = new ArrayList<>(COLUMN_COUNT);
                        params.add(state.fingerprint);
                        addValues(params, state);
                        for (int i = 0; i < params.size(); i++) {
                            StatementCreatorUtils.setParameterValue(
                                    insert, i + 1, SqlTypeValue.TYPE_UNKNOWN, params.get(i));
                        }
                        try (ResultSet rs = insert.executeQuery()) {
                            rs.next();
                            state.id = rs.getLong("id");
                        }
                    }
                }
                return null;
            });
            return;
        }
        for (int from = 0; from < states.size(); from += INSERT_CHUNK) {
            List<SignalState> chunk = states.subList(from, Math.min(states.size(), from + INSERT_CHUNK));
            List<Object> params = new ArrayList<>(chunk.size() * COLUMN_COUNT);
            for (SignalState state : chunk) {
                params.add(state.fingerprint);
                addValues(params, state);
            }
            Map<String, Long> ids = new HashMap<>();
            jdbc.sql(INSERT + row(chunk.size()) + UPSERT)
                    .params(params)
                    .query((rs, n) -> ids.put(rs.getString("fingerprint"), rs.getLong("id")))
                    .list();
            for (SignalState state : chunk) {
                state.id = ids.get(state.fingerprint);
            }
        }
    }

    private static final String INSERT = "INSERT INTO signals_signal (" + COLUMNS + ") VALUES ";
    private static final String UPSERT = """
             ON CONFLICT (fingerprint) DO UPDATE SET status = excluded.status, severity = excluded.severity,
             title = excluded.title, description = excluded.description, service = excluded.service,
             environment = excluded.environment, labels = excluded.labels, links = excluded.links,
             images = excluded.images, details = excluded.details, last_seen_at = excluded.last_seen_at,
             acknowledged_at = excluded.acknowledged_at, resolved_at = excluded.resolved_at,
             seen_count = signals_signal.seen_count + excluded.seen_count
             RETURNING id, fingerprint""";

    private static String row(int rows) {
        String one = "(" + placeholders(COLUMN_COUNT) + ")";
        return one + ("," + one).repeat(rows - 1);
    }

    /**
     * Writes changed signals back. A repeat that changed nothing but the count and the last-seen
     * time (the common case: the same alert again) writes just those two.
     */
    void update(List<SignalState> states) {
        List<Object[]> rows = new ArrayList<>(states.size());
        List<Object[]> repeats = new ArrayList<>(states.size());
        for (SignalState state : states) {
            if (!state.changed) {
                repeats.add(new Object[] {state.count, Columns.millis(state.lastSeenAt), state.id});
                continue;
            }
            List<Object> params = new ArrayList<>(COLUMN_COUNT);
            addValues(params, state);
            params.add(state.id);
            rows.add(params.toArray());
        }
        if (!repeats.isEmpty()) {
            template.batchUpdate("UPDATE signals_signal SET seen_count = ?, last_seen_at = ? WHERE id = ?", repeats);
        }
        if (rows.isEmpty()) {
            return;
        }
        template.batchUpdate("""
                UPDATE signals_signal SET source = ?, status = ?, severity = ?, title = ?, description = ?,
                service = ?, environment = ?, labels = ?, links = ?, images = ?, details = ?, started_at = ?,
                first_seen_at = ?, last_seen_at = ?, acknowledged_at = ?, resolved_at = ?, seen_count = ?,
                report_customer = ?, report_text = ?, report_customers_affected = ?, report_widespread = ?,
                check_id = ?, check_name = ?, check_url = ?, check_critical = ?, check_reason = ?,
                check_change_id = ?, check_change = ?, check_change_finished_at = ? WHERE id = ?""", rows);
    }

    /** Every column after the fingerprint, in the order of {@link #COLUMNS}. */
    private void addValues(List<Object> params, SignalState s) {
        params.add(s.source.label());
        params.add(s.status.label());
        params.add(s.severity.label());
        params.add(s.title);
        params.add(s.description);
        params.add(s.service);
        params.add(s.environment);
        params.add(labelsJson(s.labels));
        params.add(s.links.isEmpty() ? "[]" : linksJson(s.links));
        params.add(s.images.isEmpty() ? "[]" : json.writeValueAsString(s.images));
        params.add(s.details);
        params.add(Columns.millis(s.startedAt));
        params.add(Columns.millis(s.firstSeenAt));
        params.add(Columns.millis(s.lastSeenAt));
        params.add(Columns.millis(s.acknowledgedAt));
        params.add(Columns.millis(s.resolvedAt));
        params.add(s.count);
        SignalUpdate.Report r = s.report;
        params.add(r == null ? null : r.customerId());
        params.add(r == null ? null : r.text());
        params.add(r == null ? null : r.customersAffected());
        params.add(r == null ? null : r.widespread());
        SignalUpdate.CheckContext c = s.check;
        params.add(c == null ? null : c.checkId());
        params.add(c == null ? null : c.checkName());
        params.add(c == null ? null : c.url());
        params.add(c == null ? null : c.critical());
        params.add(c == null ? null : c.reason());
        params.add(c == null ? null : c.changeId());
        params.add(c == null ? null : c.change());
        params.add(c == null ? null : Columns.millis(c.changeFinishedAt()));
    }

    /** What Jackson writes for the links ({@code href}, then {@code text}), written by hand: every alert has one. */
    private static String linksJson(List<SignalView.Link> links) {
        List<Map<String, String>> objects = new ArrayList<>(links.size());
        for (SignalView.Link link : links) {
            Map<String, String> object = new LinkedHashMap<>();
            object.put("href", link.href());
            object.put("text", link.text());
            objects.add(object);
        }
        return FlatJson.objects(objects);
    }

    private String labelsJson(Map<String, String> labels) {
        if (labels.isEmpty()) {
            return "{}";
        }
        return FlatJson.object(labels instanceof TreeMap ? labels : new TreeMap<>(labels));
    }

    Optional<SignalView> find(long id) {
        return jdbc.sql("SELECT * FROM signals_signal WHERE id = ?")
                .param(id)
                .query(this::state)
                .optional()
                .map(SignalState::view);
    }

    List<SignalView> find(Collection<Long> ids) {
        List<SignalView> found = new ArrayList<>();
        List<Long> all = new ArrayList<>(ids);
        for (int from = 0; from < all.size(); from += IN_CHUNK) {
            List<Long> chunk = all.subList(from, Math.min(all.size(), from + IN_CHUNK));
            jdbc.sql("SELECT * FROM signals_signal WHERE id IN (" + placeholders(chunk.size()) + ") ORDER BY id")
                    .params(chunk)
                    .query(this::state)
                    .list()
                    .forEach(s -> found.add(s.view()));
        }
        return found;
    }

    Optional<SignalView> findByFingerprint(String fingerprint) {
        return jdbc.sql("SELECT * FROM signals_signal WHERE fingerprint = ?")
                .param(fingerprint)
                .query(this::state)
                .optional()
                .map(SignalState::view);
    }

    /**
     * Newest first (by id, which keeps pages stable while signals repeat); a page ends before the id
     * of the previous page's last row.
     */
    List<SignalView> list(Filter filter) {
        StringBuilder sql = new StringBuilder("SELECT * FROM signals_signal WHERE 1 = 1");
        List<Object> params = new ArrayList<>();
        if (filter.status() != null) {
            sql.append(" AND status = ?");
            params.add(filter.status().label());
        }
        if (filter.source() != null) {
            sql.append(" AND source = ?");
            params.add(filter.source().label());
        }
        if (filter.severity() != null) {
            sql.append(" AND severity = ?");
            params.add(filter.severity().label());
        }
        if (filter.service() != null) {
            sql.append(" AND lower(service) = ?");
            params.add(filter.service().toLowerCase(Locale.ROOT));
        }
        if (filter.environment() != null) {
            sql.append(" AND lower(environment) = ?");
            params.add(filter.environment().toLowerCase(Locale.ROOT));
        }
        if (filter.text() != null) {
            sql.append(" AND lower(title) LIKE ? ESCAPE '\\'");
            params.add("%" + escapeLike(filter.text().toLowerCase(Locale.ROOT)) + "%");
        }
        if (filter.beforeId() != null) {
            sql.append(" AND id < ?");
            params.add(filter.beforeId());
        }
        sql.append(" ORDER BY id DESC LIMIT ?");
        params.add(filter.limit());
        return jdbc.sql(sql.toString()).params(params).query(this::state).list().stream()
                .map(SignalState::view)
                .toList();
    }

    record Counts(long firing, long acknowledged, long resolved) {}

    Counts counts() {
        Map<String, Long> byStatus = new HashMap<>();
        jdbc.sql("SELECT status, count(*) AS n FROM signals_signal GROUP BY status")
                .query((rs, n) -> byStatus.put(rs.getString("status"), rs.getLong("n")))
                .list();
        return new Counts(
                byStatus.getOrDefault("firing", 0L),
                byStatus.getOrDefault("acknowledged", 0L),
                byStatus.getOrDefault("resolved", 0L));
    }

    List<String> services() {
        return jdbc.sql("SELECT DISTINCT service FROM signals_signal WHERE service IS NOT NULL ORDER BY service")
                .query(String.class)
                .list();
    }

    private SignalState state(ResultSet rs, int row) throws SQLException {
        SignalState s = new SignalState(rs.getString("fingerprint"));
        s.id = rs.getLong("id");
        s.source = SignalSource.valueOf(rs.getString("source").toUpperCase(Locale.ROOT));
        s.status = SignalStatus.valueOf(rs.getString("status").toUpperCase(Locale.ROOT));
        s.severity = Severity.valueOf(rs.getString("severity").toUpperCase(Locale.ROOT));
        s.title = rs.getString("title");
        s.description = rs.getString("description");
        s.service = rs.getString("service");
        s.environment = rs.getString("environment");
        String labels = rs.getString("labels");
        s.labels = labels == null || labels.equals("{}") ? Map.of() : json.readValue(labels, LABELS);
        String links = rs.getString("links");
        s.links = links == null || links.equals("[]") ? List.of() : json.readValue(links, LINKS);
        String images = rs.getString("images");
        s.images = images == null || images.equals("[]") ? List.of() : json.readValue(images, IMAGES);
        s.details = rs.getString("details");
        s.startedAt = Columns.instant(rs, "started_at");
        s.firstSeenAt = Columns.instant(rs, "first_seen_at");
        s.lastSeenAt = Columns.instant(rs, "last_seen_at");
        s.acknowledgedAt = Columns.nullableInstant(rs, "acknowledged_at");
        s.resolvedAt = Columns.nullableInstant(rs, "resolved_at");
        s.count = rs.getLong("seen_count");
        String reportText = rs.getString("report_text");
        if (reportText != null) {
            Integer affected = Columns.nullableInt(rs, "report_customers_affected");
            s.report = new SignalUpdate.Report(
                    rs.getString("report_customer"),
                    reportText,
                    affected == null ? 1 : affected,
                    rs.getBoolean("report_widespread"));
        }
        Long checkId = Columns.nullableLong(rs, "check_id");
        if (checkId != null) {
            s.check = new SignalUpdate.CheckContext(
                    checkId,
                    rs.getString("check_name"),
                    rs.getString("check_url"),
                    rs.getBoolean("check_critical"),
                    rs.getString("check_reason"),
                    Columns.nullableLong(rs, "check_change_id"),
                    rs.getString("check_change"),
                    Columns.nullableInstant(rs, "check_change_finished_at"));
        }
        return s;
    }

    // ---------------------------------------------------------------- the fold's progress (SQLite)

    long foldedPosition() {
        return jdbc.sql("SELECT position FROM signals_fold_state WHERE id = 1")
                .query(Long.class)
                .single();
    }

    void setFoldedPosition(long position) {
        jdbc.sql("UPDATE signals_fold_state SET position = ? WHERE id = 1")
                .param(position)
                .update();
    }

    /** Keeps an intake entry that cannot be folded, so that it is neither lost nor blocking the rest. */
    void reject(long position, byte[] records, String error, Instant now) {
        jdbc.sql("INSERT INTO signals_intake_rejected (position, records, error, rejected_at) VALUES (?, ?, ?, ?)")
                .params(position, records, error, now.toEpochMilli())
                .update();
    }

    long rejectedCount() {
        return jdbc.sql("SELECT count(*) FROM signals_intake_rejected")
                .query(Long.class)
                .single();
    }

    // ---------------------------------------------------------------- the intake log table (PostgreSQL)

    long[] appendIntake(List<byte[]> entries, int[] recordCounts, long receivedAt) {
        List<Long> positions = new ArrayList<>(jdbc.sql(
                        "SELECT nextval(pg_get_serial_sequence('signals_intake_log', 'position')) FROM generate_series(1, ?)")
                .param(entries.size())
                .query(Long.class)
                .list());
        positions.sort(null);
        List<Object[]> rows = new ArrayList<>(entries.size());
        long[] result = new long[entries.size()];
        for (int i = 0; i < entries.size(); i++) {
            result[i] = positions.get(i);
            rows.add(new Object[] {positions.get(i), receivedAt, recordCounts[i], entries.get(i)});
        }
        template.batchUpdate(
                "INSERT INTO signals_intake_log (position, received_at, record_count, records) VALUES (?, ?, ?, ?)",
                rows);
        return result;
    }

    List<IntakeLog.Entry> unfoldedIntake(int maxRecords, int maxEntries) {
        List<IntakeLog.Entry> entries = new ArrayList<>();
        int[] records = {0};
        jdbc.sql("SELECT position, record_count, records FROM signals_intake_log ORDER BY position LIMIT ?")
                .param(maxEntries)
                .query(rs -> {
                    if (entries.isEmpty() || records[0] < maxRecords) {
                        IntakeLog.Entry entry = new IntakeLog.Entry(
                                rs.getLong("position"), rs.getInt("record_count"), rs.getBytes("records"));
                        entries.add(entry);
                        records[0] += entry.recordCount();
                    }
                });
        return entries;
    }

    void deleteIntake(long[] positions) {
        template.update(connection -> {
            PreparedStatement statement =
                    connection.prepareStatement("DELETE FROM signals_intake_log WHERE position = ANY (?)");
            Long[] boxed = new Long[positions.length];
            for (int i = 0; i < positions.length; i++) {
                boxed[i] = positions[i];
            }
            Array array = connection.createArrayOf("bigint", boxed);
            statement.setArray(1, array);
            return statement;
        });
    }

    boolean isIntakeFolded(long position) {
        return jdbc.sql("SELECT count(*) FROM signals_intake_log WHERE position = ?")
                        .param(position)
                        .query(Long.class)
                        .single()
                == 0;
    }

    long intakeBacklog() {
        return jdbc.sql("SELECT coalesce(sum(record_count), 0) FROM signals_intake_log")
                .query(Long.class)
                .single();
    }

    private static String placeholders(int n) {
        return "?" + ",?".repeat(n - 1);
    }

    private static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
