package dev.pitwall.changes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pitwall.accounts.Scope;
import dev.pitwall.accounts.TestTokens;
import dev.pitwall.system.ApiClient;
import dev.pitwall.system.PitwallTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** GitHub webhooks, CDEvents and PagerDuty change events, with the senders' real payloads. */
@PitwallTest
@Import(ChangeEventsProbe.class)
class ChangeIntegrationsTest {

    static final String SECRET = "It's a Secret to Everybody";
    private static final AtomicLong DEPLOYMENT_IDS = new AtomicLong(900_000_000L);

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    ChangeEventsProbe probe;

    @Autowired
    JdbcClient jdbc;

    ApiClient admin;
    ApiClient ingest;
    ApiClient reader;
    ApiClient anonymous;

    @BeforeEach
    void setUp() {
        admin = ApiClient.at(port).withToken(TestTokens.create(context, Scope.ADMIN));
        ingest = ApiClient.at(port).withToken(TestTokens.create(context, Scope.INGEST));
        reader = ApiClient.at(port).withToken(TestTokens.create(context, Scope.READ));
        anonymous = ApiClient.at(port);
        var set = admin.send(
                "PUT", "/api/v1/integrations/github/settings", "{\"secret\": \"" + SECRET + "\"}", "application/json");
        assertThat(set.status()).as(set.body()).isEqualTo(200);
    }

    static String resource(String name) {
        try (var in = ChangeIntegrationsTest.class.getResourceAsStream("/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** GitHub's example with its deployment id replaced, so that each test has its own deployment. */
    static String gitHubExample(String name, long deploymentId) {
        return resource("github/" + name).replace("145988746", Long.toString(deploymentId));
    }

    static String signature(String secret, String body) {
        return "sha256="
                + HexFormat.of().formatHex(GitHubIntegration.sign(secret, body.getBytes(StandardCharsets.UTF_8)));
    }

    ApiClient.Response deliver(String event, String body, String delivery, String signature) {
        return anonymous.send(
                "POST",
                "/api/v1/integrations/github",
                body,
                "application/json",
                "X-GitHub-Event",
                event,
                "X-GitHub-Delivery",
                delivery,
                "X-Hub-Signature-256",
                signature,
                "User-Agent",
                "GitHub-Hookshot/044aadd");
    }

    ApiClient.Response deliver(String event, String body) {
        return deliver(event, body, UUID.randomUUID().toString(), signature(SECRET, body));
    }

    @Test
    void aGitHubDeploymentStartsAChangeAndItsSuccessStatusFinishesIt() {
        long deploymentId = DEPLOYMENT_IDS.incrementAndGet();

        var started = deliver("deployment", gitHubExample("deployment.json", deploymentId));
        long id = started.json().get("changeId").asLong();
        var finished = deliver("deployment_status", gitHubExample("deployment_status-success.json", deploymentId));

        assertThat(started.status()).as(started.body()).isEqualTo(201);
        assertThat(finished.status()).as(finished.body()).isEqualTo(200);
        assertThat(finished.json().get("changeId").asLong()).isEqualTo(id);
        JsonNode change = reader.get("/api/v1/changes/" + id).json();
        assertThat(change.get("source").asString()).isEqualTo("github");
        assertThat(change.get("service").asString()).isEqualTo("Hello-World");
        assertThat(change.get("environment").asString()).isEqualTo("production");
        assertThat(change.get("version").asString())
                .as("the default branch gives the short SHA")
                .isEqualTo("f95f852bd8fc");
        assertThat(change.get("commitSha").asString()).isEqualTo("f95f852bd8fca8fcc58a9a2d6c842781e32a215e");
        assertThat(change.get("author").asString()).isEqualTo("Codertocat");
        assertThat(change.get("startedAt").asString()).isEqualTo("2019-05-15T15:20:53Z");
        assertThat(change.get("finishedAt").asString()).isEqualTo("2019-05-15T15:20:55Z");
        assertThat(change.get("status").asString()).isEqualTo("succeeded");
        assertThat(change.get("links").get(0).get("href").asString())
                .isEqualTo("https://github.com/Codertocat/Hello-World/commit/f95f852bd8fca8fcc58a9a2d6c842781e32a215e");
        await().atMost(Duration.ofSeconds(10)).until(() -> probe.finishedFor(id).size() == 1);
    }

    @Test
    void aReplayedDeliveryRecordsNothingMore() {
        long deploymentId = DEPLOYMENT_IDS.incrementAndGet();
        String body = gitHubExample("deployment.json", deploymentId);
        String delivery = UUID.randomUUID().toString();

        var first = deliver("deployment", body, delivery, signature(SECRET, body));
        long before = total();
        var replay = deliver("deployment", body, delivery, signature(SECRET, body));

        assertThat(first.status()).isEqualTo(201);
        assertThat(replay.status()).isEqualTo(200);
        assertThat(replay.json().get("result").asString()).isEqualTo("duplicate");
        assertThat(total()).isEqualTo(before);
        assertThat(reader.get("/api/v1/changes/" + first.json().get("changeId").asLong() + "/history")
                        .json()
                        .size())
                .isEqualTo(1);
    }

    @Test
    void aStatusThatArrivesFirstRecordsTheChangeInProgress() {
        long deploymentId = DEPLOYMENT_IDS.incrementAndGet();

        var response = deliver("deployment_status", gitHubExample("deployment_status-in_progress.json", deploymentId));

        assertThat(response.status()).as(response.body()).isEqualTo(201);
        JsonNode change = reader.get(
                        "/api/v1/changes/" + response.json().get("changeId").asLong())
                .json();
        assertThat(change.get("status").asString()).isEqualTo("in_progress");
        assertThat(change.get("environment").asString()).isEqualTo("github-pages");
        assertThat(change.get("links").toString()).contains("https://github.com/CorsixTH/CorsixTH/runs/4687056418");
    }

    @Test
    void aBadOrMissingSignatureIsRefusedAndNothingIsStored() {
        String body = gitHubExample("deployment.json", DEPLOYMENT_IDS.incrementAndGet());
        long before = total();

        var wrong = deliver("deployment", body, UUID.randomUUID().toString(), signature("not the secret", body));
        var missing = anonymous.send(
                "POST",
                "/api/v1/integrations/github",
                body,
                "application/json",
                "X-GitHub-Event",
                "deployment",
                "X-GitHub-Delivery",
                UUID.randomUUID().toString());
        var tampered = deliver(
                "deployment",
                body.replace("production", "prod"),
                UUID.randomUUID().toString(),
                signature(SECRET, body));

        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.contentType()).startsWith("application/problem+json");
        assertThat(wrong.json().get("detail").asString()).contains("does not match");
        assertThat(missing.status()).isEqualTo(401);
        assertThat(missing.json().get("detail").asString()).contains("X-Hub-Signature-256");
        assertThat(tampered.status()).isEqualTo(401);
        assertThat(total()).isEqualTo(before);
    }

    @Test
    void otherGitHubEventsAreAcceptedAndIgnored() {
        var push = deliver("push", resource("github/push.json"));
        var ping = deliver("ping", resource("github/ping.json"));

        assertThat(push.status()).isEqualTo(202);
        assertThat(push.json().get("result").asString()).isEqualTo("ignored");
        assertThat(ping.status()).isEqualTo(202);
    }

    @Test
    void theGitHubSecretIsNeverShown() {
        var settings = admin.get("/api/v1/integrations/github/settings");

        assertThat(settings.json().get("secretSet").asBoolean()).isTrue();
        assertThat(settings.body()).doesNotContain(SECRET);
        assertThat(jdbc.sql("SELECT secret FROM changes_integration WHERE name = 'github'")
                        .query(String.class)
                        .single())
                .startsWith("v1:")
                .doesNotContain(SECRET);
        assertThat(reader.get("/api/v1/integrations/github/settings").status()).isEqualTo(403);
    }

    @Test
    void recordsACdEventSentAsACloudEvent() {
        String body = resource("cdevents/service-deployed-cloudevent.json");

        var created = ingest.send("POST", "/api/v1/integrations/cdevents", body, "application/cloudevents+json");
        var repeated = ingest.send("POST", "/api/v1/integrations/cdevents", body, "application/cloudevents+json");

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode change = created.json();
        assertThat(change.get("source").asString()).isEqualTo("cdevents");
        assertThat(change.get("service").asString()).isEqualTo("pricing-api");
        assertThat(change.get("environment").asString()).isEqualTo("production");
        assertThat(change.get("kind").asString()).isEqualTo("deploy");
        assertThat(change.get("version").asString())
                .isEqualTo("sha256:0b31b1c02ff458ad9b7b81cbdf8f028bd54699fa151f221d1e8de6817db93427");
        assertThat(change.get("startedAt").asString()).isEqualTo("2026-11-24T19:10:00Z");
        assertThat(change.get("status").asString()).isEqualTo("succeeded");
        assertThat(repeated.status()).isEqualTo(200);
        assertThat(repeated.json().get("id").asLong())
                .isEqualTo(change.get("id").asLong());
    }

    @Test
    void recordsABareCdEventRollback() {
        var response = ingest.post("/api/v1/integrations/cdevents", resource("cdevents/service-rolledback.json"));

        assertThat(response.status()).as(response.body()).isEqualTo(201);
        assertThat(response.json().get("kind").asString()).isEqualTo("rollback");
        assertThat(response.json().get("service").asString()).isEqualTo("ledger");
        assertThat(response.json().get("version").asString()).isEqualTo("4.2.1");
        assertThat(response.json().get("environment").asString()).isEqualTo("staging");
    }

    @Test
    void otherCdEventsAreIgnoredAndBadOnesRefused() {
        String build = resource("cdevents/service-rolledback.json")
                .replace("dev.cdevents.service.rolledback.0.1.1", "dev.cdevents.build.finished.0.1.1");
        String badTime = resource("cdevents/service-rolledback.json")
                .replace("2026-11-24T21:30:00.125Z", "24 Nov 2026")
                .replace("5b9e2c1a", "ffffffff");
        long before = total();

        var ignored = ingest.post("/api/v1/integrations/cdevents", build);
        var refused = ingest.post("/api/v1/integrations/cdevents", badTime);
        var anonymousCall = anonymous.post("/api/v1/integrations/cdevents", build);

        assertThat(ignored.status()).isEqualTo(202);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("field").asString()).isEqualTo("context.timestamp");
        assertThat(anonymousCall.status()).isEqualTo(401);
        assertThat(total()).isEqualTo(before);
    }

    @Test
    void recordsAPagerDutyChangeEventAndRepliesLikePagerDuty() {
        String body = """
                {
                  "routing_key": "%s",
                  "payload": {
                    "summary": "Build Success: Increase snapshot create timeout to 30 seconds",
                    "timestamp": "2026-11-24T08:42:58.315+0000",
                    "source": "acme-build-pipeline-tool-default-i-9999",
                    "custom_details": {
                      "build_state": "passed",
                      "build_number": "2",
                      "run_time": "1236s",
                      "service": "pd-snapshots",
                      "version": "2.0.2"
                    }
                  },
                  "links": [
                    {"href": "https://acme.pagerduty.dev/build/2", "text": "View more details in Acme!"}
                  ]
                }""".formatted(TestTokens.create(context, Scope.INGEST));

        var accepted = anonymous.post("/v2/change/enqueue", body);
        var again = anonymous.post("/v2/change/enqueue", body);

        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        assertThat(accepted.json().get("status").asString()).isEqualTo("success");
        assertThat(accepted.json().get("message").asString()).isEqualTo("Change event processed");
        assertThat(again.status()).isEqualTo(202);
        JsonNode listed =
                reader.get("/api/v1/changes?service=pd-snapshots").json().get("changes");
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).get("source").asString()).isEqualTo("pagerduty");
        assertThat(listed.get(0).get("version").asString()).isEqualTo("2.0.2");
        assertThat(listed.get(0).get("startedAt").asString()).isEqualTo("2026-11-24T08:42:58.315Z");
        assertThat(listed.get(0).get("description").asString()).startsWith("Build Success");
        assertThat(listed.get(0).get("links").get(0).get("text").asString()).isEqualTo("View more details in Acme!");
    }

    @Test
    void refusesPagerDutyEventsWithoutAnIngestTokenOrSummaryLikePagerDuty() {
        String readToken = TestTokens.create(context, Scope.READ);
        long before = total();

        var noKey = anonymous.post("/v2/change/enqueue", "{\"payload\": {\"summary\": \"x\", \"source\": \"a\"}}");
        var unknownKey = anonymous.post(
                "/v2/change/enqueue",
                "{\"routing_key\": \"pw_nope\", \"payload\": {\"summary\": \"x\", \"source\": \"a\"}}");
        var readOnly = anonymous.post(
                "/v2/change/enqueue",
                "{\"routing_key\": \"" + readToken + "\", \"payload\": {\"summary\": \"x\", \"source\": \"a\"}}");
        var noSummary = anonymous.post(
                "/v2/change/enqueue",
                "{\"routing_key\": \"" + TestTokens.create(context, Scope.INGEST)
                        + "\", \"payload\": {\"source\": \"a\"}}");
        var badTime = anonymous.post(
                "/v2/change/enqueue",
                "{\"routing_key\": \"" + TestTokens.create(context, Scope.INGEST)
                        + "\", \"payload\": {\"summary\": \"x\", \"source\": \"a\", \"timestamp\": \"soon\"}}");
        var notJson = anonymous.post("/v2/change/enqueue", "{not json");

        for (var response : java.util.List.of(noKey, unknownKey, readOnly, noSummary, badTime, notJson)) {
            assertThat(response.status()).as(response.body()).isEqualTo(400);
            assertThat(response.json().get("status").asString()).isEqualTo("invalid event");
            assertThat(response.json().get("errors").isArray()).isTrue();
        }
        assertThat(noKey.json().get("errors").get(0).asString()).contains("routing_key");
        assertThat(badTime.json().get("errors").get(0).asString()).contains("payload.timestamp");
        assertThat(total()).isEqualTo(before);
    }

    private long total() {
        return jdbc.sql("SELECT count(*) FROM changes_change").query(Long.class).single();
    }
}
