package dev.pitwall.postmortems;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pitwall.accounts.Scope;
import dev.pitwall.accounts.TestTokens;
import dev.pitwall.incidents.IncidentView;
import dev.pitwall.incidents.Incidents;
import dev.pitwall.signals.SignalUpdate;
import dev.pitwall.system.ApiClient;
import dev.pitwall.system.PitwallTest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/** Resolving an incident drafts its postmortem from the record; the team writes, reviews and publishes it. */
@PitwallTest
class PostmortemFlowTest {

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    Clock clock;

    @Autowired
    Incidents incidents;

    ApiClient admin;
    ApiClient reader;
    ApiClient ingest;
    IncidentRecord record;

    @BeforeEach
    void clients() {
        admin = ApiClient.at(port).withToken(TestTokens.create(context, Scope.ADMIN));
        reader = ApiClient.at(port).withToken(TestTokens.create(context, Scope.READ));
        ingest = ApiClient.at(port).withToken(TestTokens.create(context, Scope.INGEST));
        record = new IncidentRecord(events, transactions, clock);
    }

    IncidentView incidentOf(String service) {
        return incidents.open().stream()
                .filter(i -> i.services().contains(service))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no open incident of " + service));
    }

    /** The postmortem of an incident, once the durable IncidentResolved has been handled. */
    JsonNode awaitDraft(long incidentId) {
        await().atMost(Duration.ofSeconds(10))
                .until(() -> reader.get("/api/v1/postmortems?incident=" + incidentId)
                                .json()
                                .get("postmortems")
                                .size()
                        == 1);
        long id = reader.get("/api/v1/postmortems?incident=" + incidentId)
                .json()
                .get("postmortems")
                .get(0)
                .get("id")
                .asLong();
        return reader.get("/api/v1/postmortems/" + id).json();
    }

    @Test
    void resolvingAnIncidentDraftsItsPostmortemWithTheTimesAndTheFlagThatCustomersFoundItFirst() {
        SignalUpdate report = record.report("acme", "Members cannot see their line items", "pm-line-items", true);
        record.publish(report);
        IncidentView opened = incidentOf("pm-line-items");
        SignalUpdate check = record.check("member can list line items", "pm-line-items", "https://p.example.com/items");
        record.publish(check);
        assertThat(admin.post("/api/v1/incidents/" + opened.id() + "/acknowledge", null)
                        .status())
                .isEqualTo(200);
        admin.post("/api/v1/incidents/" + opened.id() + "/roles", "{\"role\": \"lead\", \"person\": \"alice\"}");
        admin.post(
                "/api/v1/incidents/" + opened.id() + "/notes", "{\"text\": \"Rolled back 2.14.0\", \"pinned\": true}");
        Instant later = clock.instant();
        record.publish(IncidentRecord.resolved(report, later), IncidentRecord.resolved(check, later));
        assertThat(admin.post("/api/v1/incidents/" + opened.id() + "/resolve", null)
                        .status())
                .isEqualTo(200);

        JsonNode draft = awaitDraft(opened.id());
        IncidentView incident = incidents.find(opened.id()).orElseThrow();

        assertThat(draft.get("status").asString()).isEqualTo("draft");
        assertThat(draft.get("title").asString()).isEqualTo(incident.title());
        assertThat(draft.get("createdBy").asString()).isEqualTo("Pitwall");
        JsonNode impact = draft.get("impact");
        assertThat(Instant.parse(impact.get("startedAt").asString())).isEqualTo(incident.impactStartedAt());
        assertThat(Instant.parse(impact.get("detectedAt").asString())).isEqualTo(incident.detectedAt());
        assertThat(Instant.parse(impact.get("acknowledgedAt").asString())).isEqualTo(incident.acknowledgedAt());
        assertThat(Instant.parse(impact.get("mitigatedAt").asString())).isEqualTo(incident.mitigatedAt());
        assertThat(Instant.parse(impact.get("resolvedAt").asString())).isEqualTo(incident.resolvedAt());
        assertThat(impact.get("timeToDetectSeconds").asLong())
                .isEqualTo(Duration.between(incident.impactStartedAt(), incident.detectedAt())
                        .toSeconds())
                .isGreaterThanOrEqualTo(600);
        assertThat(impact.get("timeToAcknowledgeSeconds").asLong())
                .isEqualTo(Duration.between(incident.detectedAt(), incident.acknowledgedAt())
                        .toSeconds());
        assertThat(impact.get("timeToMitigateSeconds").asLong())
                .isEqualTo(Duration.between(incident.impactStartedAt(), incident.mitigatedAt())
                        .toSeconds());
        assertThat(impact.get("timeToResolveSeconds").asLong())
                .isEqualTo(Duration.between(incident.impactStartedAt(), incident.resolvedAt())
                        .toSeconds());
        assertThat(impact.get("detectionSource").asString()).isEqualTo("customer");
        assertThat(impact.get("customersFoundItFirst").asBoolean()).isTrue();
        assertThat(impact.get("detection").asString())
                .startsWith("Customers found it before Pitwall did: a customer report was the first signal");
        assertThat(impact.get("customerReports").asInt()).isEqualTo(1);
        assertThat(impact.get("distinctCustomers").asInt()).isEqualTo(1);
        assertThat(draft.get("incident").get("lead").asString()).isEqualTo("alice");
        assertThat(draft.get("incident").get("severity").asString())
                .as("the critical check raised it")
                .isEqualTo("sev1");
        assertThat(draft.get("incident").get("services").get(0).asString()).isEqualTo("pm-line-items");
        assertThat(draft.get("timeline"))
                .anySatisfy(e -> {
                    assertThat(e.get("text").asString()).isEqualTo("Rolled back 2.14.0");
                    assertThat(e.get("state").asString()).isEqualTo("key");
                })
                .anySatisfy(e -> assertThat(e.get("kind").asString()).isEqualTo("signal"));
        assertThat(draft.get("history").get(0).get("text").asString())
                .isEqualTo("Postmortem #" + draft.get("id").asLong()
                        + " drafted from the record when the incident was resolved");
    }

    @Test
    void whenACheckCameBeforeTheFirstCustomerReportPitwallFoundItFirst() {
        record.publish(record.check("pricing answers", "pm-pricing", "https://p.example.com/pricing"));
        IncidentView opened = incidentOf("pm-pricing");
        record.publish(record.report("globex", "Prices are missing", "pm-pricing", false));
        admin.post("/api/v1/incidents/" + opened.id() + "/resolve", null);

        JsonNode impact = awaitDraft(opened.id()).get("impact");

        assertThat(impact.get("detectionSource").asString()).isEqualTo("check");
        assertThat(impact.get("customersFoundItFirst").asBoolean()).isFalse();
        assertThat(impact.get("detection").asString())
                .startsWith("Pitwall found it: a synthetic check was the first signal")
                .contains("the first customer report came");
        assertThat(impact.get("customerReports").asInt()).isEqualTo(1);
        assertThat(impact.get("mitigatedAt").asString())
                .as("resolved without passing through monitoring: mitigated when resolved")
                .isEqualTo(impact.get("resolvedAt").asString());
    }

    @Test
    void aCustomerReportBeforeAnyCheckOrAlertMeansCustomersFoundItFirstEvenWhenStaffDeclaredIt() {
        long id = ingest.post("/api/v1/incidents", """
                        {"title": "Exports are empty", "severity": "sev3", "services": ["pm-exports"]}""").json().get("id").asLong();
        record.publish(record.report("initech", "Export file is empty", "pm-exports", false));
        record.publish(record.alert("ExportErrors", "pm-exports"));
        admin.post("/api/v1/incidents/" + id + "/resolve", null);

        JsonNode impact = awaitDraft(id).get("impact");

        assertThat(impact.get("detectionSource").asString()).isEqualTo("staff");
        assertThat(impact.get("customersFoundItFirst").asBoolean()).isTrue();
        assertThat(impact.get("detection").asString()).contains("before the first check or alert signal");
        assertThat(impact.get("firstCustomerReportAt").isNull()).isFalse();
        assertThat(Instant.parse(impact.get("firstPitwallSignalAt").asString()))
                .isAfterOrEqualTo(
                        Instant.parse(impact.get("firstCustomerReportAt").asString()));
    }

    @Test
    void theTeamWritesReviewsAndPublishesAnywayWithAReasonAndTheIncidentCloses() {
        long incident = ingest.post(
                        "/api/v1/incidents", "{\"title\": \"Checkout fails\", \"services\": [\"pm-checkout\"]}")
                .json()
                .get("id")
                .asLong();
        admin.post("/api/v1/incidents/" + incident + "/resolve", null);
        long id = awaitDraft(incident).get("id").asLong();

        var edited = admin.patch("/api/v1/postmortems/" + id, """
                {"summary": "Checkout failed for 40 minutes after 3.2.0.",
                 "wentWell": "The rollback took two minutes.",
                 "learned": "The root cause was human error."}""");
        assertThat(edited.status()).as(edited.body()).isEqualTo(200);
        assertThat(edited.json().get("findings").findValuesAsString("rule"))
                .containsExactly("root-cause", "human-error");
        assertThat(edited.json().get("findings").get(0).get("suggestion").asString())
                .contains("contributing factors");
        var factor = admin.post("/api/v1/postmortems/" + id + "/factors", "{\"text\": \"No check covers checkout\"}");
        assertThat(factor.status()).isEqualTo(201);
        var account = admin.post("/api/v1/postmortems/" + id + "/accounts", """
                {"saw": "The error rate rose at 18:02.", "expected": "The canary to stop the rollout.",
                 "did": "I'll admit it, it was my fault: I rolled back at 18:40."}""");
        assertThat(account.json().get("findings").findValuesAsString("rule")).contains("fault");
        assertThat(account.json().get("accounts").get(0).get("author").asString())
                .startsWith("token ");

        assertThat(admin.post("/api/v1/postmortems/" + id + "/publish", "{}").status())
                .as("a draft goes to review first")
                .isEqualTo(409);
        assertThat(admin.post("/api/v1/postmortems/" + id + "/submit", null)
                        .json()
                        .get("status")
                        .asString())
                .isEqualTo("in_review");
        var refused = admin.post("/api/v1/postmortems/" + id + "/publish", "{}");
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().get("detail").asString())
                .contains("3 open findings")
                .contains("publish anyway");
        var noReason = admin.post("/api/v1/postmortems/" + id + "/publish", "{\"publishAnyway\": true}");
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(noReason.json().get("field").asString()).isEqualTo("reason");

        var published = admin.post(
                "/api/v1/postmortems/" + id + "/publish",
                "{\"publishAnyway\": true, \"reason\": \"The quotes are the author's own words\"}");

        assertThat(published.status()).as(published.body()).isEqualTo(200);
        assertThat(published.json().get("status").asString()).isEqualTo("published");
        assertThat(published.json().get("publishedAnywayReason").asString())
                .isEqualTo("The quotes are the author's own words");
        assertThat(published.json().get("findingsAtPublication").asInt()).isEqualTo(3);
        assertThat(published.json().get("history").findValuesAsString("kind")).contains("published_anyway");
        assertThat(incidents.find(incident).orElseThrow().status().label()).isEqualTo("closed");
        assertThat(reader.get("/api/v1/incidents/" + incident + "/timeline")
                        .json()
                        .findValuesAsString("text"))
                .anySatisfy(t -> assertThat(t)
                        .contains("published anyway with 3 open findings")
                        .contains("The quotes are the author's own words"));
        assertThat(admin.patch("/api/v1/postmortems/" + id, "{\"summary\": \"changed\"}")
                        .status())
                .isEqualTo(409);
        var item = admin.post("/api/v1/postmortems/" + id + "/action-items", """
                {"title": "Canary for checkout", "kind": "fix", "owner": "alice", "dueOn": "2030-01-15"}""");
        assertThat(item.status())
                .as("action items still change after publication")
                .isEqualTo(201);
    }

    @Test
    void aDismissedFindingNoLongerBlocksPublicationAndItsReasonIsKept() {
        long incident = ingest.post("/api/v1/incidents", "{\"title\": \"Search slow\", \"services\": [\"pm-search\"]}")
                .json()
                .get("id")
                .asLong();
        long id = admin.post("/api/v1/postmortems", "{\"incidentId\": " + incident + "}")
                .json()
                .get("id")
                .asLong();
        var edited =
                admin.patch("/api/v1/postmortems/" + id, "{\"summary\": \"The log said: 'retry failed to connect'.\"}");
        String key = edited.json().get("findings").get(0).get("key").asString();
        assertThat(key).isEqualTo("failed-to|summary|failed to");

        var dismissed = admin.post(
                "/api/v1/postmortems/" + id + "/findings/dismissals",
                "{\"key\": \"" + key + "\", \"reason\": \"a quoted log line\"}");

        assertThat(dismissed.status()).as(dismissed.body()).isEqualTo(201);
        assertThat(dismissed.json().get("findings").size()).isZero();
        assertThat(dismissed
                        .json()
                        .get("dismissedFindings")
                        .get(0)
                        .get("reason")
                        .asString())
                .isEqualTo("a quoted log line");
        assertThat(admin.post("/api/v1/postmortems/" + id + "/submit", null).status())
                .isEqualTo(200);
        var open = admin.post("/api/v1/postmortems/" + id + "/publish", "{}");
        assertThat(open.status()).as("the incident is still open").isEqualTo(409);
        assertThat(open.json().get("detail").asString()).contains("resolve it first");
        admin.post("/api/v1/incidents/" + incident + "/resolve", null);
        assertThat(admin.post("/api/v1/postmortems/" + id + "/publish", "{}").status())
                .isEqualTo(200);
        assertThat(reader.get("/api/v1/postmortems/" + id).json().get("history").findValuesAsString("text"))
                .anySatisfy(t -> assertThat(t).contains("a quoted log line"));
    }

    @Test
    void timelineEntriesAreHiddenAndAnnotatedButNeverRewritten() {
        long incident = ingest.post("/api/v1/incidents", "{\"title\": \"Login loops\", \"services\": [\"pm-login\"]}")
                .json()
                .get("id")
                .asLong();
        admin.post("/api/v1/incidents/" + incident + "/notes", "{\"text\": \"Cookies are rejected\"}");
        long id = admin.post("/api/v1/postmortems", "{\"incidentId\": " + incident + "}")
                .json()
                .get("id")
                .asLong();
        JsonNode timeline = reader.get("/api/v1/postmortems/" + id).json().get("timeline");
        long note = findEntry(timeline, "Cookies are rejected");
        long opened = timeline.get(0).get("entryId").asLong();

        var annotated = admin.send(
                "PUT",
                "/api/v1/postmortems/" + id + "/timeline/" + note,
                "{\"state\": \"key\", \"annotation\": \"This was the turning point\"}",
                "application/json");
        admin.send(
                "PUT",
                "/api/v1/postmortems/" + id + "/timeline/" + opened,
                "{\"state\": \"hidden\"}",
                "application/json");

        assertThat(annotated.status()).as(annotated.body()).isEqualTo(200);
        JsonNode after = reader.get("/api/v1/postmortems/" + id).json().get("timeline");
        JsonNode entry = entry(after, note);
        assertThat(entry.get("state").asString()).isEqualTo("key");
        assertThat(entry.get("annotation").asString()).isEqualTo("This was the turning point");
        assertThat(entry.get("text").asString()).isEqualTo("Cookies are rejected");
        assertThat(entry(after, opened).get("state").asString()).isEqualTo("hidden");
        assertThat(reader.get("/api/v1/incidents/" + incident + "/timeline")
                        .json()
                        .findValuesAsString("text"))
                .contains("Cookies are rejected")
                .noneMatch(t -> t.contains("turning point"));
        String markdown = reader.get("/api/v1/postmortems/" + id + ".md").body();
        assertThat(markdown)
                .contains("Note by token")
                .contains("This was the turning point")
                .contains("key moment");
        var unknown = admin.send(
                "PUT", "/api/v1/postmortems/" + id + "/timeline/999999999", "{\"state\": \"key\"}", "application/json");
        assertThat(unknown.status()).isEqualTo(404);
        var bulk = admin.send(
                "PUT",
                "/api/v1/postmortems/" + id + "/timeline/kinds/note",
                "{\"state\": \"hidden\"}",
                "application/json");
        assertThat(entry(bulk.json().get("timeline"), note).get("state").asString())
                .isEqualTo("hidden");
        assertThat(entry(bulk.json().get("timeline"), note).get("annotation").asString())
                .isEqualTo("This was the turning point");
    }

    @Test
    void badInputIsRefusedNamingTheFieldAndScopesDecideWhoWrites() {
        long incident = ingest.post("/api/v1/incidents", "{\"title\": \"Bad input\", \"services\": [\"pm-bad\"]}")
                .json()
                .get("id")
                .asLong();
        var created = admin.post("/api/v1/postmortems", "{\"incidentId\": " + incident + "}");
        assertThat(created.status()).isEqualTo(201);
        long id = created.json().get("id").asLong();
        assertThat(admin.post("/api/v1/postmortems", "{\"incidentId\": " + incident + "}")
                        .status())
                .as("one postmortem per incident")
                .isEqualTo(200);

        assertThat(admin.post("/api/v1/postmortems", "{}").json().get("field").asString())
                .isEqualTo("incidentId");
        assertThat(admin.post("/api/v1/postmortems", "{\"incidentId\": 987654321}")
                        .status())
                .isEqualTo(404);
        assertThat(admin.patch("/api/v1/postmortems/" + id, "{\"title\": \" \"}")
                        .json()
                        .get("field")
                        .asString())
                .isEqualTo("title");
        var long_ = admin.patch("/api/v1/postmortems/" + id, "{\"summary\": \"" + "x".repeat(20_001) + "\"}");
        assertThat(long_.status()).isEqualTo(400);
        assertThat(long_.json().get("detail").asString()).contains("20000");
        var item = admin.post("/api/v1/postmortems/" + id + "/action-items", "{\"title\": \"x\", \"kind\": \"wish\"}");
        assertThat(item.json().get("field").asString()).isEqualTo("kind");
        assertThat(item.json().get("detail").asString()).contains("safeguard-check");
        assertThat(admin.post(
                                "/api/v1/postmortems/" + id + "/action-items",
                                "{\"title\": \"x\", \"kind\": \"fix\", \"dueOn\": \"next week\"}")
                        .json()
                        .get("field")
                        .asString())
                .isEqualTo("dueOn");
        assertThat(admin.post(
                                "/api/v1/postmortems/" + id + "/action-items",
                                "{\"title\": \"x\", \"kind\": \"fix\", \"link\": \"javascript:alert(1)\"}")
                        .json()
                        .get("field")
                        .asString())
                .isEqualTo("link");
        assertThat(reader.get("/api/v1/postmortems?status=sleeping")
                        .json()
                        .get("field")
                        .asString())
                .isEqualTo("status");
        assertThat(reader.get("/api/v1/postmortems/987654321").status()).isEqualTo(404);
        assertThat(reader.get("/api/v1/postmortems/987654321.md").status()).isEqualTo(404);
        assertThat(reader.patch("/api/v1/postmortems/" + id, "{\"summary\": \"x\"}")
                        .status())
                .isEqualTo(403);
        assertThat(ingest.post("/api/v1/postmortems/" + id + "/submit", null).status())
                .isEqualTo(403);
        assertThat(ApiClient.at(port).get("/api/v1/postmortems").status()).isEqualTo(401);
        assertThat(admin.post("/api/v1/postmortems/" + id + "/factors", "{\"text\": \"\"}")
                        .contentType())
                .startsWith("application/problem+json");
    }

    static long findEntry(JsonNode timeline, String text) {
        for (JsonNode e : timeline) {
            if (e.get("text").asString().equals(text)) {
                return e.get("entryId").asLong();
            }
        }
        throw new AssertionError("no entry " + text);
    }

    static JsonNode entry(JsonNode timeline, long id) {
        for (JsonNode e : timeline) {
            if (e.get("entryId").asLong() == id) {
                return e;
            }
        }
        throw new AssertionError("no entry " + id);
    }
}
