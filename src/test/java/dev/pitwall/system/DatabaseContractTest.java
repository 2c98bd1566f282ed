package dev.pitwall.system;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Base of every repository contract test: each test runs once on SQLite and once on a real
 * PostgreSQL, each time on a fresh migrated database. Subclasses build their repository from
 * {@link #jdbc} and {@link #dialect} in a {@code @BeforeEach}.
 */
@ParameterizedClass(name = "[{0}]")
@EnumSource(DatabaseKind.class)
public abstract class DatabaseContractTest {

    @Parameter
    protected DatabaseKind kind;

    protected Database database;
    protected JdbcClient jdbc;
    protected Dialect dialect;
    protected TransactionTemplate transactions;

    @BeforeEach
    void openDatabase() {
        database = TestDatabases.fresh(kind);
        jdbc = database.jdbcClient();
        dialect = database.dialect();
        transactions = new TransactionTemplate(new DataSourceTransactionManager(database.dataSource()));
    }

    @AfterEach
    void closeDatabase() {
        database.close();
    }
}
