package dev.pitwall.changes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pitwall.accounts.Scope;
import dev.pitwall.accounts.TestTokens;
import dev.pitwall.system.ApiClient;
import dev.pitwall.system.DurableEvents;
import dev.pitwall.system.PitwallTest;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

@PitwallTest
@Import(ChangeEventsProbe.class)
class ChangeApiTest {

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    ChangeEventsProbe probe;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DurableEvents durableEvents;

    @Autowired
    TransactionTemplate transactions;

    ApiClient ingest;
    ApiClient reader;

    @BeforeEach
    void tokens() {
        ingest = ApiClient.at(port).withToken(TestTokens.create(context, Scope.INGEST));
        reader = ApiClient.at(port).withToken(TestTokens.create(context, Scope.READ));
    }

    @Test
    void recordsADeployOnceAndAnswersARepeatWithTheStoredChange() {
        String body = """
                {"externalId": "api-test-981", "service": "api-test-proposals", "environment": "production",
                 "kind": "deploy", "version": "2.14.0", "commitSha": "a1b2c3",
                 "commits": [{"sha": "a1b2c3", "message": "Line items use the new index", "author": "Ana",
                              "time": "2026-11-24T17:00:00+01:00"}],
                 "files": ["src/LineItems.java"], "author": "ana", "description": "Release 2.14",
                 "url": "https://ci.example.com/981",
                 "startedAt": "2026-11-24T18:00:00Z", "finishedAt": "2026-11-24T18:02:00Z", "status": "succeeded"}""";

        var created = ingest.post("/api/v1/changes", body);
        var repeated = ingest.post("/api/v1/changes", body);

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        long id = created.json().get("id").asLong();
        assertThat(created.headers().firstValue("Location")).contains("/api/v1/changes/" + id);
        assertThat(repeated.status()).isEqualTo(200);
        assertThat(repeated.json().get("id").asLong()).isEqualTo(id);
        assertThat(count("api-test-proposals")).isEqualTo(1);
        JsonNode read = reader.get("/api/v1/changes/" + id).json();
        assertThat(read.get("kind").asString()).isEqualTo("deploy");
        assertThat(read.get("source").asString()).isEqualTo("api");
        assertThat(read.get("commits").get(0).get("message").asString()).isEqualTo("Line items use the new index");
        assertThat(read.get("commits").get(0).get("time").asString()).isEqualTo("2026-11-24T16:00:00Z");
        assertThat(read.get("links").get(0).get("href").asString()).isEqualTo("https://ci.example.com/981");
        assertThat(read.get("finishedAt").asString()).isEqualTo("2026-11-24T18:02:00Z");
        await().atMost(Duration.ofSeconds(10)).until(() -> probe.finishedFor(id).size() == 1);
        assertThat(probe.finishedFor(id).getFirst().status()).isEqualTo(ChangeStatus.SUCCEEDED);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> !probe.recordedFor(id).isEmpty());
    }

    @Test
    void fillsThePreviousVersionFromTheLastSuccessfulDeploy() {
        post("{\"service\": \"api-test-prev\", \"version\": \"1.0\", \"startedAt\": \"2026-11-20T10:00:00Z\"}");
        post("{\"service\": \"api-test-prev\", \"version\": \"1.1\", \"status\": \"failed\","
                + " \"startedAt\": \"2026-11-21T10:00:00Z\"}");
        JsonNode config = post("{\"service\": \"api-test-prev\", \"kind\": \"config\", \"description\": \"pool 20\","
                + " \"startedAt\": \"2026-11-21T11:00:00Z\"}");
        JsonNode next = post(
                "{\"service\": \"api-test-prev\", \"version\": \"1.2\"," + " \"startedAt\": \"2026-11-22T10:00:00Z\"}");
        JsonNode rollback = post("{\"service\": \"api-test-prev\", \"kind\": \"rollback\","
                + " \"startedAt\": \"2026-11-22T11:00:00Z\"}");

        assertThat(config.get("previousVersion").asString()).isEqualTo("1.0");
        assertThat(next.get("previousVersion").asString()).isEqualTo("1.0");
        assertThat(rollback.get("previousVersion").asString()).isEqualTo("1.2");
        assertThat(rollback.get("version").asString())
                .as("a rollback goes back to what ran before")
                .isEqualTo("1.0");
        var last = ingest.get("/api/v1/changes/last-deploy?service=API-TEST-PREV");
        assertThat(last.json().get("kind").asString()).isEqualTo("rollback");
    }

    @Test
    void finishesAChangeWithPatchAndPublishesChangeFinishedOnce() {
        JsonNode started = post("{\"service\": \"api-test-patch\", \"version\": \"3\", \"status\": \"in_progress\","
                + " \"startedAt\": \"2026-11-24T18:00:00Z\"}");
        long id = started.get("id").asLong();
        assertThat(started.get("finishedAt").isNull()).isTrue();

        var finished = ingest.patch(
                "/api/v1/changes/" + id, "{\"status\": \"succeeded\", \"finishedAt\": \"2026-11-24T18:05:00Z\"}");
        var rolledBack = ingest.patch("/api/v1/changes/" + id, "{\"status\": \"rolled_back\"}");
        var restarted = ingest.patch("/api/v1/changes/" + id, "{\"status\": \"in_progress\"}");

        assertThat(finished.status()).as(finished.body()).isEqualTo(200);
        assertThat(finished.json().get("finishedAt").asString()).isEqualTo("2026-11-24T18:05:00Z");
        assertThat(rolledBack.json().get("status").asString()).isEqualTo("rolled_back");
        assertThat(restarted.status()).isEqualTo(409);
        assertThat(restarted.json().get("detail").asString()).contains("already finished");
        await().atMost(Duration.ofSeconds(10)).until(() -> probe.finishedFor(id).size() == 1);
        await().during(Duration.ofMillis(600))
                .atMost(Duration.ofSeconds(5))
                .until(() -> probe.finishedFor(id).size() == 1);
        assertThat(reader.get("/api/v1/changes/" + id + "/history").json())
                .extracting(n -> n.get("note").asString())
                .hasSize(3)
                .anySatisfy(note -> assertThat(note).contains("in_progress → succeeded"));
        await().atMost(Duration.ofSeconds(10)).until(() -> probe.recordedFor(id).size() == 3);
        assertThat(ingest.patch("/api/v1/changes/999999", "{\"status\": \"failed\"}")
                        .status())
                .isEqualTo(404);
    }

    @Test
    void storesAReportedVerificationOnTheChange() {
        long id = post("{\"service\": \"api-test-verified\", \"version\": \"9\"}")
                .get("id")
                .asLong();

        transactions.executeWithoutResult(s -> durableEvents.publish(new VerificationReported(
                id, ChangeVerification.FAILED, "check 'login' failed 14 s after the deploy", Instant.now())));

        await().atMost(Duration.ofSeconds(10))
                .until(
                        () -> reader.get("/api/v1/changes/" + id)
                                .json()
                                .get("verification")
                                .asString(),
                        v -> v.equals("failed"));
        JsonNode change = reader.get("/api/v1/changes/" + id).json();
        assertThat(change.get("verificationSummary").asString()).contains("login");
        assertThat(reader.get("/api/v1/changes/" + id + "/history").body()).contains("verification failed");
    }

    @Test
    void listsWithFiltersAndACursor() {
        for (int i = 0; i < 5; i++) {
            post("{\"service\": \"api-test-list\", \"version\": \"" + i + "\", \"kind\": \""
                    + (i == 2 ? "feature_flag" : "deploy") + "\", \"startedAt\": \"2026-10-01T10:0" + i + ":00Z\"}");
        }

        JsonNode first =
                reader.get("/api/v1/changes?service=api-test-list&limit=3").json();
        JsonNode second = reader.get("/api/v1/changes?service=api-test-list&limit=3&cursor="
                        + first.get("next").asString())
                .json();
        JsonNode flags = reader.get("/api/v1/changes?service=api-test-list&kind=feature_flag")
                .json();
        JsonNode window = reader.get(
                        "/api/v1/changes?service=api-test-list&from=2026-10-01T10:01:00Z&to=2026-10-01T10:03:00Z")
                .json();

        assertThat(first.get("changes"))
                .extracting(n -> n.get("version").asString())
                .containsExactly("4", "3", "2");
        assertThat(first.get("changes").get(0).has("commits")).isFalse();
        assertThat(second.get("changes"))
                .extracting(n -> n.get("version").asString())
                .containsExactly("1", "0");
        assertThat(second.get("next").isNull()).isTrue();
        assertThat(flags.get("changes"))
                .extracting(n -> n.get("version").asString())
                .containsExactly("2");
        assertThat(window.get("changes"))
                .extracting(n -> n.get("version").asString())
                .containsExactly("2", "1");
        assertThat(reader.get("/api/v1/changes?cursor=garbage")
                        .json()
                        .get("field")
                        .asString())
                .isEqualTo("cursor");
        assertThat(reader.get("/api/v1/changes?limit=100000")
                        .json()
                        .get("field")
                        .asString())
                .isEqualTo("limit");
    }

    @Test
    void showsWhatChangedPerServiceWithVersionsAtBothEnds() {
        post("{\"service\": \"api-test-diff-a\", \"version\": \"1.0\", \"startedAt\": \"2026-09-01T10:00:00Z\"}");
        post("{\"service\": \"api-test-diff-a\", \"version\": \"1.1\", \"startedAt\": \"2026-09-02T20:00:00Z\"}");
        post("{\"service\": \"api-test-diff-a\", \"kind\": \"feature_flag\", \"description\": \"new-checkout on\","
                + " \"startedAt\": \"2026-09-02T21:00:00Z\"}");
        post("{\"service\": \"api-test-diff-b\", \"version\": \"7\", \"environment\": \"staging\","
                + " \"startedAt\": \"2026-09-02T22:00:00Z\"}");
        post("{\"service\": \"api-test-diff-c\", \"version\": \"3\", \"startedAt\": \"2026-09-01T22:00:00Z\"}");

        JsonNode diff = reader.get("/api/v1/changes/diff?from=2026-09-02T18:00:00Z&to=2026-09-03T08:00:00Z")
                .json();
        JsonNode production = reader.get(
                        "/api/v1/changes/diff?from=2026-09-02T18:00:00Z&to=2026-09-03T08:00:00Z&env=production")
                .json();

        assertThat(diff.get("services"))
                .extracting(s ->
                        s.get("service").asString() + "@" + s.get("environment").asString() + " "
                                + s.get("fromVersion").asString("-") + "→"
                                + s.get("toVersion").asString("-") + " "
                                + s.get("changes").size())
                .containsExactly("api-test-diff-a@production 1.0→1.1 2", "api-test-diff-b@staging -→7 1");
        assertThat(diff.get("services").get(0).get("otherKinds").get(0).asString())
                .isEqualTo("feature_flag");
        assertThat(production.get("services")).hasSize(1);
        assertThat(reader.get("/api/v1/changes/diff?from=2026-09-03T08:00:00Z&to=2026-09-02T08:00:00Z")
                        .json()
                        .get("field")
                        .asString())
                .isEqualTo("to");
        assertThat(reader.get("/api/v1/changes/diff").json().get("field").asString())
                .isEqualTo("from");
    }

    static Stream<Arguments> badChanges() {
        String manyCommits = IntStream.rangeClosed(0, 10_000)
                .mapToObj(i -> "{\"sha\": \"c" + i + "\"}")
                .collect(Collectors.joining(",", "[", "]"));
        String manyFiles = IntStream.rangeClosed(0, 10_000)
                .mapToObj(i -> "\"f" + i + "\"")
                .collect(Collectors.joining(",", "[", "]"));
        return Stream.of(
                Arguments.of("unknown kind", "\"kind\": \"deploymint\"", "kind"),
                Arguments.of("unknown status", "\"status\": \"done\"", "status"),
                Arguments.of(
                        "end before start",
                        "\"startedAt\": \"2026-11-24T18:00:00Z\", \"finishedAt\": \"2026-11-24T17:00:00Z\"",
                        "finishedAt"),
                Arguments.of("version over 200 characters", "\"version\": \"" + "v".repeat(201) + "\"", "version"),
                Arguments.of("more than 10,000 commits", "\"commits\": " + manyCommits, "commits"),
                Arguments.of("more than 10,000 files", "\"files\": " + manyFiles, "files"),
                Arguments.of("a start time that is not RFC 3339", "\"startedAt\": \"24/11/2026 18:00\"", "startedAt"),
                Arguments.of("a time without offset", "\"finishedAt\": \"2026-11-24T18:00:00\"", "finishedAt"),
                Arguments.of(
                        "a commit time that is not RFC 3339",
                        "\"commits\": [{\"sha\": \"abc\", \"time\": \"yesterday\"}]",
                        "commits[0].time"),
                Arguments.of(
                        "an end while in progress",
                        "\"status\": \"in_progress\", \"finishedAt\": \"2026-11-24T18:00:00Z\"",
                        "finishedAt"),
                Arguments.of(
                        "a link that is not http",
                        "\"links\": [{\"href\": \"javascript:alert(1)\"}]",
                        "links[0].href"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badChanges")
    void refusesBadInputNamingTheFieldAndStoresNothing(String why, String fields, String field) {
        long before = total();

        var response =
                ingest.post("/api/v1/changes", "{\"service\": \"api-test-bad\", \"version\": \"1\", " + fields + "}");

        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("field").asString()).isEqualTo(field);
        assertThat(response.json().get("detail").asString()).isNotBlank();
        assertThat(total()).isEqualTo(before);
    }

    @Test
    void refusesAServiceNameOver200CharactersAndStoresNothing() {
        long before = total();

        var response = ingest.post("/api/v1/changes", "{\"service\": \"" + "s".repeat(201) + "\"}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("field").asString()).isEqualTo("service");
        assertThat(response.json().get("detail").asString()).contains("200");
        assertThat(total()).isEqualTo(before);
    }

    @Test
    void readTokensCannotRecordAndAnonymousCallersCannotRead() {
        assertThat(reader.post("/api/v1/changes", "{\"service\": \"api-test-x\"}")
                        .status())
                .isEqualTo(403);
        assertThat(ApiClient.at(port).get("/api/v1/changes").status()).isEqualTo(401);
        assertThat(reader.get("/api/v1/changes/424242").status()).isEqualTo(404);
    }

    @Test
    void theRecordingPathAnswersEveryRefusalAsProblemDetailsAndStoresNothing() {
        long before = total();

        var broken = ingest.post("/api/v1/changes", "{\"service\": \"api-test-broken\", ");
        var notAnObject = ingest.post("/api/v1/changes", "null");
        var wrongType = ingest.post("/api/v1/changes", "{\"service\": \"api-test-x\", \"files\": \"a.java\"}");
        var plainText = ingest.send("POST", "/api/v1/changes", "service=api-test-x", "text/plain");
        var noToken = ApiClient.at(port).post("/api/v1/changes", "{\"service\": \"api-test-x\"}");
        var unknownToken = ApiClient.at(port).withToken("pw_unknown").post("/api/v1/changes", "{\"service\": \"x\"}");

        assertThat(broken.status()).isEqualTo(400);
        assertThat(broken.json().get("detail").asString()).startsWith("The body is not valid JSON at line 1");
        assertThat(notAnObject.status()).isEqualTo(400);
        assertThat(notAnObject.json().get("detail").asString()).contains("JSON object");
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(wrongType.json().get("field").asString()).isEqualTo("files");
        assertThat(wrongType.json().get("detail").asString()).isEqualTo("Field 'files' must be a list");
        assertThat(plainText.status()).isEqualTo(415);
        assertThat(plainText.json().get("detail").asString()).contains("text/plain", "application/json");
        assertThat(noToken.status()).isEqualTo(401);
        assertThat(noToken.headers().firstValue("WWW-Authenticate")).contains("Bearer realm=\"pitwall\"");
        assertThat(unknownToken.status()).isEqualTo(401);
        assertThat(Stream.of(broken, notAnObject, wrongType, plainText, noToken, unknownToken)
                        .map(ApiClient.Response::contentType))
                .allSatisfy(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(total()).isEqualTo(before);
    }

    private JsonNode post(String body) {
        var response = ingest.post("/api/v1/changes", body);
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json();
    }

    private long count(String service) {
        return jdbc.sql("SELECT count(*) FROM changes_change WHERE service = ?")
                .param(service)
                .query(Long.class)
                .single();
    }

    private long total() {
        return jdbc.sql("SELECT count(*) FROM changes_change").query(Long.class).single();
    }
}
