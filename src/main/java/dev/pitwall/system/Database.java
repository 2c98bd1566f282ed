package dev.pitwall.system;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.MetricsTrackerFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.jdbc.datasource.LazyConnectionDataSourceProxy;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * An open Pitwall database: the {@link DataSource} every repository uses and its {@link Dialect}.
 *
 * <p>SQLite allows one writer at a time. Instead of letting several pooled connections fight over
 * the write lock (and back off on {@code SQLITE_BUSY}), writes go through a pool of exactly one
 * connection, while read-only transactions ({@code @Transactional(readOnly = true)}) are routed to
 * a small pool of reader connections that WAL lets run beside the writer.
 */
public final class Database implements AutoCloseable {

    private final DataSource dataSource;
    private final Dialect dialect;
    private final List<HikariDataSource> pools;

    private Database(DataSource dataSource, Dialect dialect, List<HikariDataSource> pools) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.pools = pools;
    }

    public static Database open(
            PitwallProperties.DatabaseSettings settings, Path dataDir, MetricsTrackerFactory metrics) {
        return settings.isPostgresql()
                ? postgresql(settings.url(), settings.username(), settings.password(), settings.poolSize(), metrics)
                : sqlite(dataDir.resolve("pitwall.db"), settings.durability(), settings.readPoolSize(), metrics);
    }

    public static Database sqlite(
            Path file, PitwallProperties.Durability durability, int readers, MetricsTrackerFactory metrics) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the data directory for " + file, e);
        }
        String url = "jdbc:sqlite:" + file.toAbsolutePath();

        SQLiteConfig writerConfig = new SQLiteConfig();
        writerConfig.setJournalMode(SQLiteConfig.JournalMode.WAL);
        writerConfig.setSynchronous(
                durability == PitwallProperties.Durability.FULL
                        ? SQLiteConfig.SynchronousMode.FULL
                        : SQLiteConfig.SynchronousMode.NORMAL);
        writerConfig.enforceForeignKeys(true);
        writerConfig.setBusyTimeout(30_000);
        // After a checkpoint the WAL is truncated back to this size instead of staying at its peak.
        writerConfig.setJournalSizeLimit(64 * 1024 * 1024);
        HikariDataSource writer = pool("sqlite-writer", url, writerConfig, 1, metrics);

        SQLiteConfig readerConfig = new SQLiteConfig();
        readerConfig.setReadOnly(true);
        readerConfig.enforceForeignKeys(true);
        readerConfig.setBusyTimeout(30_000);
        HikariDataSource reader = pool("sqlite-reader", url, readerConfig, Math.max(1, readers), metrics);

        LazyConnectionDataSourceProxy routing = new LazyConnectionDataSourceProxy(writer);
        routing.setReadOnlyDataSource(reader);
        return new Database(routing, Dialect.SQLITE, List.of(writer, reader));
    }

    public static Database postgresql(
            String url, String username, String password, int poolSize, MetricsTrackerFactory metrics) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("postgresql");
        config.setJdbcUrl(url);
        config.setUsername(username);
        config.setPassword(password);
        config.setMaximumPoolSize(poolSize);
        if (metrics != null) {
            config.setMetricsTrackerFactory(metrics);
        }
        HikariDataSource pool = new HikariDataSource(config);
        return new Database(pool, Dialect.POSTGRESQL, List.of(pool));
    }

    private static HikariDataSource pool(
            String name, String url, SQLiteConfig sqlite, int size, MetricsTrackerFactory metrics) {
        SQLiteDataSource target = new SQLiteDataSource(sqlite);
        target.setUrl(url);
        HikariConfig config = new HikariConfig();
        config.setPoolName(name);
        config.setDataSource(new FixedReadOnlyDataSource(target));
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(1);
        // A connection waits for the single writer rather than failing after Hikari's default 30 s.
        config.setConnectionTimeout(60_000);
        if (metrics != null) {
            config.setMetricsTrackerFactory(metrics);
        }
        return new HikariDataSource(config);
    }

    /**
     * sqlite-jdbc fixes read-only mode when a connection opens and throws if it is changed later;
     * the pool and the transaction manager both set it. Here the mode belongs to the pool (the
     * reader pool opens read-only), so later changes are ignored.
     */
    private static final class FixedReadOnlyDataSource extends DelegatingDataSource {
        FixedReadOnlyDataSource(DataSource target) {
            super(target);
        }

        @Override
        public Connection getConnection() throws SQLException {
            return ignoreReadOnlyChanges(super.getConnection());
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            return ignoreReadOnlyChanges(super.getConnection(username, password));
        }

        private static Connection ignoreReadOnlyChanges(Connection connection) {
            return (Connection) Proxy.newProxyInstance(
                    Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                        if (method.getName().equals("setReadOnly")) {
                            return null;
                        }
                        try {
                            return method.invoke(connection, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        }
    }

    /** Applies the migrations of this database's dialect ({@code db/migration/<dialect>}). */
    public Database migrate() {
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration/" + dialect.name().toLowerCase())
                .outOfOrder(true)
                .load()
                .migrate();
        return this;
    }

    /** A JDBC client whose exceptions mean the same on both dialects (a duplicate key is a duplicate key). */
    public JdbcClient jdbcClient() {
        return JdbcClient.create(jdbcTemplate());
    }

    public JdbcTemplate jdbcTemplate() {
        JdbcTemplate template = new JdbcTemplate(dataSource);
        if (dialect == Dialect.SQLITE) {
            template.setExceptionTranslator(new SqliteExceptionTranslator());
        }
        return template;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public Dialect dialect() {
        return dialect;
    }

    @Override
    public void close() {
        List<HikariDataSource> reversed = new ArrayList<>(pools);
        java.util.Collections.reverse(reversed);
        reversed.forEach(HikariDataSource::close);
    }
}
