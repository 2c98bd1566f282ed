package dev.pitwall.system;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class OutboxRepository {

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
     * Takes the entry for the current transaction. On PostgreSQL the row stays locked until the
     * transaction ends, and another node skips it; SQLite has one writer, which is lock enough.
     */
    boolean lock(long id) {
        String sql = dialect == Dialect.POSTGRESQL
                ? "SELECT id FROM system_outbox WHERE id = ? FOR UPDATE SKIP LOCKED"
                : "SELECT id FROM system_outbox WHERE id = ?";
        return jdbc.sql(sql).param(id).query(Long.class).optional().isPresent();
    }

    void delete(long id) {
        jdbc.sql("DELETE FROM system_outbox WHERE id = ?").param(id).update();
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
