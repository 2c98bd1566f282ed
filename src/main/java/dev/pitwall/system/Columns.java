package dev.pitwall.system;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/**
 * Reads columns the same way on SQLite and PostgreSQL. Timestamps are stored as epoch
 * milliseconds in both; sqlite-jdbc cannot read a NULL through {@code getObject(col, Long.class)}.
 */
public final class Columns {

    private Columns() {}

    public static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }

    public static Integer nullableInt(ResultSet rs, String column) throws SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? null : value;
    }

    public static Instant instant(ResultSet rs, String column) throws SQLException {
        return Instant.ofEpochMilli(rs.getLong(column));
    }

    public static Instant nullableInstant(ResultSet rs, String column) throws SQLException {
        long millis = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(millis);
    }

    /** The value to bind for a nullable timestamp column. */
    public static Long millis(Instant instant) {
        return instant == null ? null : instant.toEpochMilli();
    }
}
