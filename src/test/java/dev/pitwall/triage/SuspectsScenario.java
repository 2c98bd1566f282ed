package dev.pitwall.triage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pitwall.accounts.Scope;
import dev.pitwall.accounts.TestTokens;
import dev.pitwall.changes.ChangeVerification;
import dev.pitwall.changes.VerificationReported;
import dev.pitwall.incidents.IncidentView;
import dev.pitwall.incidents.Incidents;
import dev.pitwall.incidents.TimelineEntry;
import dev.pitwall.signals.Severity;
import dev.pitwall.system.ApiClient;
import dev.pitwall.system.BrowserSession;
import dev.pitwall.system.DurableEvents;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The issue's "done means" through the real server: the seed story (an evening billing deploy
 * whose commit touched {@code LineItemMapper}, other changes, then an alert and customer reports
 * "members can't see line items") ranks the breaking deploy first with its reasons; a change
 * recorded while the incident is open re-ranks it; marks go on the timeline. Run on SQLite and on
 * PostgreSQL by the subclasses. Services and the environment carry a random suffix because the
 * server (and its database) is shared with other test classes.
 */
abstract class SuspectsScenario {

    static final Duration WAIT = Duration.ofSeconds(30);

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    Incidents incidents;

    @Autowired
    IncidentSuspects suspects;

    @Autowired
    DurableEvents durableEvents;

    @Autowired
    Clock clock;

    ApiClient admin;
    ApiClient ingest;
    ApiClient reader;
    IncidentSignals signals;
    String suffix;
    String env;

    @BeforeEach
    void setUp() {
        admin = ApiClient.at(port).withToken(TestTokens.create(context, Scope.ADMIN));
        ingest = ApiClient.at(port).withToken(TestTokens.create(context, Scope.INGEST));
        reader = ApiClient.at(port).withToken(TestTokens.create(context, Scope.READ));
        signals = new IncidentSignals(events, transactions);
        suffix = letters(new Random(), 6);
        env = "production-" + suffix;
    }

    @Test
    void theSeedStoryRanksTheEveningBillingDeployFirstReRanksOnNewChangesAndRecordsMarks() {
        String portal = "members-portal-" + suffix;
        String billing = "billing-api-" + suffix;
        String membersApi = "members-api-" + suffix;
        String search = "search-" + suffix;
        String notifications = "notifications-" + suffix;
        describe(portal, billing, membersApi);
        describe(billing, "ledger-" + suffix);

        Instant impact = clock.instant().minus(Duration.ofMinutes(20)).truncatedTo(ChronoUnit.SECONDS);
        long breaking = record(
                billing,
                env,
                "deploy",
                "2025.03.10-3",
                impact.minus(Duration.ofHours(14)),
                impact.minus(Duration.ofHours(14)).plusSeconds(420),
                "Evening release",
                List.of("Read invoice rows from the ledger v2 schema", "Speed up statement export"),
                List.of("src/main/java/com/acme/billing/invoice/LineItemMapper.java", "src/main/resources/db.yaml"));
        long stagingTwin = record(
                billing,
                "staging-" + suffix,
                "deploy",
                "2025.03.11-1",
                impact.minus(Duration.ofMinutes(12)),
                impact.minus(Duration.ofMinutes(9)),
                "Staging release",
                List.of("Map line items from the new invoice rows"),
                List.of("src/main/java/com/acme/billing/invoice/LineItemMapper.java"));
        long recentUnrelated = record(
                membersApi,
                env,
                "deploy",
                "4.2.0",
                impact.minus(Duration.ofMinutes(45)),
                impact.minus(Duration.ofMinutes(40)),
                "Morning release",
                List.of("Cache member profile lookups"),
                List.of("src/main/java/com/acme/members/ProfileCache.java"));
        long lastBeforeImpact = record(
                search,
                env,
                "deploy",
                "7.1.3",
                impact.minus(Duration.ofMinutes(14)),
                impact.minus(Duration.ofMinutes(10)),
                "Search tuning",
                List.of("Boost exact provider name matches"),
                List.of("src/ranking/boosts.py"));
        long flag = record(
                notifications,
                env,
                "feature_flag",
                null,
                impact.minus(Duration.ofHours(3)),
                impact.minus(Duration.ofHours(3)),
                "Flag digest-emails on for 50%",
                List.of(),
                List.of());

        signals.publish(IncidentSignals.alert(
                "InvoicePageErrors", "Invoice page answers 500", Severity.CRITICAL, portal, env, impact));
        IncidentView incident = incidents.open().stream()
                .filter(i -> i.services().contains(portal))
                .findFirst()
                .orElseThrow();
        long id = incident.id();
        signals.publish(IncidentSignals.report(
                "acme-" + suffix, "members can't see line items", portal, env, impact.plusSeconds(300)));
        signals.publish(IncidentSignals.report(
                "globex-" + suffix,
                "Members cannot see their line items any more",
                portal,
                env,
                impact.plusSeconds(420)));

        await().atMost(WAIT).untilAsserted(() -> {
            JsonNode list = reader.get("/api/v1/incidents/" + id + "/suspects").json();
            assertThat(ids(list.get("ranked"))).first().isEqualTo(breaking);
            assertThat(text(list.get("ranked").get(0).get("evidence"))).contains("line item");
        });
        ApiClient.Response response = reader.get("/api/v1/incidents/" + id + "/suspects");
        assertThat(response.status()).isEqualTo(200);
        JsonNode list = response.json();
        assertThat(list.get("incidentId").asLong()).isEqualTo(id);
        assertThat(list.get("candidates").asInt()).isGreaterThanOrEqualTo(4);
        assertThat(Instant.parse(list.get("rankedAt").asString())).isAfter(impact);
        assertThat(ids(list.get("ranked")))
                .contains(breaking, recentUnrelated, lastBeforeImpact, flag)
                .doesNotContain(stagingTwin);
        JsonNode top = list.get("ranked").get(0);
        assertThat(top.get("rank").asInt()).isEqualTo(1);
        assertThat(top.get("service").asString()).isEqualTo(billing);
        assertThat(top.get("kind").asString()).isEqualTo("deploy");
        assertThat(top.get("version").asString()).isEqualTo("2025.03.10-3");
        assertThat(top.get("mark").asString()).isEqualTo("none");
        assertThat(text(top.get("evidence")))
                .contains("LineItemMapper.java")
                .contains(portal + " depends on " + billing)
                .contains("finished 13 h 53 min before impact");
        double sum = StreamSupport.stream(top.get("evidence").spliterator(), false)
                .mapToDouble(e -> e.get("score").asDouble())
                .sum();
        assertThat(top.get("score").asDouble()).isCloseTo(sum, org.assertj.core.data.Offset.offset(1e-9));

        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(entries(id, "top_suspect"))
                        .last()
                        .satisfies(e -> assertThat(e.text())
                                .startsWith("Top suspect: " + billing + " 2025.03.10-3 (deploy, change #" + breaking
                                        + ") — ")
                                .contains("LineItemMapper.java")));

        // A change recorded while the incident is open re-ranks it: a rollback, during the incident.
        long rollback = record(
                billing,
                env,
                "rollback",
                "2025.03.09-7",
                clock.instant().minusSeconds(30),
                clock.instant().minusSeconds(5),
                "Roll back the evening release",
                List.of(),
                List.of());
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(ids(reader.get("/api/v1/incidents/" + id + "/suspects")
                                .json()
                                .get("duringIncident")))
                        .containsExactly(rollback));

        // Marks, each on the timeline with who made it.
        assertThat(mark(id, recentUnrelated, "ruled_out", "profile cache only serves the members app")
                        .status())
                .isEqualTo(200);
        ApiClient.Response confirmed = mark(id, breaking, "confirmed_cause", "LineItemMapper reads the old schema");
        assertThat(confirmed.status()).isEqualTo(200);
        JsonNode marked = confirmed.json().get("ranked").get(0);
        assertThat(marked.get("changeId").asLong()).isEqualTo(breaking);
        assertThat(marked.get("mark").asString()).isEqualTo("confirmed_cause");
        assertThat(marked.get("markNote").asString()).isEqualTo("LineItemMapper reads the old schema");
        assertThat(marked.get("markedBy").asString()).startsWith("token test-");
        assertThat(suspects.confirmedCauses(id)).containsExactly(breaking);
        assertThat(entries(id, "ruled_out")).singleElement().satisfies(e -> {
            assertThat(e.text())
                    .isEqualTo("Ruled out as cause: " + membersApi + " 4.2.0 (deploy, change #" + recentUnrelated
                            + ") — profile cache only serves the members app");
            assertThat(e.actor().display()).startsWith("token test-");
        });
        assertThat(entries(id, "confirmed_cause"))
                .singleElement()
                .satisfies(e -> assertThat(e.text())
                        .isEqualTo("Confirmed cause: " + billing + " 2025.03.10-3 (deploy, change #" + breaking
                                + ") — LineItemMapper reads the old schema"));
        // Marking the same again changes nothing and writes nothing.
        mark(id, breaking, "confirmed_cause", "LineItemMapper reads the old schema");
        assertThat(entries(id, "confirmed_cause")).hasSize(1);

        // A change the ranking did not list (the staging twin) can be marked, and stays listed through re-rankings.
        mark(id, stagingTwin, "ruled_out", "staging");
        record(
                search,
                env,
                "config",
                null,
                clock.instant(),
                clock.instant(),
                "Raise search timeout",
                List.of(),
                List.of());
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(ids(reader.get("/api/v1/incidents/" + id + "/suspects")
                                .json()
                                .get("duringIncident")))
                        .hasSize(2));
        JsonNode afterReRank =
                reader.get("/api/v1/incidents/" + id + "/suspects").json();
        JsonNode twin = find(afterReRank.get("ranked"), stagingTwin);
        assertThat(twin.get("rank").asInt()).isZero();
        assertThat(twin.get("mark").asString()).isEqualTo("ruled_out");
        assertThat(text(twin.get("evidence"))).contains("in staging-" + suffix + ", not " + env);
        assertThat(find(afterReRank.get("ranked"), breaking).get("mark").asString())
                .isEqualTo("confirmed_cause");

        // Clearing a mark.
        mark(id, stagingTwin, "none", null);
        assertThat(entries(id, "suspect_mark_cleared"))
                .singleElement()
                .satisfies(e -> assertThat(e.text()).contains("(was ruled out)"));
        assertThat(ids(reader.get("/api/v1/incidents/" + id + "/suspects")
                        .json()
                        .get("ranked")))
                .doesNotContain(stagingTwin);
    }

    @Test
    void verificationOutcomesOfTheChangesAndChecksNamingAChangeWeighInTheRanking() {
        String quotes = "quotes-" + suffix;
        Instant impact = clock.instant().minus(Duration.ofMinutes(10)).truncatedTo(ChronoUnit.SECONDS);
        long passed = record(
                quotes,
                env,
                "deploy",
                "1.0.1",
                impact.minus(Duration.ofMinutes(50)),
                impact.minus(Duration.ofMinutes(45)),
                "Quote rounding",
                List.of("Round premiums half up"),
                List.of());
        long failing = record(
                quotes,
                env,
                "deploy",
                "1.0.2",
                impact.minus(Duration.ofMinutes(6)),
                impact.minus(Duration.ofMinutes(4)),
                "Quote export",
                List.of("Export quotes as CSV"),
                List.of());
        transactions.executeWithoutResult(s -> durableEvents.publish(
                new VerificationReported(passed, ChangeVerification.PASSED, "every check passed", impact)));

        signals.publish(IncidentSignals.check(
                "broker can price a quote",
                "https://quotes.example.com/api/quotes/{id}/price",
                quotes,
                env,
                failing,
                quotes + " 1.0.2",
                impact.minus(Duration.ofMinutes(4)),
                impact));
        long id = incidents.open().stream()
                .filter(i -> i.services().contains(quotes))
                .findFirst()
                .orElseThrow()
                .id();

        await().atMost(WAIT).untilAsserted(() -> {
            JsonNode ranked =
                    reader.get("/api/v1/incidents/" + id + "/suspects").json().get("ranked");
            assertThat(ids(ranked)).containsExactly(failing, passed);
            assertThat(ranked.get(0).get("verification").asString()).isEqualTo("failed");
            assertThat(ranked.get(0).get("evidence").get(0).get("reason").asString())
                    .isEqualTo("post-deploy verification failed");
            assertThat(ranked.get(1).get("verification").asString()).isEqualTo("passed");
            assertThat(text(ranked.get(1).get("evidence"))).contains("post-deploy verification passed");
        });
    }

    @Test
    void badRequestsAreExplainedAndMarkingNeedsTheResponderScope() {
        String service = "payments-" + suffix;
        long change = record(
                service,
                env,
                "deploy",
                "3.0.0",
                clock.instant().minus(Duration.ofMinutes(30)),
                clock.instant().minus(Duration.ofMinutes(25)),
                "Payments",
                List.of(),
                List.of());
        signals.publish(IncidentSignals.alert(
                "PaymentsDown",
                "Payments fail",
                Severity.CRITICAL,
                service,
                env,
                clock.instant().minusSeconds(60)));
        long id = incidents.open().stream()
                .filter(i -> i.services().contains(service))
                .findFirst()
                .orElseThrow()
                .id();

        ApiClient.Response unknownIncident = reader.get("/api/v1/incidents/987654321/suspects");
        assertThat(unknownIncident.status()).isEqualTo(404);
        assertThat(unknownIncident.contentType()).startsWith("application/problem+json");
        assertThat(unknownIncident.json().get("detail").asString()).contains("incident", "987654321");

        ApiClient.Response unknownChange = mark(id, 987654321L, "ruled_out", null);
        assertThat(unknownChange.status()).isEqualTo(404);
        assertThat(unknownChange.json().get("detail").asString()).contains("change", "987654321");

        ApiClient.Response badMark = mark(id, change, "blame", null);
        assertThat(badMark.status()).isEqualTo(400);
        assertThat(badMark.contentType()).startsWith("application/problem+json");
        assertThat(badMark.json().get("field").asString()).isEqualTo("mark");
        assertThat(badMark.json().get("detail").asString()).contains("confirmed_cause, ruled_out or none");

        ApiClient.Response noMark = admin.send(
                "PUT", "/api/v1/incidents/" + id + "/suspects/" + change + "/mark", "{}", "application/json");
        assertThat(noMark.status()).isEqualTo(400);
        assertThat(noMark.json().get("field").asString()).isEqualTo("mark");

        ApiClient.Response longNote = mark(id, change, "ruled_out", "x".repeat(2001));
        assertThat(longNote.status()).isEqualTo(400);
        assertThat(longNote.json().get("field").asString()).isEqualTo("note");

        ApiClient.Response readOnly = reader.send(
                "PUT",
                "/api/v1/incidents/" + id + "/suspects/" + change + "/mark",
                "{\"mark\": \"ruled_out\"}",
                "application/json");
        assertThat(readOnly.status()).isEqualTo(403);
        assertThat(ApiClient.at(port)
                        .get("/api/v1/incidents/" + id + "/suspects")
                        .status())
                .isEqualTo(401);
        assertThat(entries(id, "ruled_out")).isEmpty();
        assertThat(suspects.suspects(id).ranked())
                .extracting(RankedSuspect::mark)
                .containsOnly(SuspectMark.NONE);
    }

    @Test
    void thePanelShowsTheSuspectsAndAResponderMarksOneFromIt() {
        String service = "claims-api-" + suffix;
        long change = record(
                service,
                env,
                "config",
                null,
                clock.instant().minus(Duration.ofMinutes(30)),
                clock.instant().minus(Duration.ofMinutes(30)),
                "Lower claim <script>alert(1)</script> batch size",
                List.of(),
                List.of());
        signals.publish(IncidentSignals.alert(
                "ClaimsSlow",
                "Claim submissions time out",
                Severity.CRITICAL,
                service,
                env,
                clock.instant().minusSeconds(120)));
        long id = incidents.open().stream()
                .filter(i -> i.services().contains(service))
                .findFirst()
                .orElseThrow()
                .id();
        BrowserSession browser = BrowserSession.signedIn(port, "admin", "admin-password-for-tests");

        assertThat(browser.get("/incidents/" + id).body())
                .contains("Suspect changes", "hx-get=\"/triage/incidents/" + id + "/suspects\"");
        HttpResponse<String> panel = browser.get("/triage/incidents/" + id + "/suspects");
        assertThat(panel.statusCode()).isEqualTo(200);
        assertThat(panel.body())
                .contains(service, "href=\"/changes/" + change + "\"", "config change: takes effect everywhere at once")
                .contains("Lower claim &lt;script&gt;alert(1)&lt;/script&gt; batch size")
                .doesNotContain("<script>alert(1)")
                .contains("During the incident", "Confirmed cause", "Rule out")
                .contains("hx-post=\"/triage/incidents/" + id + "/suspects/" + change + "/mark\"");

        HttpResponse<String> posted = browser.submit(
                "/triage/incidents/" + id + "/suspects/" + change + "/mark",
                Map.of("mark", "confirmed_cause", "note", "batch size 1 starves the workers"));
        assertThat(posted.statusCode()).isEqualTo(302);
        assertThat(posted.headers().firstValue("Location").orElse("")).endsWith("/incidents/" + id);
        assertThat(browser.get("/triage/incidents/" + id + "/suspects").body())
                .contains("confirmed cause", "batch size 1 starves the workers", "Clear mark");
        assertThat(entries(id, "confirmed_cause"))
                .singleElement()
                .satisfies(e -> assertThat(e.actor().display()).isEqualTo("admin"));

        HttpResponse<String> withoutCsrf = browser.postForm(
                "/triage/incidents/" + id + "/suspects/" + change + "/mark", Map.of("mark", "ruled_out"));
        assertThat(withoutCsrf.statusCode()).isEqualTo(403);
        assertThat(browser.get("/triage/incidents/987654321/suspects").statusCode())
                .isEqualTo(404);
    }

    // ---- helpers

    private void describe(String service, String... dependsOn) {
        StringBuilder deps = new StringBuilder();
        for (String d : dependsOn) {
            deps.append(deps.isEmpty() ? "" : ", ").append('"').append(d).append('"');
        }
        ApiClient.Response response =
                admin.send("PUT", "/api/v1/services/" + service, "{\"dependsOn\": [" + deps + "]}", "application/json");
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
    }

    long record(
            String service,
            String environment,
            String kind,
            String version,
            Instant startedAt,
            Instant finishedAt,
            String description,
            List<String> commits,
            List<String> files) {
        StringBuilder commitJson = new StringBuilder();
        for (int i = 0; i < commits.size(); i++) {
            commitJson
                    .append(i == 0 ? "" : ", ")
                    .append("{\"sha\": \"")
                    .append(Long.toHexString(new Random().nextLong()))
                    .append("\", \"message\": \"")
                    .append(commits.get(i))
                    .append("\"}");
        }
        String fileJson =
                String.join(", ", files.stream().map(f -> "\"" + f + "\"").toList());
        String body = "{\"service\": \"" + service + "\", \"environment\": \"" + environment + "\", \"kind\": \"" + kind
                + "\"" + (version == null ? "" : ", \"version\": \"" + version + "\"") + ", \"description\": \""
                + description + "\", \"commits\": [" + commitJson + "], \"files\": [" + fileJson
                + "], \"startedAt\": \"" + startedAt + "\", \"finishedAt\": \"" + finishedAt
                + "\", \"status\": \"succeeded\"}";
        ApiClient.Response response = ingest.post("/api/v1/changes", body);
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.json().get("id").asLong();
    }

    ApiClient.Response mark(long incidentId, long changeId, String mark, String note) {
        String body = "{\"mark\": \"" + mark + "\"" + (note == null ? "" : ", \"note\": \"" + note + "\"") + "}";
        return admin.send(
                "PUT", "/api/v1/incidents/" + incidentId + "/suspects/" + changeId + "/mark", body, "application/json");
    }

    List<TimelineEntry> entries(long incidentId, String kind) {
        return incidents.timeline(incidentId).stream()
                .filter(e -> e.kind().equals(kind))
                .toList();
    }

    static List<Long> ids(JsonNode suspects) {
        return StreamSupport.stream(suspects.spliterator(), false)
                .map(s -> s.get("changeId").asLong())
                .toList();
    }

    static JsonNode find(JsonNode suspects, long changeId) {
        return StreamSupport.stream(suspects.spliterator(), false)
                .filter(s -> s.get("changeId").asLong() == changeId)
                .findFirst()
                .orElseThrow(() -> new AssertionError("change " + changeId + " is not listed in " + suspects));
    }

    static String text(JsonNode evidence) {
        return evidence.toString();
    }

    static String letters(Random random, int count) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < count; i++) {
            text.append((char) ('a' + random.nextInt(26)));
        }
        return text.toString().toLowerCase(Locale.ROOT);
    }
}
