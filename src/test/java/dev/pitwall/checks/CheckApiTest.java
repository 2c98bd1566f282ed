package dev.pitwall.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pitwall.accounts.Scope;
import dev.pitwall.accounts.TestTokens;
import dev.pitwall.system.ApiClient;
import dev.pitwall.system.PitwallTest;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

@PitwallTest
@ExtendWith(OutputCaptureExtension.class)
class CheckApiTest {

    static ProposalsTarget target;

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    ApiClient admin;
    ApiClient reader;

    @BeforeAll
    static void startTarget() throws Exception {
        target = new ProposalsTarget();
    }

    @AfterAll
    static void stopTarget() {
        target.close();
    }

    @BeforeEach
    void tokens() {
        admin = ApiClient.at(port).withToken(TestTokens.create(context, Scope.ADMIN));
        reader = ApiClient.at(port).withToken(TestTokens.create(context, Scope.READ));
        target.mode(ProposalsTarget.Mode.HEALTHY);
    }

    String journey(String name) {
        return """
                {"name": "NAME", "service": "api-proposals", "environment": "production", "interval": "1m",
                 "critical": true,
                 "steps": [
                   {"name": "login", "method": "POST", "url": "TARGET/api/login",
                    "headers": {"Content-Type": "application/json"},
                    "body": "{\\"password\\": \\"${secret:API_TEST_PW}\\"}",
                    "assert": ["status == 200"]},
                   {"name": "list", "url": "TARGET/api/members/42/line-items",
                    "headers": {"Authorization": "Bearer ${login.body.token}"},
                    "assert": ["status == 200", "$.items.length() > 0"]}]}""".replace("NAME", name).replace("TARGET", target.url(""));
    }

    @Test
    void aCheckIsCreatedRunAndItsResultKeptWithSecretsNeverShown(CapturedOutput output) {
        assertThat(admin.send(
                                "PUT",
                                "/api/v1/check-secrets/API_TEST_PW",
                                "{\"value\": \"s3cret-pw\"}",
                                "application/json")
                        .status())
                .isEqualTo(204);

        var created = admin.post("/api/v1/checks", journey("api member can list line items"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        long id = created.json().get("id").asLong();
        assertThat(created.json().get("source").asString()).isEqualTo("api");
        assertThat(created.json().get("definition").get("steps").size()).isEqualTo(2);

        var run = admin.post("/api/v1/checks/" + id + "/run", null);
        assertThat(run.status()).as(run.body()).isEqualTo(200);
        assertThat(run.json().get("ok").asBoolean()).as(run.body()).isTrue();
        assertThat(run.json().get("id").asLong()).isPositive();

        target.mode(ProposalsTarget.Mode.EMPTY_LIST);
        var failed = admin.post("/api/v1/checks/api member can list line items/run".replace(" ", "%20"), null);
        assertThat(failed.json().get("ok").asBoolean()).isFalse();
        assertThat(failed.json().get("failure").asString()).contains("$.items.length() > 0: expected > 0, got 0");

        var results = reader.get("/api/v1/checks/" + id + "/results?failed=true");
        assertThat(results.json().size()).isEqualTo(1);
        assertThat(results.json().get(0).get("failedStep").asString()).isEqualTo("list");
        var secrets = reader.get("/api/v1/check-secrets");
        assertThat(secrets.json().get(0).get("name").asString()).isEqualTo("API_TEST_PW");

        for (String body : new String[] {
            created.body(),
            run.body(),
            failed.body(),
            results.body(),
            secrets.body(),
            reader.get("/api/v1/checks").body(),
            output.getAll()
        }) {
            assertThat(body).doesNotContain("s3cret-pw");
        }
        var state = reader.get("/api/v1/checks/" + id).json();
        assertThat(state.get("consecutiveFailures").asInt()).isEqualTo(1);
        assertThat(state.get("status").asString()).isEqualTo("up");
    }

    @Test
    void badDefinitionsAreRefusedNamingEveryField() {
        var response = admin.post("/api/v1/checks", """
                {"name": "bad", "service": "api-proposals", "interval": "100ms",
                 "steps": [{"url": "ftp://x", "assert": ["status = 200"]}]}""");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("errors").size()).isEqualTo(3);
        assertThat(response.body())
                .contains("interval")
                .contains("steps[0].url")
                .contains("steps[0].assert[0]");
        assertThat(reader.get("/api/v1/checks/bad").status()).isEqualTo(404);
    }

    @Test
    void namesAreUniqueAndOnlyAdminsChangeChecks() {
        assertThat(admin.post("/api/v1/checks", journey("api unique")).status()).isEqualTo(201);
        assertThat(admin.post("/api/v1/checks", journey("API Unique")).status()).isEqualTo(409);
        assertThat(reader.post("/api/v1/checks", journey("api other")).status()).isEqualTo(403);
        assertThat(ApiClient.at(port).get("/api/v1/checks").status()).isEqualTo(401);
    }

    @Test
    void aCheckCanBePausedChangedAndDeleted() {
        long id = admin.post("/api/v1/checks", journey("api lifecycle"))
                .json()
                .get("id")
                .asLong();

        assertThat(admin.post("/api/v1/checks/" + id + "/pause", null)
                        .json()
                        .get("status")
                        .asString())
                .isEqualTo("paused");
        var changed = admin.send(
                "PUT",
                "/api/v1/checks/" + id,
                journey("api lifecycle renamed").replace("1m", "30s"),
                "application/json");
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        assertThat(changed.json().get("interval").asString()).isEqualTo("30s");
        assertThat(admin.delete("/api/v1/checks/" + id).status()).isEqualTo(204);
        assertThat(reader.get("/api/v1/checks/" + id).status()).isEqualTo(404);
    }

    @Test
    void aDefinitionCanBeTriedWithoutSavingIt() {
        var tried = admin.send("POST", "/api/v1/checks/try", """
                name: api try
                service: api-proposals
                url: TARGET/api/members/42/line-items
                assert: [status == 401]
                """.replace("TARGET", target.url("")), "application/yaml");

        assertThat(tried.status()).as(tried.body()).isEqualTo(200);
        assertThat(tried.json().get("ok").asBoolean()).isTrue();
        assertThat(reader.get("/api/v1/checks/api try".replace(" ", "%20")).status())
                .isEqualTo(404);
    }

    @Test
    void scheduledChecksRunOnTheirOwn() {
        long id = admin.post("/api/v1/checks", journey("api scheduled").replace("\"1m\"", "\"1s\""))
                .json()
                .get("id")
                .asLong();
        admin.send("PUT", "/api/v1/check-secrets/API_TEST_PW", "{\"value\": \"s3cret-pw\"}", "application/json");

        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(reader.get("/api/v1/checks/" + id + "/results")
                                .json()
                                .size())
                        .isGreaterThanOrEqualTo(3));
        var uptime = reader.get("/api/v1/checks/" + id + "/uptime?range=1h").json();
        assertThat(uptime.get("runs").asInt()).isGreaterThanOrEqualTo(3);
        assertThat(reader.get("/api/v1/checks/" + id + "/latency?range=1h")
                        .json()
                        .size())
                .isPositive();
        admin.delete("/api/v1/checks/" + id);
    }
}
