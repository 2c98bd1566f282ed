package dev.pitwall.changes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pitwall.accounts.AccountService;
import dev.pitwall.accounts.Role;
import dev.pitwall.accounts.Scope;
import dev.pitwall.accounts.TestTokens;
import dev.pitwall.system.ApiClient;
import dev.pitwall.system.BrowserSession;
import dev.pitwall.system.DurableEvents;
import dev.pitwall.system.PitwallTest;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.transaction.support.TransactionTemplate;

@PitwallTest
@Import(ChangeEventsProbe.class)
class ChangePagesTest {

    private static final String ADMIN_PASSWORD = "admin-password-for-tests";

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    DurableEvents durableEvents;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    AccountService accounts;

    @Autowired
    GitHubIntegration github;

    ApiClient ingest;
    BrowserSession admin;

    @BeforeEach
    void setUp() {
        ingest = ApiClient.at(port).withToken(TestTokens.create(context, Scope.INGEST));
        admin = BrowserSession.signedIn(port, "admin", ADMIN_PASSWORD);
    }

    private long record(String body) {
        var response = ingest.post("/api/v1/changes", body);
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json().get("id").asLong();
    }

    @Test
    void theTimelineListsChangesNewestFirstWithFiltersAndMarksAFailedVerificationInRed() {
        long older = record("{\"service\": \"page-test-members\", \"version\": \"1.0\","
                + " \"startedAt\": \"2026-08-01T10:00:00Z\", \"description\": \"First <b>release</b>\"}");
        long newer = record("{\"service\": \"page-test-members\", \"version\": \"1.1\","
                + " \"startedAt\": \"2026-08-01T11:00:00Z\"}");
        record(
                "{\"service\": \"page-test-other\", \"kind\": \"feature_flag\", \"startedAt\": \"2026-08-01T12:00:00Z\"}");
        transactions.executeWithoutResult(s -> durableEvents.publish(new VerificationReported(
                newer, ChangeVerification.FAILED, "check 'members list' failed", Instant.now())));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> context.getBean(ChangeLog.class)
                                .find(newer)
                                .orElseThrow()
                                .verification()
                        == ChangeVerification.FAILED);

        String page = admin.get("/changes?service=page-test-members").body();

        assertThat(page)
                .contains("/changes/" + newer)
                .contains("/changes/" + older)
                .doesNotContain("page-test-other");
        assertThat(page.indexOf("/changes/" + newer)).isLessThan(page.indexOf("/changes/" + older));
        assertThat(page).contains("First &lt;b&gt;release&lt;/b&gt;").doesNotContain("<b>release</b>");
        assertThat(page).containsPattern("class=\"verification-failed\"[^>]*>\\s*<td><a href=\"/changes/" + newer);
        assertThat(page).contains("verification failed");
        assertThat(page).contains("sse-connect=\"/changes/stream\"").contains("hx-trigger=\"sse:change throttle:1s\"");
        assertThat(admin.get("/changes?kind=feature_flag&service=page-test-other")
                        .body())
                .contains("page-test-other");
        assertThat(admin.get("/changes/rows?service=page-test-members").body())
                .contains("id=\"change-rows\"")
                .doesNotContain("<html");
    }

    @Test
    void theTimelineStreamAnnouncesNewChanges() throws Exception {
        HttpClient http =
                HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        String login =
                http.send(get("/login"), HttpResponse.BodyHandlers.ofString()).body();
        Matcher csrf = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"").matcher(login);
        assertThat(csrf.find()).isTrue();
        http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/login"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("username=admin&password="
                                + URLEncoder.encode(ADMIN_PASSWORD, StandardCharsets.UTF_8) + "&_csrf="
                                + csrf.group(1)))
                        .build(),
                HttpResponse.BodyHandlers.discarding());
        HttpResponse<java.io.InputStream> stream =
                http.send(get("/changes/stream"), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(stream.statusCode()).isEqualTo(200);
        List<String> lines = new CopyOnWriteArrayList<>();
        Thread reader = Thread.ofVirtual().start(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    lines.add(line);
                }
            } catch (java.io.IOException ignored) {
                // the stream closes when the test ends
            }
        });
        try {
            await().atMost(Duration.ofSeconds(5)).until(() -> lines.stream().anyMatch(l -> l.contains("connected")));

            long id = record("{\"service\": \"page-test-live\", \"version\": \"7\"}");

            await().atMost(Duration.ofSeconds(10))
                    .until(() -> lines.contains("event:change") && lines.contains("data:" + id));
        } finally {
            stream.body().close();
            reader.interrupt();
        }
    }

    private HttpRequest get(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .GET()
                .build();
    }

    @Test
    void theChangePageShowsCommitsFilesLinksHistoryAndPanels() {
        long id = record("""
                {"service": "page-test-detail", "version": "2.0", "status": "in_progress",
                 "commits": [{"sha": "0123456789abcdef", "message": "Index line items\\n\\nbody text", "author": "Ana"}],
                 "files": ["src/LineItems.java"], "links": [{"href": "https://ci.example.com/7", "text": "pipeline 7"}]}""");
        ingest.patch("/api/v1/changes/" + id, "{\"status\": \"failed\"}");

        String page = admin.get("/changes/" + id).body();

        assertThat(page)
                .contains("page-test-detail")
                .contains("0123456789ab")
                .contains("Index line items")
                .contains("src/LineItems.java")
                .contains("href=\"https://ci.example.com/7\"")
                .contains("pipeline 7")
                .contains("Status history")
                .contains("in_progress → failed")
                .contains("Post-deploy verification (test panel)")
                .contains("hx-get=\"/test-panels/changes/" + id + "/verification\"")
                .contains("hx-trigger=\"load\"");
        assertThat(admin.get("/changes/99999999").statusCode()).isEqualTo(404);
    }

    @Test
    void whatChangedShowsEachServiceWithItsVersionsAndMarksOtherKinds() {
        record("{\"service\": \"page-test-wc\", \"version\": \"3.0\", \"startedAt\": \"2026-07-01T08:00:00Z\"}");
        record("{\"service\": \"page-test-wc\", \"version\": \"3.1\", \"startedAt\": \"2026-07-01T20:00:00Z\"}");
        record("{\"service\": \"page-test-wc\", \"kind\": \"migration\", \"description\": \"add index\","
                + " \"startedAt\": \"2026-07-01T21:00:00Z\"}");

        String page = admin.get("/what-changed?from=2026-07-01T19:00&to=2026-07-02T09:00&tz=Europe/Berlin")
                .body();

        assertThat(page)
                .contains("page-test-wc")
                .contains("3.0")
                .contains("3.1")
                .contains("badge kind")
                .contains("migration");
        assertThat(page).contains("value=\"Europe/Berlin\"").contains("data-explicit=\"true\"");
        String defaults = admin.get("/what-changed").body();
        assertThat(defaults)
                .contains("data-explicit=\"false\"")
                .contains("/js/changes.js")
                .contains("T18:00");
        assertThat(admin.get("/what-changed?from=yesterday").body()).contains("is not a date and time");
    }

    @Test
    void anAdminSetsTheGitHubSecretOnTheIntegrationsPageAndItIsNeverShown() {
        admin.get("/changes/integrations");

        var response = admin.submit("/changes/integrations/github", Map.of("secret", "page-secret-42"));

        assertThat(response.statusCode()).isEqualTo(302);
        String page = admin.get("/changes/integrations").body();
        assertThat(page)
                .contains("GitHub webhook secret set")
                .contains("/api/v1/integrations/github")
                .doesNotContain("page-secret-42");
        assertThat(github.settings().secretSet()).isTrue();
        assertThat(github.verify(
                        "{}".getBytes(),
                        "sha256="
                                + java.util.HexFormat.of()
                                        .formatHex(GitHubIntegration.sign("page-secret-42", "{}".getBytes()))))
                .isTrue();

        accounts.createUser("page-responder", "responder-password-1", Role.RESPONDER);
        BrowserSession responder = BrowserSession.signedIn(port, "page-responder", "responder-password-1");
        responder.get("/changes/integrations");
        assertThat(responder
                        .submit("/changes/integrations/github", Map.of("secret", "x"))
                        .statusCode())
                .isEqualTo(403);
    }
}
