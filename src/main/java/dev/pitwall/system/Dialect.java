package dev.pitwall.system;

/** The SQL dialect of the configured database. Repositories branch on it in named methods only. */
public enum Dialect {
    SQLITE,
    POSTGRESQL;

    public static Dialect fromJdbcUrl(String url) {
        if (url.startsWith("jdbc:sqlite:")) {
            return SQLITE;
        }
        if (url.startsWith("jdbc:postgresql:")) {
            return POSTGRESQL;
        }
        throw new IllegalArgumentException("Unsupported database URL '" + url
                + "': use jdbc:postgresql://… or leave PITWALL_DATABASE_URL unset for SQLite");
    }
}
