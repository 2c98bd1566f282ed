package dev.pitwall.system;

import java.util.Collection;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;

@Repository
class OutboxRepository {

    /**
     * The JSON of outbox payloads: the application's, with times as epoch milliseconds. A number
     * reads several times faster than RFC 3339 text, and a burst of deploys is a burst of payloads
     * (docs/changes.md, "Speed"); payloads stored as text by earlier versions still read.
     */
    static JsonMapper payloadMapper(JsonMapper json) {
        return json.rebuild()
                .enable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DateTimeFeature.WRITE_DATE_TIMESTAMPS_AS_NANOSECONDS)
                .disable(DateTimeFeature.READ_DATE_TIMESTAMPS_AS_NANOSECONDS)
                .build();
    }

    record Entry(long id, String listener, String eventType, String payload, int attempts) {}

    private final JdbcClient jdbc;
    private final Dialect dialect;

    OutboxRepository(JdbcClient jdbc, Dialect dialect) {
        this.jdbc = jdbc;
        this.dialect = dialect;
    }

    void append(String listener, String eventType, String payload, long now) {
        jdbc.sql("""
                INSERT INTO system_outbox (listener, event_type, payload, created_at, available_at, attempts)
                VALUES (?, ?, ?, ?, ?, 0)""").params(listener, eventType, payload, now, now).update();
    }

    List<Entry> due(long now, int limit) {
        return jdbc.sql("""
                SELECT id, listener, event_type, payload, attempts FROM system_outbox
                WHERE available_at <= ? ORDER BY id LIMIT ?""").params(now, limit).query(Entry.class).list();
    }

    /**
     * Takes the entries for the current transaction and returns the ids it got: those still there
     * and, on PostgreSQL, not taken by another node, whose rows stay locked until this transaction
     * ends. SQLite has one writer, which is lock enough.
     */
    List<Long> lock(List<Long> ids) {
        String sql = dialect == Dialect.POSTGRESQL
                ? "SELECT id FROM system_outbox WHERE id IN (:ids) FOR UPDATE SKIP LOCKED"
                : "SELECT id FROM system_outbox WHERE id IN (:ids)";
        return jdbc.sql(sql).param("ids", ids).query(Long.class).list();
    }

    void delete(Collection<Long> ids) {
        if (!ids.isEmpty()) {
            jdbc.sql("DELETE FROM system_outbox WHERE id IN (:ids)")
                    .param("ids", ids)
                    .update();
        }
    }

    void retryLater(long id, long availableAt, String error) {
        jdbc.sql("UPDATE system_outbox SET attempts = attempts + 1, available_at = ?, last_error = ? WHERE id = ?")
                .params(availableAt, error, id)
                .update();
    }

    long pending() {
        return jdbc.sql("SELECT count(*) FROM system_outbox").query(Long.class).single();
    }
}
