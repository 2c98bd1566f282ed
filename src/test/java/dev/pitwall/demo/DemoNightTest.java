package dev.pitwall.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pitwall.PitwallMain;
import dev.pitwall.accounts.Scope;
import dev.pitwall.accounts.TestTokens;
import dev.pitwall.system.ApiClient;
import dev.pitwall.system.Chromium;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import tools.jackson.databind.JsonNode;

/**
 * Runs {@code pitwall demo} headless, in this JVM, on free ports and a temporary data directory,
 * and checks every step of the story against what Pitwall recorded, through its API.
 */
class DemoNightTest {

    @TempDir
    static Path temp;

    static Demo demo;
    static NightReport report;
    static StringWriter printed = new StringWriter();
    static ApiClient api;

    @BeforeAll
    static void replayTheNight() throws IOException {
        demo = Demo.start(
                new Demo.Options(temp.resolve("pitwall-demo-data"), 0, "demo-admin-password", List.of()),
                new PitwallMain());
        report = demo.replay(new Narrator(new PrintWriter(printed), System.nanoTime()));
        api = ApiClient.at(demo.port()).withToken(TestTokens.create(demo.context(), Scope.READ));
    }

    @AfterAll
    static void stopTheDemo() {
        if (demo != null) {
            demo.close();
        }
    }

    @Test
    void theBrokenDeployOpensAnIncidentWithinFifteenSeconds() {
        JsonNode incident = api.get("/api/v1/incidents/" + report.incidentId()).json();
        assertThat(incident.path("services").toString()).contains("proposals-app");
        assertThat(incident.path("severity").asString()).isEqualTo("sev1");
        assertThat(incident.path("detectionSource").asString()).isEqualTo("check");
        assertThat(report.detection()).isPositive().isLessThan(Duration.ofSeconds(15));
        assertThat(report.detectedAfterSeconds()).isLessThan(15);
        System.out.printf(
                "demo: deploy -> incident detected in %d ms (server times), seen by the demo after %.1f s%n",
                report.detection().toMillis(), report.detectedAfterSeconds());
    }

    @Test
    void theDeployIsTheTopSuspectWithItsReasonsAndTheBillingDeployComesAfterImpact() {
        JsonNode suspects = api.get("/api/v1/incidents/" + report.incidentId() + "/suspects")
                .json();
        JsonNode top = suspects.path("ranked").path(0);
        assertThat(top.path("changeId").asLong()).isEqualTo(report.deployChangeId());
        assertThat(top.path("version").asString()).isEqualTo("2.14.0");
        List<String> rules = new ArrayList<>();
        top.path("evidence").forEach(e -> rules.add(e.path("rule").asString()));
        assertThat(rules).contains("verification", "words", "place", "time");
        assertThat(top.path("evidence").toString()).contains("line items");
        List<Long> during = new ArrayList<>();
        suspects.path("duringIncident")
                .forEach(d -> during.add(d.path("changeId").asLong()));
        assertThat(during).contains(report.billingChangeId());
        assertThat(report.topSuspect().changeId()).isEqualTo(report.deployChangeId());
        assertThat(report.topSuspect().label()).isEqualTo("deploy proposals-app 2.14.0");
        assertThat(report.topSuspect().reasons()).contains("post-deploy verification failed");
    }

    @Test
    void theResponderConfirmsTheDeployAsTheCauseThroughTheTriageApi() {
        JsonNode top = api.get("/api/v1/incidents/" + report.incidentId() + "/suspects")
                .json()
                .path("ranked")
                .path(0);
        assertThat(top.path("changeId").asLong()).isEqualTo(report.deployChangeId());
        assertThat(top.path("mark").asString()).isEqualTo("confirmed_cause");
        assertThat(top.path("markedBy").asString()).contains(NightReplay.RESPONDER);
        assertThat(top.path("markNote").asString()).contains("LineItemMapper");
        assertThat(report.topSuspect().mark()).isEqualTo("confirmed_cause");
        List<String> confirmations = new ArrayList<>();
        for (JsonNode entry : api.get("/api/v1/incidents/" + report.incidentId() + "/timeline")
                .json()) {
            if (entry.path("kind").asString().equals("confirmed_cause")) {
                confirmations.add(entry.path("text").asString());
            }
        }
        assertThat(confirmations)
                .singleElement(InstanceOfAssertFactories.STRING)
                .startsWith("Confirmed cause: proposals-app 2.14.0 (deploy, change #" + report.deployChangeId() + ")");
        assertThat(String.join("\n", DemoCommand.closing(report, demo)))
                .contains("Triage ranked deploy proposals-app 2.14.0 first")
                .contains("the responder confirmed it as the cause")
                .contains("    - post-deploy verification failed");
    }

    @Test
    void thePostmortemIsDraftedFromTheRecordWithASafeguardThatBecameACheck() {
        NightReport.Postmortem postmortem = report.postmortem();
        JsonNode listed = api.get("/api/v1/postmortems?incident=" + report.incidentId())
                .json()
                .path("postmortems");
        assertThat(listed).hasSize(1);
        assertThat(listed.path(0).path("id").asLong()).isEqualTo(postmortem.id());
        JsonNode draft = api.get("/api/v1/postmortems/" + postmortem.id()).json();
        assertThat(draft.path("status").asString()).isEqualTo("draft");
        assertThat(draft.path("createdBy").asString()).isEqualTo("Pitwall");
        assertThat(draft.path("incidentId").asLong()).isEqualTo(report.incidentId());
        assertThat(draft.path("impact").path("customerReports").asInt()).isEqualTo(2);
        assertThat(draft.path("impact").path("customersFoundItFirst").asBoolean())
                .isFalse();
        assertThat(draft.path("whatChanged").path("confirmedCauses").path(0).asLong())
                .isEqualTo(report.deployChangeId());

        JsonNode item =
                api.get("/api/v1/action-items/" + postmortem.actionItemId()).json();
        assertThat(item.path("postmortemId").asLong()).isEqualTo(postmortem.id());
        assertThat(item.path("kind").asString()).isEqualTo("safeguard-check");
        assertThat(item.path("status").asString()).isEqualTo("open");
        assertThat(item.path("check").path("id").asLong()).isEqualTo(postmortem.checkId());
        assertThat(item.path("check").path("name").asString()).startsWith("safeguard: ");

        JsonNode check = api.get("/api/v1/checks/" + postmortem.checkId()).json();
        assertThat(check.path("name").asString()).isEqualTo(postmortem.checkName());
        assertThat(check.path("service").asString()).isEqualTo("proposals-app");
        assertThat(check.path("critical").asBoolean()).isTrue();
        assertThat(check.path("definition").toString()).contains("$.items.length() > 0", "$.total >= 1");
        assertThat(String.join("\n", DemoCommand.closing(report, demo)))
                .contains("Pitwall drafted postmortem #" + postmortem.id())
                .contains("/postmortems/" + postmortem.id());
    }

    @Test
    void theDeployIsRecordedFromGitWithTheLineItemsMappingCommit() {
        JsonNode deploy = api.get("/api/v1/changes/" + report.deployChangeId()).json();
        assertThat(deploy.path("version").asString()).isEqualTo("2.14.0");
        assertThat(deploy.path("previousVersion").asString()).isEqualTo("2.13.0");
        assertThat(deploy.path("source").asString()).isEqualTo("cli");
        assertThat(deploy.path("commits")).hasSize(5);
        assertThat(deploy.path("commits").toString()).contains(ReleaseHistory.MAPPING_COMMIT);
        assertThat(deploy.path("files").toString()).contains(ReleaseHistory.MAPPER);
        assertThat(deploy.path("verification").asString()).isEqualTo("failed");
        assertThat(report.deployVerification()).isEqualTo("failed");
    }

    @Test
    void bothCustomerReportsJoinTheSameIncident() {
        JsonNode incident = api.get("/api/v1/incidents/" + report.incidentId()).json();
        assertThat(incident.path("reports").asInt()).isEqualTo(2);
        assertThat(incident.path("distinctCustomers").asInt()).isEqualTo(2);
        List<String> customers = new ArrayList<>();
        for (JsonNode signal :
                api.get("/api/v1/incidents/" + report.incidentId() + "/signals").json()) {
            if (signal.path("source").asString().equals("report")) {
                customers.add(signal.path("customerId").asString());
                assertThat(signal.path("reason").asString()).startsWith("open-incident");
            }
        }
        assertThat(customers).containsExactlyInAnyOrder("northwind-dental", "harbor-law");
        assertThat(api.get("/api/v1/incidents?status=all").json().path("total").asInt())
                .isEqualTo(1);
    }

    @Test
    void theOnCallBridgeReceivesSignedNotifications() {
        assertThat(demo.sink().deliveries())
                .filteredOn(d -> d.incidentId() == report.incidentId())
                .extracting(WebhookSink.Delivery::event)
                .contains("incident.opened", "incident.acknowledged");
        assertThat(demo.sink().deliveries()).allMatch(WebhookSink.Delivery::signatureValid);
        JsonNode deliveries = api.get("/api/v1/notification-deliveries?incident=" + report.incidentId())
                .json();
        assertThat(deliveries.toString()).contains("delivered");
    }

    @Test
    void theRollbackHealsTheJourneyAndPassesItsVerification() {
        assertThat(demo.app().release()).isEqualTo("2.13.0");
        JsonNode rollback =
                api.get("/api/v1/changes/" + report.rollbackChangeId()).json();
        assertThat(rollback.path("kind").asString()).isEqualTo("rollback");
        assertThat(rollback.path("version").asString()).isEqualTo("2.13.0");
        JsonNode verification = api.get("/api/v1/changes/" + report.rollbackChangeId() + "/verification")
                .json();
        assertThat(verification.path("passed").asBoolean()).isTrue();
        assertThat(report.rollbackVerification()).isEqualTo("passed");
        JsonNode check = api.get("/api/v1/checks/" + encode(NightReplay.CHECK)).json();
        assertThat(check.path("status").asString()).isEqualTo("up");
    }

    @Test
    void theResponderAcknowledgesLeadsUpdatesTheStatusPageAndResolves() {
        JsonNode incident = api.get("/api/v1/incidents/" + report.incidentId()).json();
        assertThat(incident.path("status").asString()).isEqualTo("resolved");
        assertThat(incident.path("lead").asString()).isEqualTo(NightReplay.RESPONDER);
        assertThat(incident.path("acknowledgedAt").isNull()).isFalse();
        assertThat(report.finalStatus()).isEqualTo("resolved");
        assertThat(report.deliveries()).extracting(WebhookSink.Delivery::event).contains("incident.resolved");
        JsonNode status = ApiClient.at(demo.port()).get("/status.json").json();
        assertThat(status.path("pastIncidents").toString()).contains("line items");
    }

    @Test
    void whatChangedThatNightShowsTheDeployAndTheRollback() {
        JsonNode diff = api.get("/api/v1/changes/diff?from=" + report.nightFrom() + "&to=" + report.nightTo())
                .json();
        JsonNode proposals = null;
        List<String> services = new ArrayList<>();
        for (JsonNode service : diff.path("services")) {
            services.add(service.path("service").asString());
            if (service.path("service").asString().equals("proposals-app")) {
                proposals = service;
            }
        }
        assertThat(services).contains("proposals-app", "pricing-api", "marketing-site", "billing");
        assertThat(proposals).isNotNull();
        assertThat(proposals.path("fromVersion").asString()).isEqualTo("2.13.0");
        assertThat(proposals.path("anyFailed").asBoolean()).isTrue();
    }

    @Test
    void theNarrationGivesOneLinePerEventWithTheElapsedSeconds() {
        String text = printed.toString();
        assertThat(text).containsPattern("\\[ *\\d+\\.\\ds] deploy proposals-app 2\\.14\\.0 recorded \\(5 commits");
        assertThat(text).contains("time-lapse: config pricing-api", "time-lapse: deploy marketing-site");
        assertThat(text).contains("webhook received incident.opened (signature verified)");
        assertThat(text).contains("incident #" + report.incidentId() + " resolved by sam");
        assertThat(text).contains("top suspect of incident #" + report.incidentId() + ": deploy proposals-app 2.14.0");
        assertThat(text).contains("pitwall suspects " + report.incidentId() + " --confirm " + report.deployChangeId());
        assertThat(text)
                .contains("sam confirmed deploy proposals-app 2.14.0 as the cause of incident #" + report.incidentId());
        assertThat(text).contains("postmortem #" + report.postmortem().id() + " drafted by Pitwall from the record");
        assertThat(text).contains("action item #" + report.postmortem().actionItemId() + " (safeguard-check");
        List<String> closing = DemoCommand.closing(report, demo);
        assertThat(String.join("\n", closing))
                .contains("after the deploy", "next", "/incidents/" + report.incidentId(), "/what-changed?from=")
                .contains("/status", "password demo-admin-password");
    }

    @Test
    void aSignedInBrowserSeesTheIncidentWithItsTimelineAndSuspects() {
        try (Chromium browser = Chromium.start(demo.port())) {
            browser.signIn("admin", "demo-admin-password");
            browser.open("/incidents/" + report.incidentId());
            browser.waitUntil(d -> d.findElement(By.tagName("h1")).getText().contains("line items"));
            assertThat(browser.text("#timeline"))
                    .contains("a critical signal opens an incident at once")
                    .contains("Customer report")
                    .contains("sam is now incident lead")
                    .contains("Public update (identified)");
            String page = browser.waitUntil(d -> {
                String text = d.findElement(By.tagName("main")).getText();
                return text.contains("Suspect changes") && text.contains("2.14.0") ? text : null;
            });
            assertThat(page).contains("proposals-app").contains("resolved").contains("post-deploy verification failed");
        }
    }

    @Test
    void aDirectoryTheDemoDidNotMakeIsNeverWiped() throws IOException {
        Path foreign = Files.createDirectories(temp.resolve("real-data"));
        Files.writeString(foreign.resolve("pitwall.db"), "precious");
        assertThatThrownBy(() -> Demo.wipe(foreign))
                .isInstanceOf(DemoApi.DemoFailed.class)
                .hasMessageContaining("was not made by the demo");
        assertThat(foreign.resolve("pitwall.db")).hasContent("precious");
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
