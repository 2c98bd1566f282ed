package dev.pitwall.system;

import java.sql.SQLException;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.support.SQLErrorCodeSQLExceptionTranslator;

/**
 * sqlite-jdbc reports every failure as a plain {@link SQLException} with SQLite's result code, which
 * Spring does not know; without this a unique-key violation would not be a
 * {@link DuplicateKeyException} on SQLite as it is on PostgreSQL.
 */
class SqliteExceptionTranslator extends SQLErrorCodeSQLExceptionTranslator {

    private static final int SQLITE_BUSY = 5;
    private static final int SQLITE_LOCKED = 6;
    private static final int SQLITE_CONSTRAINT = 19;

    @Override
    protected DataAccessException customTranslate(String task, String sql, SQLException e) {
        int primary = e.getErrorCode() & 0xff;
        String message = task + "; " + e.getMessage();
        if (primary == SQLITE_CONSTRAINT) {
            String text = String.valueOf(e.getMessage());
            if (text.contains("UNIQUE") || text.contains("PRIMARY KEY")) {
                return new DuplicateKeyException(message, e);
            }
            return new DataIntegrityViolationException(message, e);
        }
        if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED) {
            return new CannotAcquireLockException(message, e);
        }
        return null;
    }
}
