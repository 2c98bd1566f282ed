package dev.pitwall.incidents;

import static dev.pitwall.incidents.IncidentRepository.chunks;

import dev.pitwall.signals.SignalStatus;
import dev.pitwall.signals.SignalUpdate;
import dev.pitwall.system.Columns;
import dev.pitwall.system.FlatJson;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/** The signals incidents know of (updated from SignalsUpdated) and their links to incidents. */
@Repository
class SignalLinkRepository {

    private static final int MAX_TEXT = 4000;

    /** What grouping needs of a signal it has seen before. */
    record Known(long signalId, Long incidentId, SignalStatus status) {}

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final JsonMapper json;
    private final ObjectReader labelsReader;

    SignalLinkRepository(JdbcClient jdbc, JdbcTemplate template, JsonMapper json) {
        this.jdbc = jdbc;
        this.template = template;
        this.json = json;
        this.labelsReader = json.readerFor(new TypeReference<Map<String, String>>() {});
    }

    Map<Long, Known> known(Collection<Long> signalIds) {
        Map<Long, Known> known = new HashMap<>();
        for (List<Long> chunk : chunks(signalIds)) {
            jdbc.sql("SELECT signal_id, incident_id, status FROM incidents_signal WHERE signal_id IN (:ids)")
                    .param("ids", chunk)
                    .query(rs -> {
                        known.put(
                                rs.getLong(1),
                                new Known(
                                        rs.getLong(1),
                                        Columns.nullableLong(rs, "incident_id"),
                                        SignalStatus.valueOf(rs.getString(3))));
                    });
        }
        return known;
    }

    /** Stores signals seen for the first time, each with its group key, not yet in an incident. */
    void insert(List<SignalUpdate> signals) {
        if (signals.isEmpty()) {
            return;
        }
        template.batchUpdate("""
                INSERT INTO incidents_signal (signal_id, fingerprint, source, severity, status, title, description,
                    service, environment, labels, group_key, customer_id, report_text, customers_affected, widespread,
                    check_name, check_url, change_id, change_text, signal_count, started_at, first_seen_at,
                    last_seen_at, resolved_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (signal_id) DO NOTHING""", signals, 500, (ps, s) -> {
            SignalUpdate.Report report = s.report();
            SignalUpdate.CheckContext check = s.check();
            ps.setLong(1, s.signalId());
            ps.setString(2, s.fingerprint());
            ps.setString(3, s.source().name());
            ps.setString(4, s.severity().name());
            ps.setString(5, s.status().name());
            ps.setString(6, cut(s.title()));
            ps.setString(7, cut(s.description()));
            ps.setString(8, s.service());
            ps.setString(9, s.environment());
            ps.setString(10, s.labels().isEmpty() ? null : FlatJson.object(s.labels()));
            ps.setString(11, Grouping.groupKey(s));
            ps.setString(12, report == null ? null : cut(report.customerId()));
            ps.setString(13, report == null ? null : cut(report.text()));
            ps.setObject(14, report == null ? null : report.customersAffected());
            ps.setBoolean(15, report != null && report.widespread());
            ps.setString(16, check == null ? null : cut(check.checkName()));
            ps.setString(17, check == null ? null : cut(check.url()));
            ps.setObject(18, check == null ? null : check.changeId());
            ps.setString(19, check == null ? null : cut(check.change()));
            ps.setLong(20, s.count());
            ps.setLong(21, startOf(s).toEpochMilli());
            ps.setLong(22, s.lastSeenAt().toEpochMilli());
            ps.setLong(23, s.lastSeenAt().toEpochMilli());
            ps.setObject(
                    24, s.status() == SignalStatus.RESOLVED ? s.lastSeenAt().toEpochMilli() : null);
        });
    }

    /** Brings signals seen before up to date: status, count, last seen, and what may have changed. */
    void update(List<SignalUpdate> signals) {
        if (signals.isEmpty()) {
            return;
        }
        template.batchUpdate("""
                UPDATE incidents_signal SET status = ?, severity = ?, title = ?, signal_count = ?,
                    last_seen_at = CASE WHEN last_seen_at > ? THEN last_seen_at ELSE ? END,
                    resolved_at = ?, started_at = CASE WHEN started_at < ? THEN started_at ELSE ? END
                WHERE signal_id = ?""", signals, 500, (ps, s) -> {
            long seen = s.lastSeenAt().toEpochMilli();
            long started = startOf(s).toEpochMilli();
            ps.setString(1, s.status().name());
            ps.setString(2, s.severity().name());
            ps.setString(3, cut(s.title()));
            ps.setLong(4, s.count());
            ps.setLong(5, seen);
            ps.setLong(6, seen);
            ps.setObject(7, s.status() == SignalStatus.RESOLVED ? seen : null);
            ps.setLong(8, started);
            ps.setLong(9, started);
            ps.setLong(10, s.signalId());
        });
    }

    /** Makes the signals part of the incident (now and in its history), each with its reason. */
    void attach(Map<Long, String> reasons, long incidentId, Instant now) {
        List<Map.Entry<Long, String>> rows = new ArrayList<>(reasons.entrySet());
        template.batchUpdate(
                "UPDATE incidents_signal SET incident_id = ? WHERE signal_id = ?", rows, 500, (ps, row) -> {
                    ps.setLong(1, incidentId);
                    ps.setLong(2, row.getKey());
                });
        template.batchUpdate(
                "INSERT INTO incidents_link (incident_id, signal_id, attached_at, reason) VALUES (?, ?, ?, ?)"
                        + " ON CONFLICT (incident_id, signal_id) DO NOTHING",
                rows,
                500,
                (ps, row) -> {
                    ps.setLong(1, incidentId);
                    ps.setLong(2, row.getKey());
                    ps.setLong(3, now.toEpochMilli());
                    ps.setString(4, cut(row.getValue()));
                });
    }

    /** Makes the signals part of the incident (now and in its history), with one reason. */
    void attach(Collection<Long> signalIds, long incidentId, String reason, Instant now) {
        for (List<Long> chunk : chunks(signalIds)) {
            jdbc.sql("UPDATE incidents_signal SET incident_id = :incident WHERE signal_id IN (:ids)")
                    .param("incident", incidentId)
                    .param("ids", chunk)
                    .update();
        }
        template.batchUpdate(
                "INSERT INTO incidents_link (incident_id, signal_id, attached_at, reason) VALUES (?, ?, ?, ?)"
                        + " ON CONFLICT (incident_id, signal_id) DO NOTHING",
                new ArrayList<>(signalIds),
                500,
                (ps, id) -> {
                    ps.setLong(1, incidentId);
                    ps.setLong(2, id);
                    ps.setLong(3, now.toEpochMilli());
                    ps.setString(4, cut(reason));
                });
    }

    /** Held signals of the given groups seen since {@code since} and not resolved, by group key. */
    Map<String, List<PendingSignal>> pending(Collection<String> groupKeys, Instant since, int limitPerBatch) {
        Map<String, List<PendingSignal>> pending = new HashMap<>();
        for (List<String> chunk : chunks(groupKeys)) {
            jdbc.sql("""
                    SELECT signal_id, group_key, severity, customer_id, customers_affected, title, report_text, last_seen_at
                    FROM incidents_signal
                    WHERE incident_id IS NULL AND group_key IN (:keys) AND last_seen_at >= :since AND status <> 'RESOLVED'
                    ORDER BY last_seen_at DESC LIMIT :limit""")
                    .param("keys", chunk)
                    .param("since", since.toEpochMilli())
                    .param("limit", limitPerBatch)
                    .query(rs -> {
                        String text = rs.getString("report_text");
                        pending.computeIfAbsent(rs.getString("group_key"), k -> new ArrayList<>())
                                .add(new PendingSignal(
                                        rs.getLong("signal_id"),
                                        dev.pitwall.signals.Severity.valueOf(rs.getString("severity")),
                                        rs.getString("customer_id"),
                                        rs.getInt("customers_affected"),
                                        text == null ? Set.of() : ReportWords.of(text),
                                        Columns.instant(rs, "last_seen_at")));
                    });
        }
        return pending;
    }

    /** The texts of the newest customer reports of each incident, for matching reports by words. */
    Map<Long, List<String>> reportTexts(Collection<Long> incidentIds, int perIncident) {
        Map<Long, List<String>> texts = new HashMap<>();
        for (List<Long> chunk : chunks(incidentIds)) {
            jdbc.sql("""
                    SELECT l.incident_id, s.report_text FROM incidents_link l
                    JOIN incidents_signal s ON s.signal_id = l.signal_id
                    WHERE l.incident_id IN (:ids) AND s.report_text IS NOT NULL ORDER BY l.attached_at DESC""").param("ids", chunk).query(rs -> {
                List<String> list = texts.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>());
                if (list.size() < perIncident) {
                    list.add(rs.getString(2));
                }
            });
        }
        return texts;
    }

    /** Titles of signals by id. */
    Map<Long, String> titles(Collection<Long> signalIds) {
        Map<Long, String> titles = new HashMap<>();
        for (List<Long> chunk : chunks(signalIds)) {
            jdbc.sql("SELECT signal_id, title FROM incidents_signal WHERE signal_id IN (:ids)")
                    .param("ids", chunk)
                    .query(rs -> {
                        titles.put(rs.getLong(1), rs.getString(2));
                    });
        }
        return titles;
    }

    /** The earliest start and first sighting of the incident's signals (epoch millis), or null without signals. */
    long[] earliest(long incidentId) {
        return jdbc.sql("""
                SELECT min(s.started_at), min(s.first_seen_at) FROM incidents_link l
                JOIN incidents_signal s ON s.signal_id = l.signal_id WHERE l.incident_id = ?""")
                .param(incidentId)
                .query((rs, n) -> {
                    long started = rs.getLong(1);
                    return rs.wasNull() ? null : new long[] {started, rs.getLong(2)};
                })
                .optional()
                .orElse(null);
    }

    /** Whether the incident has signals and every one of them has resolved. */
    boolean allResolved(long incidentId) {
        return jdbc.sql("""
                SELECT count(*) AS total, sum(CASE WHEN s.status = 'RESOLVED' THEN 1 ELSE 0 END) AS resolved
                FROM incidents_link l JOIN incidents_signal s ON s.signal_id = l.signal_id WHERE l.incident_id = ?""")
                .param(incidentId)
                .query((rs, n) -> rs.getLong(1) > 0 && rs.getLong(1) == rs.getLong(2))
                .single();
    }

    /** The incident's signals, most recently seen first. */
    List<LinkedSignal> signalsOf(long incidentId, int limit) {
        return jdbc.sql("""
                SELECT s.*, l.attached_at, l.reason FROM incidents_link l
                JOIN incidents_signal s ON s.signal_id = l.signal_id
                WHERE l.incident_id = ? ORDER BY s.last_seen_at DESC, s.signal_id DESC LIMIT ?""")
                .params(incidentId, limit)
                .query((rs, n) -> linked(rs))
                .list();
    }

    /**
     * The words, failing checks and changes of an incident's first {@value Incidents#EVIDENCE_SIGNALS}
     * signals, by signal id (the order Pitwall first saw them in, which the link's primary key
     * serves without a sort): triage reads the evidence at every ranking (docs/triage.md).
     */
    IncidentEvidence evidence(long incidentId, Instant impactStart, String environment, List<String> services) {
        Set<String> texts = new LinkedHashSet<>();
        Map<String, IncidentEvidence.FailingCheck> checks = new java.util.LinkedHashMap<>();
        Set<Long> changes = new LinkedHashSet<>();
        jdbc.sql("""
                SELECT s.title, s.description, s.labels, s.report_text, s.check_name, s.check_url, s.change_id
                FROM incidents_link l JOIN incidents_signal s ON s.signal_id = l.signal_id
                WHERE l.incident_id = ? ORDER BY l.signal_id LIMIT ?""").params(incidentId, Incidents.EVIDENCE_SIGNALS).query(rs -> {
            add(texts, rs.getString("title"));
            add(texts, rs.getString("description"));
            add(texts, rs.getString("report_text"));
            String labels = rs.getString("labels");
            if (labels != null) {
                Map<String, String> values = labelsReader.readValue(labels);
                values.values().forEach(v -> add(texts, v));
            }
            String check = rs.getString("check_name");
            if (check != null) {
                checks.putIfAbsent(check, new IncidentEvidence.FailingCheck(check, rs.getString("check_url")));
            }
            Long change = Columns.nullableLong(rs, "change_id");
            if (change != null) {
                changes.add(change);
            }
        });
        return new IncidentEvidence(
                incidentId,
                impactStart,
                environment,
                services,
                new ArrayList<>(texts),
                new ArrayList<>(checks.values()),
                new ArrayList<>(changes));
    }

    private static void add(Set<String> texts, String text) {
        if (text != null && !text.isBlank()) {
            texts.add(text);
        }
    }

    private static LinkedSignal linked(ResultSet rs) throws SQLException {
        return new LinkedSignal(
                rs.getLong("signal_id"),
                rs.getString("source").toLowerCase(),
                rs.getString("severity").toLowerCase(),
                rs.getString("status").toLowerCase(),
                rs.getString("title"),
                rs.getString("service"),
                rs.getString("environment"),
                rs.getString("customer_id"),
                rs.getString("report_text"),
                rs.getString("check_name"),
                rs.getString("check_url"),
                rs.getString("change_text"),
                rs.getLong("signal_count"),
                Columns.instant(rs, "started_at"),
                Columns.instant(rs, "first_seen_at"),
                Columns.instant(rs, "last_seen_at"),
                Columns.nullableInstant(rs, "resolved_at"),
                Columns.instant(rs, "attached_at"),
                rs.getString("reason"));
    }

    /** The sender's start, but never later than when Pitwall saw the signal. */
    static Instant startOf(SignalUpdate s) {
        if (s.startedAt() == null || s.startedAt().isAfter(s.lastSeenAt())) {
            return s.lastSeenAt();
        }
        return s.startedAt();
    }

    private static String cut(String text) {
        return text == null || text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT);
    }
}
