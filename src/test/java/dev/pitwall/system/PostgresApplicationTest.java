package dev.pitwall.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pitwall.accounts.Scope;
import dev.pitwall.accounts.TestTokens;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/** The same server on PostgreSQL: migrated at start, sign-in and tokens work. */
@PitwallPostgresTest
class PostgresApplicationTest {

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    Dialect dialect;

    @Test
    void runsOnPostgresql() {
        assertThat(dialect).isEqualTo(Dialect.POSTGRESQL);
    }

    @Test
    void tokensAuthenticateApiCalls() {
        ApiClient api = ApiClient.at(port).withToken(TestTokens.create(context, Scope.READ));

        var me = api.get("/api/v1/me");

        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().get("scopes").get(0).asString()).isEqualTo("read");
        assertThat(ApiClient.at(port).get("/api/v1/me").status()).isEqualTo(401);
    }

    @Test
    void adminSignsInToTheWebUi() {
        BrowserSession admin = BrowserSession.signedIn(port, "admin", "admin-password-for-tests");

        var page = admin.get("/account");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("API tokens").contains("Users");
        admin.submit("/account/users", Map.of("username", "pg-user", "password", "pg-user-password", "role", "ADMIN"));
        assertThat(admin.get("/account").body()).contains("pg-user");
    }

    @Test
    void exposesMetricsToReadTokens() {
        ApiClient api = ApiClient.at(port).withToken(TestTokens.create(context, Scope.READ));

        var metrics = api.get("/actuator/prometheus");

        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body()).contains("hikaricp_connections").contains("jvm_memory_used_bytes");
        assertThat(ApiClient.at(port)
                        .withToken(TestTokens.create(context, Scope.INGEST))
                        .get("/actuator/prometheus")
                        .status())
                .isEqualTo(403);
    }
}
