package dev.pitwall.system;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Points a test application context at a real PostgreSQL. Without {@code PITWALL_TEST_POSTGRES_URL}
 * the context gets its own embedded server, registered before any other bean so that it is
 * destroyed last: after the scheduler and the connection pool are gone.
 */
class TestPostgresDatabase implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        String external = System.getenv("PITWALL_TEST_POSTGRES_URL");
        if (external != null && !external.isBlank()) {
            TestDatabases.PostgresServer server = TestDatabases.postgresServer();
            TestPropertyValues.of(
                            "pitwall.database.url=" + TestDatabases.emptyPostgresDatabaseUrl(),
                            "pitwall.database.username=" + nullToEmpty(server.user()),
                            "pitwall.database.password=" + nullToEmpty(server.password()))
                    .applyTo(context);
            return;
        }
        try {
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setServerConfig("fsync", "off")
                    .setServerConfig("full_page_writes", "off")
                    .start();
            DefaultListableBeanFactory beans = (DefaultListableBeanFactory) context.getBeanFactory();
            beans.registerSingleton("testPostgresServer", postgres);
            beans.registerDisposableBean("testPostgresServer", postgres::close);
            TestPropertyValues.of(
                            "pitwall.database.url=jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres",
                            "pitwall.database.username=postgres",
                            "pitwall.database.password=")
                    .applyTo(context);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL for tests", e);
        }
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
