package dev.pitwall.incidents;

import dev.pitwall.system.Actor;
import dev.pitwall.system.Columns;
import dev.pitwall.system.Dialect;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongPredicate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class IncidentRepository {

    static final List<String> OPEN_STATUSES = List.of("TRIAGE", "INVESTIGATING", "IDENTIFIED", "MONITORING");

    private static final String COLUMNS = """
            id, title, summary, severity, severity_by_human, status, environment, detection_source, lead,
            communications, scribe, impact_started_at, impact_start_edited, detected_at, acknowledged_at,
            mitigated_at, resolved_at, closed_at, quiet_since, created_by, updated_at""";

    /** A new incident as grouping or a person opens it. */
    record NewIncident(
            String title,
            String summary,
            IncidentSeverity severity,
            boolean severityByHuman,
            String environment,
            DetectionSource detectionSource,
            Instant impactStartedAt,
            boolean impactStartEdited,
            Instant detectedAt,
            String createdBy) {}

    /** The incident row itself, before services and counts are added. */
    record Row(
            long id,
            String title,
            String summary,
            IncidentSeverity severity,
            boolean severityByHuman,
            IncidentStatus status,
            String environment,
            DetectionSource detectionSource,
            String lead,
            String communications,
            String scribe,
            Instant impactStartedAt,
            boolean impactStartEdited,
            Instant detectedAt,
            Instant acknowledgedAt,
            Instant mitigatedAt,
            Instant resolvedAt,
            Instant closedAt,
            Instant quietSince,
            String createdBy,
            Instant updatedAt) {}

    record Counts(int signals, int firing, long events, int reports, int customers) {
        static final Counts NONE = new Counts(0, 0, 0, 0, 0);
    }

    /** A status update as stored. */
    record StatusUpdate(
            long id,
            long incidentId,
            Instant at,
            IncidentStatus status,
            String body,

            @com.fasterxml.jackson.annotation.JsonProperty("public")
            boolean isPublic,

            String author) {}

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final Dialect dialect;

    IncidentRepository(JdbcClient jdbc, JdbcTemplate template, Dialect dialect) {
        this.jdbc = jdbc;
        this.template = template;
        this.dialect = dialect;
    }

    /**
     * Serializes grouping across nodes for the rest of the transaction, so two nodes folding
     * signals of one service at the same moment open one incident, not two. SQLite has a single
     * writer, which already serializes.
     */
    void lockGrouping() {
        if (dialect == Dialect.POSTGRESQL) {
            jdbc.sql("SELECT pg_advisory_xact_lock(6001)").query((rs, n) -> 1).list();
        }
    }

    long insert(NewIncident n, IncidentStatus status, Instant now) {
        return jdbc.sql("""
                INSERT INTO incidents_incident (title, summary, severity, severity_by_human, status, environment,
                    detection_source, impact_started_at, impact_start_edited, detected_at, created_by, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""")
                .params(
                        n.title(),
                        n.summary(),
                        n.severity().name(),
                        n.severityByHuman(),
                        status.name(),
                        n.environment(),
                        n.detectionSource().name(),
                        n.impactStartedAt().toEpochMilli(),
                        n.impactStartEdited(),
                        n.detectedAt().toEpochMilli(),
                        n.createdBy(),
                        now.toEpochMilli())
                .query(Long.class)
                .single();
    }

    /** Adds services the incident did not list yet; returns those that were new. */
    List<String> addServices(long incidentId, Collection<String> services) {
        List<String> added = new ArrayList<>();
        for (String service : services) {
            if (service == null || service.isBlank()) {
                continue;
            }
            int n = jdbc.sql("""
                    INSERT INTO incidents_service (incident_id, service) SELECT ?, ?
                    WHERE NOT EXISTS (SELECT 1 FROM incidents_service WHERE incident_id = ? AND lower(service) = lower(?))""")
                    .params(incidentId, service, incidentId, service)
                    .update();
            if (n > 0) {
                added.add(service);
            }
        }
        return added;
    }

    Optional<Row> row(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM incidents_incident WHERE id = ?")
                .param(id)
                .query((rs, n) -> row(rs))
                .optional();
    }

    /** Incidents by status (all when empty), newest first. */
    List<Row> rows(Collection<IncidentStatus> statuses, int limit, int offset) {
        if (statuses.isEmpty()) {
            return jdbc.sql("SELECT " + COLUMNS + " FROM incidents_incident ORDER BY id DESC LIMIT ? OFFSET ?")
                    .params(limit, offset)
                    .query((rs, n) -> row(rs))
                    .list();
        }
        return jdbc.sql("SELECT " + COLUMNS + " FROM incidents_incident WHERE status IN (:statuses)"
                        + " ORDER BY id DESC LIMIT :limit OFFSET :offset")
                .param("statuses", statuses.stream().map(Enum::name).toList())
                .param("limit", limit)
                .param("offset", offset)
                .query((rs, n) -> row(rs))
                .list();
    }

    List<Row> openRows() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM incidents_incident WHERE status IN (:statuses) ORDER BY id")
                .param("statuses", OPEN_STATUSES)
                .query((rs, n) -> row(rs))
                .list();
    }

    /** Incidents that were open at some moment after {@code since}: still open, or resolved since. */
    List<Row> openOrResolvedSince(Instant since) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM incidents_incident"
                        + " WHERE status IN (:statuses) OR resolved_at >= :since ORDER BY id DESC")
                .param("statuses", OPEN_STATUSES)
                .param("since", since.toEpochMilli())
                .query((rs, n) -> row(rs))
                .list();
    }

    long count(Collection<IncidentStatus> statuses) {
        if (statuses.isEmpty()) {
            return jdbc.sql("SELECT count(*) FROM incidents_incident")
                    .query(Long.class)
                    .single();
        }
        return jdbc.sql("SELECT count(*) FROM incidents_incident WHERE status IN (:statuses)")
                .param("statuses", statuses.stream().map(Enum::name).toList())
                .query(Long.class)
                .single();
    }

    Map<Long, List<String>> services(Collection<Long> incidentIds) {
        Map<Long, List<String>> services = new HashMap<>();
        if (incidentIds.isEmpty()) {
            return services;
        }
        for (List<Long> chunk : chunks(incidentIds)) {
            jdbc.sql("SELECT incident_id, service FROM incidents_service WHERE incident_id IN (:ids) ORDER BY service")
                    .param("ids", chunk)
                    .query(rs -> {
                        services.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                                .add(rs.getString(2));
                    });
        }
        return services;
    }

    Map<Long, Counts> counts(Collection<Long> incidentIds) {
        Map<Long, Counts> counts = new HashMap<>();
        for (List<Long> chunk : chunks(incidentIds)) {
            jdbc.sql("""
                    SELECT l.incident_id,
                           count(*) AS signals,
                           sum(CASE WHEN s.status <> 'RESOLVED' THEN 1 ELSE 0 END) AS firing,
                           sum(s.signal_count) AS events,
                           sum(CASE WHEN s.source = 'REPORT' THEN 1 ELSE 0 END) AS reports,
                           count(DISTINCT s.customer_id) AS customers
                    FROM incidents_link l JOIN incidents_signal s ON s.signal_id = l.signal_id
                    WHERE l.incident_id IN (:ids) GROUP BY l.incident_id""").param("ids", chunk).query(rs -> {
                counts.put(
                        rs.getLong(1),
                        new Counts(rs.getInt(2), rs.getInt(3), rs.getLong(4), rs.getInt(5), rs.getInt(6)));
            });
        }
        return counts;
    }

    void setTitle(long id, String title, Instant now) {
        update(id, "title", title, now);
    }

    void setSummary(long id, String summary, Instant now) {
        update(id, "summary", summary, now);
    }

    void setEnvironment(long id, String environment, Instant now) {
        update(id, "environment", environment, now);
    }

    void setSeverity(long id, IncidentSeverity severity, boolean byHuman, Instant now) {
        jdbc.sql("UPDATE incidents_incident SET severity = ?, severity_by_human = ?, updated_at = ? WHERE id = ?")
                .params(severity.name(), byHuman, now.toEpochMilli(), id)
                .update();
    }

    /**
     * Moves to a status and keeps the response timestamps honest: mitigated is the first time the
     * incident entered monitoring (or resolved without it), resolved and closed are set on entry
     * and cleared when an incident is reopened.
     */
    void setStatus(long id, IncidentStatus status, Instant now) {
        long at = now.toEpochMilli();
        switch (status) {
            case MONITORING -> jdbc.sql("""
                    UPDATE incidents_incident SET status = ?, mitigated_at = COALESCE(mitigated_at, ?), resolved_at = NULL,
                        closed_at = NULL, updated_at = ? WHERE id = ?""").params(status.name(), at, at, id).update();
            case RESOLVED ->
                jdbc.sql("""
                    UPDATE incidents_incident SET status = ?, mitigated_at = COALESCE(mitigated_at, ?), resolved_at = ?,
                        closed_at = NULL, acknowledged_at = COALESCE(acknowledged_at, ?), updated_at = ? WHERE id = ?""").params(status.name(), at, at, at, at, id).update();
            case CLOSED ->
                jdbc.sql("""
                    UPDATE incidents_incident SET status = ?, closed_at = ?, resolved_at = COALESCE(resolved_at, ?),
                        mitigated_at = COALESCE(mitigated_at, ?), updated_at = ? WHERE id = ?""").params(status.name(), at, at, at, at, id).update();
            default -> jdbc.sql("""
                    UPDATE incidents_incident SET status = ?, resolved_at = NULL, closed_at = NULL, updated_at = ?
                    WHERE id = ?""").params(status.name(), at, id).update();
        }
    }

    void setAcknowledged(long id, Instant at) {
        jdbc.sql(
                        "UPDATE incidents_incident SET acknowledged_at = COALESCE(acknowledged_at, ?), updated_at = ? WHERE id = ?")
                .params(at.toEpochMilli(), at.toEpochMilli(), id)
                .update();
    }

    void setRole(long id, IncidentRole role, String person, Instant now) {
        String column = switch (role) {
            case LEAD -> "lead";
            case COMMUNICATIONS -> "communications";
            case SCRIBE -> "scribe";
        };
        update(id, column, person, now);
    }

    void setImpactStart(long id, Instant at, Instant now) {
        jdbc.sql(
                        "UPDATE incidents_incident SET impact_started_at = ?, impact_start_edited = ?, updated_at = ? WHERE id = ?")
                .params(at.toEpochMilli(), true, now.toEpochMilli(), id)
                .update();
    }

    /** Moves impact start earlier when a signal began before it, unless a responder set it. */
    void pullImpactStart(long id, Instant startedAt) {
        jdbc.sql("""
                UPDATE incidents_incident SET impact_started_at = ?
                WHERE id = ? AND impact_start_edited = ? AND impact_started_at > ?""")
                .params(startedAt.toEpochMilli(), id, false, startedAt.toEpochMilli())
                .update();
    }

    /** Moves detection earlier, for an incident opened by signals that were held back before. */
    void setDetectedAt(long id, Instant at) {
        jdbc.sql("UPDATE incidents_incident SET detected_at = ? WHERE id = ? AND detected_at > ?")
                .params(at.toEpochMilli(), id, at.toEpochMilli())
                .update();
    }

    void setQuietSince(long id, Instant since) {
        jdbc.sql("UPDATE incidents_incident SET quiet_since = ? WHERE id = ?")
                .params(Columns.millis(since), id)
                .update();
    }

    void touch(Collection<Long> ids, Instant now) {
        for (List<Long> chunk : chunks(ids)) {
            jdbc.sql("UPDATE incidents_incident SET updated_at = :now WHERE id IN (:ids)")
                    .param("now", now.toEpochMilli())
                    .param("ids", chunk)
                    .update();
        }
    }

    /** Incidents in monitoring whose signals have all been resolved since before {@code before}. */
    List<Long> quietBefore(Instant before) {
        return jdbc.sql("""
                SELECT id FROM incidents_incident WHERE status = 'MONITORING' AND quiet_since IS NOT NULL
                AND quiet_since <= ? ORDER BY id""").param(before.toEpochMilli()).query(Long.class).list();
    }

    // timeline

    record NewEntry(long incidentId, Instant at, String kind, String text, Actor actor) {}

    List<TimelineEntry> appendTimeline(List<NewEntry> entries) {
        return appendTimeline(entries, id -> true);
    }

    /**
     * Writes entries: those of incidents {@code watched} (a live page is open) one by one to learn
     * their ids for the page, the rest in one batch. Returns the entries whose ids are known.
     */
    List<TimelineEntry> appendTimeline(List<NewEntry> entries, LongPredicate watched) {
        List<NewEntry> unwatched =
                entries.stream().filter(e -> !watched.test(e.incidentId())).toList();
        if (!unwatched.isEmpty()) {
            template.batchUpdate(
                    "INSERT INTO incidents_timeline (incident_id, at, kind, text, actor_kind, actor_id, actor_name,"
                            + " pinned) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    unwatched,
                    500,
                    (ps, e) -> {
                        ps.setLong(1, e.incidentId());
                        ps.setLong(2, e.at().toEpochMilli());
                        ps.setString(3, e.kind());
                        ps.setString(4, e.text());
                        ps.setString(5, e.actor().kind().name());
                        ps.setString(6, e.actor().id());
                        ps.setString(7, e.actor().name());
                        ps.setBoolean(8, false);
                    });
        }
        List<TimelineEntry> written = new ArrayList<>(entries.size());
        for (NewEntry e : entries) {
            if (!watched.test(e.incidentId())) {
                continue;
            }
            long id = jdbc.sql("""
                    INSERT INTO incidents_timeline (incident_id, at, kind, text, actor_kind, actor_id, actor_name, pinned)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""")
                    .params(
                            e.incidentId(),
                            e.at().toEpochMilli(),
                            e.kind(),
                            e.text(),
                            e.actor().kind().name(),
                            e.actor().id(),
                            e.actor().name(),
                            false)
                    .query(Long.class)
                    .single();
            written.add(new TimelineEntry(id, e.incidentId(), e.at(), e.kind(), e.text(), e.actor(), false));
        }
        return written;
    }

    /** The newest {@code limit} entries, in the order they happened. */
    List<TimelineEntry> timeline(long incidentId, int limit) {
        List<TimelineEntry> newest = jdbc.sql("""
                SELECT id, incident_id, at, kind, text, actor_kind, actor_id, actor_name, pinned
                FROM incidents_timeline WHERE incident_id = ? ORDER BY id DESC LIMIT ?""")
                .params(incidentId, limit)
                .query((rs, n) -> entry(rs))
                .list();
        List<TimelineEntry> ordered = new ArrayList<>(newest);
        java.util.Collections.reverse(ordered);
        return ordered;
    }

    List<TimelineEntry> pinned(long incidentId) {
        return jdbc.sql("""
                SELECT id, incident_id, at, kind, text, actor_kind, actor_id, actor_name, pinned
                FROM incidents_timeline WHERE incident_id = ? AND pinned = ? ORDER BY id""")
                .params(incidentId, true)
                .query((rs, n) -> entry(rs))
                .list();
    }

    long timelineSize(long incidentId) {
        return jdbc.sql("SELECT count(*) FROM incidents_timeline WHERE incident_id = ?")
                .param(incidentId)
                .query(Long.class)
                .single();
    }

    Optional<TimelineEntry> entry(long incidentId, long entryId) {
        return jdbc.sql("""
                SELECT id, incident_id, at, kind, text, actor_kind, actor_id, actor_name, pinned
                FROM incidents_timeline WHERE incident_id = ? AND id = ?""")
                .params(incidentId, entryId)
                .query((rs, n) -> entry(rs))
                .optional();
    }

    void setPinned(long entryId, boolean pinned) {
        jdbc.sql("UPDATE incidents_timeline SET pinned = ? WHERE id = ?")
                .params(pinned, entryId)
                .update();
    }

    /** Usernames that have acted on incidents, for suggestions when assigning roles. */
    List<String> knownPeople(int limit) {
        return jdbc.sql("""
                SELECT actor_name FROM incidents_timeline WHERE actor_kind = 'USER'
                GROUP BY actor_name ORDER BY max(id) DESC LIMIT ?""").param(limit).query(String.class).list();
    }

    // status updates

    StatusUpdate insertUpdate(
            long incidentId, Instant at, IncidentStatus status, String body, boolean isPublic, String author) {
        long id = jdbc.sql("""
                INSERT INTO incidents_update (incident_id, at, status, body, public, actor_name)
                VALUES (?, ?, ?, ?, ?, ?) RETURNING id""")
                .params(incidentId, at.toEpochMilli(), status.name(), body, isPublic, author)
                .query(Long.class)
                .single();
        return new StatusUpdate(id, incidentId, at, status, body, isPublic, author);
    }

    List<StatusUpdate> updates(long incidentId, boolean publicOnly) {
        String sql = "SELECT id, incident_id, at, status, body, public, actor_name FROM incidents_update"
                + " WHERE incident_id = ?" + (publicOnly ? " AND public = ?" : "") + " ORDER BY id DESC";
        var statement = jdbc.sql(sql).param(incidentId);
        if (publicOnly) {
            statement = statement.param(true);
        }
        return statement.query((rs, n) -> update(rs)).list();
    }

    /** Public updates of many incidents, newest first, grouped by incident. */
    Map<Long, List<StatusUpdate>> publicUpdates(Collection<Long> incidentIds) {
        Map<Long, List<StatusUpdate>> updates = new LinkedHashMap<>();
        for (List<Long> chunk : chunks(incidentIds)) {
            jdbc.sql("SELECT id, incident_id, at, status, body, public, actor_name FROM incidents_update"
                            + " WHERE incident_id IN (:ids) AND public = :yes ORDER BY id DESC")
                    .param("ids", chunk)
                    .param("yes", true)
                    .query((rs, n) -> update(rs))
                    .list()
                    .forEach(u -> updates.computeIfAbsent(u.incidentId(), k -> new ArrayList<>())
                            .add(u));
        }
        return updates;
    }

    // rules

    record StoredRules(GroupingRules rules, String source, String updatedBy, Instant updatedAt) {}

    Optional<StoredRules> rules() {
        return jdbc.sql("""
                SELECT follow_dependencies, warning_count, warning_window_ms, report_customers, report_window_ms,
                       report_similarity, auto_resolve_ms, source, updated_by, updated_at
                FROM incidents_rules WHERE id = 1""")
                .query((rs, n) -> new StoredRules(
                        new GroupingRules(
                                rs.getBoolean("follow_dependencies"),
                                rs.getInt("warning_count"),
                                Duration.ofMillis(rs.getLong("warning_window_ms")),
                                rs.getInt("report_customers"),
                                Duration.ofMillis(rs.getLong("report_window_ms")),
                                rs.getInt("report_similarity") / 100.0,
                                Duration.ofMillis(rs.getLong("auto_resolve_ms"))),
                        rs.getString("source"),
                        rs.getString("updated_by"),
                        Columns.instant(rs, "updated_at")))
                .optional();
    }

    void saveRules(GroupingRules r, String source, String updatedBy, Instant now) {
        jdbc.sql("""
                INSERT INTO incidents_rules (id, follow_dependencies, warning_count, warning_window_ms, report_customers,
                    report_window_ms, report_similarity, auto_resolve_ms, source, updated_by, updated_at)
                VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (id) DO UPDATE SET follow_dependencies = excluded.follow_dependencies,
                    warning_count = excluded.warning_count, warning_window_ms = excluded.warning_window_ms,
                    report_customers = excluded.report_customers, report_window_ms = excluded.report_window_ms,
                    report_similarity = excluded.report_similarity, auto_resolve_ms = excluded.auto_resolve_ms,
                    source = excluded.source, updated_by = excluded.updated_by, updated_at = excluded.updated_at""")
                .params(
                        r.followDependencies(),
                        r.warningCount(),
                        r.warningWindow().toMillis(),
                        r.reportCustomers(),
                        r.reportWindow().toMillis(),
                        (int) Math.round(r.reportSimilarity() * 100),
                        r.autoResolveAfter().toMillis(),
                        source,
                        updatedBy,
                        now.toEpochMilli())
                .update();
    }

    void releaseRulesFromConfig() {
        jdbc.sql("UPDATE incidents_rules SET source = 'ui' WHERE source = 'config'")
                .update();
    }

    private void update(long id, String column, Object value, Instant now) {
        jdbc.sql("UPDATE incidents_incident SET " + column + " = ?, updated_at = ? WHERE id = ?")
                .params(value, now.toEpochMilli(), id)
                .update();
    }

    static <T> List<List<T>> chunks(Collection<T> values) {
        List<List<T>> chunks = new ArrayList<>();
        List<T> all = new ArrayList<>(values);
        for (int i = 0; i < all.size(); i += 500) {
            chunks.add(all.subList(i, Math.min(all.size(), i + 500)));
        }
        return chunks;
    }

    private static Row row(ResultSet rs) throws SQLException {
        return new Row(
                rs.getLong("id"),
                rs.getString("title"),
                rs.getString("summary"),
                IncidentSeverity.valueOf(rs.getString("severity")),
                rs.getBoolean("severity_by_human"),
                IncidentStatus.valueOf(rs.getString("status")),
                rs.getString("environment"),
                DetectionSource.valueOf(rs.getString("detection_source")),
                rs.getString("lead"),
                rs.getString("communications"),
                rs.getString("scribe"),
                Columns.instant(rs, "impact_started_at"),
                rs.getBoolean("impact_start_edited"),
                Columns.instant(rs, "detected_at"),
                Columns.nullableInstant(rs, "acknowledged_at"),
                Columns.nullableInstant(rs, "mitigated_at"),
                Columns.nullableInstant(rs, "resolved_at"),
                Columns.nullableInstant(rs, "closed_at"),
                Columns.nullableInstant(rs, "quiet_since"),
                rs.getString("created_by"),
                Columns.instant(rs, "updated_at"));
    }

    private static TimelineEntry entry(ResultSet rs) throws SQLException {
        return new TimelineEntry(
                rs.getLong("id"),
                rs.getLong("incident_id"),
                Columns.instant(rs, "at"),
                rs.getString("kind"),
                rs.getString("text"),
                new Actor(
                        Actor.Kind.valueOf(rs.getString("actor_kind")),
                        rs.getString("actor_id"),
                        rs.getString("actor_name")),
                rs.getBoolean("pinned"));
    }

    private static StatusUpdate update(ResultSet rs) throws SQLException {
        return new StatusUpdate(
                rs.getLong("id"),
                rs.getLong("incident_id"),
                Columns.instant(rs, "at"),
                IncidentStatus.valueOf(rs.getString("status")),
                rs.getString("body"),
                rs.getBoolean("public"),
                rs.getString("actor_name"));
    }
}
