package dev.pitwall.postmortems;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pitwall.accounts.Scope;
import dev.pitwall.accounts.TestTokens;
import dev.pitwall.system.ApiClient;
import dev.pitwall.system.BrowserSession;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * The postmortem's "What changed" section through the real server: changes recorded with the
 * changes API, ranked by triage when the incident is declared, marked by a responder with triage's
 * API, and shown with the confirmed cause, the ruled-out change and every reason on the page, in
 * the Markdown export and in the API. A change whose version looks like markup reads as text. Runs
 * on SQLite ({@link WhatChangedTest}) and PostgreSQL ({@link WhatChangedPostgresTest}).
 */
abstract class WhatChangedScenario {

    static final String MARKUP_VERSION = "2.14.0 <b>bold</b> *stars* _under_ [link](x) | pipe #1 & amp";
    static final String MARKUP_NOTE = "reads the old <i>schema</i> | *now*";

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    Clock clock;

    ApiClient admin;
    ApiClient ingest;
    String service;
    String env;

    @BeforeEach
    void setUp() {
        admin = ApiClient.at(port).withToken(TestTokens.create(context, Scope.ADMIN));
        ingest = ApiClient.at(port).withToken(TestTokens.create(context, Scope.INGEST));
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        service = "wc-proposals-" + suffix;
        env = "production-wc-" + suffix;
    }

    @Test
    void theConfirmedCauseTheRuledOutChangeAndTheirReasonsAreInThePostmortemPageExportAndApi() {
        Instant impact = clock.instant().minus(Duration.ofMinutes(30)).truncatedTo(ChronoUnit.SECONDS);
        long cause = recordChange(MARKUP_VERSION, impact.minus(Duration.ofHours(2)), "Line items from the v2 schema");
        long innocent = recordChange("2.13.9", impact.minus(Duration.ofHours(5)), "Copy changes on the login page");
        ApiClient.Response declared = admin.post("/api/v1/incidents", """
                {"title": "Proposal line items are empty", "severity": "sev2", "services": ["%s"],
                 "environment": "%s", "impactStartedAt": "%s"}""".formatted(service, env, impact));
        assertThat(declared.status()).as(declared.body()).isEqualTo(201);
        long incident = declared.json().get("id").asLong();

        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(changeIds(admin.get("/api/v1/incidents/" + incident + "/suspects")
                                .json()
                                .get("ranked")))
                        .contains(cause, innocent));
        assertThat(mark(incident, cause, "confirmed_cause", MARKUP_NOTE).status())
                .isEqualTo(200);
        assertThat(mark(incident, innocent, "ruled_out", null).status()).isEqualTo(200);
        assertThat(admin.post("/api/v1/incidents/" + incident + "/resolve", "{\"reason\": \"rolled back\"}")
                        .status())
                .isEqualTo(200);
        long id = awaitDraft(incident);

        JsonNode whatChanged = admin.get("/api/v1/postmortems/" + id).json().get("whatChanged");
        assertThat(whatChanged.get("available").asBoolean()).isTrue();
        assertThat(changeIds(whatChanged.get("confirmedCauses"))).containsExactly(cause);
        assertThat(changeIds(whatChanged.get("ruledOut"))).containsExactly(innocent);
        JsonNode confirmed = suspect(whatChanged.get("ranked"), cause);
        assertThat(confirmed.get("mark").asString()).isEqualTo("confirmed_cause");
        assertThat(confirmed.get("markNote").asString()).isEqualTo(MARKUP_NOTE);
        assertThat(confirmed.get("version").asString()).isEqualTo(MARKUP_VERSION);
        String by = confirmed.get("markedBy").asString();
        List<String> reasons = new ArrayList<>();
        confirmed.get("evidence").forEach(e -> reasons.add(e.get("reason").asString()));
        assertThat(reasons).isNotEmpty();
        String label = service + " " + MARKUP_VERSION + " (deploy, change #" + cause + ")";
        String innocentLabel = service + " 2.13.9 (deploy, change #" + innocent + ")";

        ApiClient.Response markdown = admin.get("/api/v1/postmortems/" + id + ".md");
        assertThat(markdown.status()).isEqualTo(200);
        String md = markdown.body();
        String section = md.substring(md.indexOf("## What changed"), md.indexOf("## Contributing factors"));
        assertThat(section)
                .contains("Confirmed cause: " + MarkdownExport.text(label) + ".")
                .contains("Ruled out: " + MarkdownExport.text(innocentLabel) + ".")
                .contains("confirmed cause by " + by + ": " + MarkdownExport.text(MARKUP_NOTE))
                .contains("| ruled out by " + by + " |")
                .doesNotContain("<b>", "<i>");
        reasons.forEach(r -> assertThat(section).contains(MarkdownExport.text(r)));
        // A pipe in the label or note would otherwise split the table row.
        assertThat(section.lines()
                        .filter(l -> l.contains("change \\#" + cause + ")"))
                        .filter(l -> l.startsWith("| ")))
                .singleElement()
                .satisfies(row -> assertThat(row.split("(?<!\\\\)\\|")).hasSize(8));

        BrowserSession browser = BrowserSession.signedIn(port, "admin", "admin-password-for-tests");
        var page = browser.get("/postmortems/" + id);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body())
                .contains("id=\"what-changed\"")
                .contains("2.14.0 &lt;b&gt;bold&lt;/b&gt;")
                .contains("the old &lt;i&gt;schema&lt;/i&gt;")
                .doesNotContain("<b>bold</b>", "<i>schema</i>");
        String pageText = MarkdownMatchesPageTest.pageText(page.body());
        assertThat(pageText)
                .contains("Confirmed cause: " + label + ".")
                .contains("Ruled out: " + innocentLabel + ".")
                .contains("confirmed cause by " + by + ": " + MARKUP_NOTE);
        reasons.forEach(r -> assertThat(pageText).contains(MarkdownMatchesPageTest.squeeze(r)));

        var print = browser.get("/postmortems/" + id + "/print");
        assertThat(MarkdownMatchesPageTest.markdownText(md))
                .isEqualTo(MarkdownMatchesPageTest.pageText(MarkdownMatchesPageTest.article(print.body())));
    }

    @Test
    void anIncidentWithoutChangesSaysThatNoChangeIsSuspectAndNoCauseIsMarked() {
        ApiClient.Response declared = admin.post("/api/v1/incidents", """
                {"title": "Search is slow", "severity": "sev3", "services": ["%s"], "environment": "%s"}""".formatted(service, env));
        long incident = declared.json().get("id").asLong();
        admin.post("/api/v1/incidents/" + incident + "/resolve", "{\"reason\": \"recovered\"}");
        long id = awaitDraft(incident);

        JsonNode whatChanged = admin.get("/api/v1/postmortems/" + id).json().get("whatChanged");
        assertThat(whatChanged.get("available").asBoolean()).isTrue();
        assertThat(whatChanged.get("confirmedCauses")).isEmpty();
        assertThat(whatChanged.get("ranked")).isEmpty();
        assertThat(admin.get("/api/v1/postmortems/" + id + ".md").body())
                .contains("## What changed\n\nPitwall weighed 0 changes")
                .contains("Confirmed cause: none marked.\n\nNo change before the impact started is suspect.");
    }

    long recordChange(String version, Instant startedAt, String description) {
        ApiClient.Response response = ingest.post("/api/v1/changes", """
                {"service": "%s", "environment": "%s", "kind": "deploy", "version": "%s", "description": "%s",
                 "startedAt": "%s", "finishedAt": "%s", "status": "succeeded"}""".formatted(
                        service, env, version, description, startedAt, startedAt.plusSeconds(300)));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json().get("id").asLong();
    }

    ApiClient.Response mark(long incident, long change, String mark, String note) {
        String body = "{\"mark\": \"" + mark + "\"" + (note == null ? "" : ", \"note\": \"" + note + "\"") + "}";
        return admin.send(
                "PUT", "/api/v1/incidents/" + incident + "/suspects/" + change + "/mark", body, "application/json");
    }

    long awaitDraft(long incident) {
        await().atMost(Duration.ofSeconds(10))
                .until(() -> admin.get("/api/v1/postmortems?incident=" + incident)
                                .json()
                                .get("postmortems")
                                .size()
                        == 1);
        return admin.get("/api/v1/postmortems?incident=" + incident)
                .json()
                .get("postmortems")
                .get(0)
                .get("id")
                .asLong();
    }

    static List<Long> changeIds(JsonNode array) {
        List<Long> ids = new ArrayList<>();
        array.forEach(n -> ids.add(n.isNumber() ? n.asLong() : n.get("changeId").asLong()));
        return ids;
    }

    static JsonNode suspect(JsonNode array, long changeId) {
        for (JsonNode n : array) {
            if (n.get("changeId").asLong() == changeId) {
                return n;
            }
        }
        throw new AssertionError("change #" + changeId + " is not among " + array);
    }
}
