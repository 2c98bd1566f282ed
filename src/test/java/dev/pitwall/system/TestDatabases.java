package dev.pitwall.system;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fresh, fully migrated databases for tests, fast: each dialect is migrated once per test run
 * into a template (a SQLite file, a PostgreSQL template database) that every test then copies.
 *
 * <p>PostgreSQL is a real server: an embedded PostgreSQL 17 started from its jar once per JVM, or
 * the server at {@code PITWALL_TEST_POSTGRES_URL} (a JDBC URL whose user may create databases;
 * {@code PITWALL_TEST_POSTGRES_USER} and {@code PITWALL_TEST_POSTGRES_PASSWORD} go with it).
 */
public final class TestDatabases {

    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static Path sqliteTemplate;
    private static PostgresServer postgres;
    private static String postgresTemplate;

    private TestDatabases() {}

    /** A new migrated database of the given kind; close it after the test. */
    public static Database fresh(DatabaseKind kind) {
        return kind == DatabaseKind.SQLITE ? freshSqlite() : freshPostgres();
    }

    public static synchronized Database freshSqlite() {
        try {
            if (sqliteTemplate == null) {
                Path file = Files.createTempDirectory("pitwall-sqlite-template").resolve("template.db");
                try (Database template = sqlite(file)) {
                    template.migrate();
                }
                sqliteTemplate = file;
            }
            Path copy = Files.createTempDirectory("pitwall-sqlite").resolve("pitwall.db");
            Files.copy(sqliteTemplate, copy);
            return sqlite(copy);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Database sqlite(Path file) {
        return Database.sqlite(file, PitwallProperties.Durability.NORMAL, 2, null);
    }

    public static synchronized Database freshPostgres() {
        PostgresServer server = postgresServer();
        if (postgresTemplate == null) {
            String name = "pitwall_template_" + RUN;
            server.execute("CREATE DATABASE " + name);
            try (Database template = server.open(name)) {
                template.migrate();
            }
            postgresTemplate = name;
        }
        String name = "pitwall_test_" + RUN + "_" + COUNTER.incrementAndGet();
        server.execute("CREATE DATABASE " + name + " TEMPLATE " + postgresTemplate);
        return server.open(name);
    }

    /** A new, empty PostgreSQL database (no migrations), for a whole Spring application to migrate. */
    public static synchronized String emptyPostgresDatabaseUrl() {
        PostgresServer server = postgresServer();
        String name = "pitwall_app_" + RUN + "_" + COUNTER.incrementAndGet();
        server.execute("CREATE DATABASE " + name);
        return server.url(name);
    }

    public static synchronized PostgresServer postgresServer() {
        if (postgres == null) {
            postgres = PostgresServer.start();
        }
        return postgres;
    }

    /** A running PostgreSQL server, embedded or external. */
    public record PostgresServer(String baseUrl, String user, String password) {

        static PostgresServer start() {
            String external = System.getenv("PITWALL_TEST_POSTGRES_URL");
            if (external != null && !external.isBlank()) {
                String base = external.substring(0, external.lastIndexOf('/') + 1);
                return new PostgresServer(
                        base,
                        System.getenv("PITWALL_TEST_POSTGRES_USER"),
                        System.getenv("PITWALL_TEST_POSTGRES_PASSWORD"));
            }
            try {
                EmbeddedPostgres embedded = EmbeddedPostgres.builder()
                        .setServerConfig("fsync", "off")
                        .setServerConfig("synchronous_commit", "off")
                        .setServerConfig("full_page_writes", "off")
                        .setServerConfig("max_connections", "300")
                        .start();
                return new PostgresServer("jdbc:postgresql://localhost:" + embedded.getPort() + "/", "postgres", "");
            } catch (IOException e) {
                throw new UncheckedIOException("Could not start the embedded PostgreSQL for tests", e);
            }
        }

        public String url(String database) {
            return baseUrl + database;
        }

        Database open(String database) {
            return Database.postgresql(url(database), user, password, 5, null);
        }

        void execute(String sql) {
            try (Connection connection = DriverManager.getConnection(url("postgres"), user, password);
                    Statement statement = connection.createStatement()) {
                statement.execute(sql);
            } catch (SQLException e) {
                throw new IllegalStateException("PostgreSQL refused: " + sql, e);
            }
        }
    }
}
