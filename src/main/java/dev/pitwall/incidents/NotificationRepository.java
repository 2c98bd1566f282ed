package dev.pitwall.incidents;

import dev.pitwall.system.Columns;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Notification targets, the delivery outbox and its log of attempts. */
@Repository
class NotificationRepository {

    private static final String TARGET_COLUMNS = """
            id, name, channel, url_display, secret_sealed, recipients, services, events, min_severity, enabled,
            source, created_at, updated_at""";

    /** A target as written: the URL and secret already sealed. Null sealed values keep the stored ones. */
    record TargetWrite(
            String name,
            NotificationChannel channel,
            String urlSealed,
            String urlDisplay,
            String secretSealed,
            List<String> recipients,
            List<String> services,
            String events,
            IncidentSeverity minSeverity,
            boolean enabled,
            String source) {}

    record Sealed(String url, String secret) {}

    /** A delivery waiting to be sent, with what the worker needs. */
    record Due(long id, long targetId, String payload, int attempts) {}

    /** One row of the delivery log. */
    record Delivery(
            long id,
            long targetId,
            String targetName,
            long incidentId,
            String event,
            String state,
            int attempts,
            Instant nextAttemptAt,
            String lastError,
            Instant createdAt,
            Instant deliveredAt) {}

    record Attempt(long deliveryId, Instant at, boolean ok, String detail, long durationMillis) {}

    private final JdbcClient jdbc;

    NotificationRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<NotificationTarget> targets() {
        return jdbc.sql("SELECT " + TARGET_COLUMNS + " FROM incidents_target ORDER BY lower(name)")
                .query((rs, n) -> target(rs))
                .list();
    }

    Optional<NotificationTarget> target(long id) {
        return jdbc.sql("SELECT " + TARGET_COLUMNS + " FROM incidents_target WHERE id = ?")
                .param(id)
                .query((rs, n) -> target(rs))
                .optional();
    }

    Optional<NotificationTarget> targetNamed(String name) {
        return jdbc.sql("SELECT " + TARGET_COLUMNS + " FROM incidents_target WHERE lower(name) = lower(?)")
                .param(name)
                .query((rs, n) -> target(rs))
                .optional();
    }

    Optional<Sealed> sealed(long targetId) {
        return jdbc.sql("SELECT url_sealed, secret_sealed FROM incidents_target WHERE id = ?")
                .param(targetId)
                .query((rs, n) -> new Sealed(rs.getString(1), rs.getString(2)))
                .optional();
    }

    /** Creates the target or, when one of that name exists, replaces what it says. */
    long save(TargetWrite t, Instant now) {
        Optional<NotificationTarget> existing = targetNamed(t.name());
        String recipients = String.join(",", t.recipients());
        String services = String.join(",", t.services());
        if (existing.isEmpty()) {
            return jdbc.sql("""
                    INSERT INTO incidents_target (name, channel, url_sealed, url_display, secret_sealed, recipients,
                        services, events, min_severity, enabled, source, created_at, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""")
                    .params(
                            t.name(),
                            t.channel().label(),
                            t.urlSealed(),
                            t.urlDisplay(),
                            t.secretSealed(),
                            recipients,
                            services,
                            t.events(),
                            t.minSeverity().name(),
                            t.enabled(),
                            t.source(),
                            now.toEpochMilli(),
                            now.toEpochMilli())
                    .query(Long.class)
                    .single();
        }
        long id = existing.get().id();
        jdbc.sql("""
                UPDATE incidents_target SET channel = ?, url_sealed = COALESCE(?, url_sealed),
                    url_display = COALESCE(?, url_display), secret_sealed = COALESCE(?, secret_sealed), recipients = ?,
                    services = ?, events = ?, min_severity = ?, enabled = ?, source = ?, updated_at = ?
                WHERE id = ?""")
                .params(
                        t.channel().label(),
                        t.urlSealed(),
                        t.urlDisplay(),
                        t.secretSealed(),
                        recipients,
                        services,
                        t.events(),
                        t.minSeverity().name(),
                        t.enabled(),
                        t.source(),
                        now.toEpochMilli(),
                        id)
                .update();
        return id;
    }

    void setEnabled(long id, boolean enabled, Instant now) {
        jdbc.sql("UPDATE incidents_target SET enabled = ?, updated_at = ? WHERE id = ?")
                .params(enabled, now.toEpochMilli(), id)
                .update();
    }

    void delete(long id) {
        jdbc.sql("DELETE FROM incidents_target WHERE id = ?").param(id).update();
    }

    /** Targets pitwall.yaml no longer declares stay (with their delivery log) but are switched off. */
    void releaseFromConfig(List<String> stillDeclared, Instant now) {
        for (NotificationTarget t : targets()) {
            if ("config".equals(t.source()) && stillDeclared.stream().noneMatch(n -> n.equalsIgnoreCase(t.name()))) {
                jdbc.sql("UPDATE incidents_target SET source = 'ui', enabled = ?, updated_at = ? WHERE id = ?")
                        .params(false, now.toEpochMilli(), t.id())
                        .update();
            }
        }
    }

    void enqueue(long targetId, long incidentId, NotificationEvent event, String payload, Instant now) {
        jdbc.sql("""
                INSERT INTO incidents_delivery (target_id, incident_id, event, payload, state, attempts, next_attempt_at,
                    created_at) VALUES (?, ?, ?, ?, 'pending', 0, ?, ?)""")
                .params(targetId, incidentId, event.label(), payload, now.toEpochMilli(), now.toEpochMilli())
                .update();
    }

    List<Long> dueIds(Instant now, int limit) {
        return jdbc.sql("""
                SELECT id FROM incidents_delivery WHERE state = 'pending' AND next_attempt_at <= ?
                AND (locked_until IS NULL OR locked_until < ?) ORDER BY next_attempt_at, id LIMIT ?""")
                .params(now.toEpochMilli(), now.toEpochMilli(), limit)
                .query(Long.class)
                .list();
    }

    /**
     * Takes a due delivery for one send. The lock is a lease: a node that dies while sending
     * leaves it to expire, and another node (or this one after a restart) sends again.
     */
    Optional<Due> claim(long id, Instant now, Instant lockedUntil) {
        int n = jdbc.sql("""
                UPDATE incidents_delivery SET locked_until = ? WHERE id = ? AND state = 'pending'
                AND (locked_until IS NULL OR locked_until < ?)""")
                .params(lockedUntil.toEpochMilli(), id, now.toEpochMilli())
                .update();
        if (n == 0) {
            return Optional.empty();
        }
        return jdbc.sql("SELECT id, target_id, payload, attempts FROM incidents_delivery WHERE id = ?")
                .param(id)
                .query((rs, i) -> new Due(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getInt(4)))
                .optional();
    }

    void recordAttempt(long deliveryId, Instant at, boolean ok, String detail, long durationMillis) {
        jdbc.sql("INSERT INTO incidents_attempt (delivery_id, at, ok, detail, duration_ms) VALUES (?, ?, ?, ?, ?)")
                .params(deliveryId, at.toEpochMilli(), ok, cut(detail), durationMillis)
                .update();
    }

    void delivered(long id, Instant at) {
        jdbc.sql("""
                UPDATE incidents_delivery SET state = 'delivered', attempts = attempts + 1, delivered_at = ?,
                    locked_until = NULL, last_error = NULL WHERE id = ?""").params(at.toEpochMilli(), id).update();
    }

    void retryAt(long id, Instant next, String error) {
        jdbc.sql("""
                UPDATE incidents_delivery SET attempts = attempts + 1, next_attempt_at = ?, locked_until = NULL,
                    last_error = ? WHERE id = ?""").params(next.toEpochMilli(), cut(error), id).update();
    }

    void failed(long id, String error) {
        jdbc.sql("""
                UPDATE incidents_delivery SET state = 'failed', attempts = attempts + 1, locked_until = NULL,
                    last_error = ? WHERE id = ?""").params(cut(error), id).update();
    }

    /** Puts a failed delivery back in the queue, due now. */
    boolean retryNow(long id, Instant now) {
        return jdbc.sql("""
                UPDATE incidents_delivery SET state = 'pending', next_attempt_at = ?, locked_until = NULL
                WHERE id = ? AND state = 'failed'""").params(now.toEpochMilli(), id).update() > 0;
    }

    List<Delivery> deliveries(Long incidentId, int limit) {
        String where = incidentId == null ? "" : " WHERE d.incident_id = ?";
        var statement = jdbc.sql("""
                SELECT d.id, d.target_id, t.name, d.incident_id, d.event, d.state, d.attempts, d.next_attempt_at,
                       d.last_error, d.created_at, d.delivered_at
                FROM incidents_delivery d JOIN incidents_target t ON t.id = d.target_id""" + where + " ORDER BY d.id DESC LIMIT ?");
        if (incidentId != null) {
            statement = statement.param(incidentId);
        }
        return statement
                .param(limit)
                .query((rs, n) -> new Delivery(
                        rs.getLong(1),
                        rs.getLong(2),
                        rs.getString(3),
                        rs.getLong(4),
                        rs.getString(5),
                        rs.getString(6),
                        rs.getInt(7),
                        Columns.instant(rs, "next_attempt_at"),
                        rs.getString(9),
                        Columns.instant(rs, "created_at"),
                        Columns.nullableInstant(rs, "delivered_at")))
                .list();
    }

    List<Attempt> attempts(List<Long> deliveryIds) {
        if (deliveryIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                SELECT delivery_id, at, ok, detail, duration_ms FROM incidents_attempt
                WHERE delivery_id IN (:ids) ORDER BY id""")
                .param("ids", deliveryIds)
                .query((rs, n) -> new Attempt(
                        rs.getLong(1), Columns.instant(rs, "at"), rs.getBoolean(3), rs.getString(4), rs.getLong(5)))
                .list();
    }

    private static NotificationTarget target(ResultSet rs) throws SQLException {
        return new NotificationTarget(
                rs.getLong("id"),
                rs.getString("name"),
                NotificationChannel.parse(rs.getString("channel")).orElseThrow(),
                rs.getString("url_display"),
                rs.getString("secret_sealed") != null,
                split(rs.getString("recipients")),
                split(rs.getString("services")),
                NotificationEvent.split(rs.getString("events")),
                IncidentSeverity.valueOf(rs.getString("min_severity")),
                rs.getBoolean("enabled"),
                rs.getString("source"),
                Columns.instant(rs, "created_at"),
                Columns.instant(rs, "updated_at"));
    }

    private static List<String> split(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        return Arrays.stream(text.split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .toList();
    }

    private static String cut(String text) {
        return text == null || text.length() <= 2000 ? text : text.substring(0, 2000);
    }
}
