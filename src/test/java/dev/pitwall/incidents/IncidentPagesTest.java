package dev.pitwall.incidents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pitwall.accounts.Scope;
import dev.pitwall.accounts.TestTokens;
import dev.pitwall.signals.Severity;
import dev.pitwall.system.ApiClient;
import dev.pitwall.system.BrowserSession;
import dev.pitwall.system.PitwallTest;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;

@PitwallTest
class IncidentPagesTest {

    private static final String ADMIN_PASSWORD = "admin-password-for-tests";
    private static final String SCRIPT = "<script>alert(1)</script>";

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    IncidentService incidents;

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    Clock clock;

    @Test
    void aResponderDeclaresAndWorksAnIncidentFromThePages() {
        BrowserSession admin = BrowserSession.signedIn(port, "admin", ADMIN_PASSWORD);
        assertThat(admin.get("/incidents/new").statusCode()).isEqualTo(200);

        HttpResponse<String> declared = admin.submit(
                "/incidents",
                Map.of(
                        "title",
                        "Checkout is slow",
                        "severity",
                        "SEV2",
                        "services",
                        "page-checkout, page-pricing",
                        "environment",
                        "production",
                        "summary",
                        "Many carts time out"));
        assertThat(declared.statusCode()).isEqualTo(302);
        String location = declared.headers().firstValue("Location").orElseThrow();
        long id = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
        String page = admin.get("/incidents/" + id).body();
        assertThat(page).contains("Checkout is slow", "page-checkout", "Acknowledge");

        admin.submit("/incidents/" + id + "/acknowledge", Map.of());
        admin.get("/incidents/" + id);
        admin.submit("/incidents/" + id + "/roles", Map.of("role", "lead", "person", "me"));
        admin.get("/incidents/" + id);
        admin.submit("/incidents/" + id + "/roles", Map.of("role", "communications", "person", "carol"));
        admin.get("/incidents/" + id);
        admin.submit("/incidents/" + id + "/notes", Map.of("text", "Cache hit rate dropped", "pinned", "true"));
        admin.get("/incidents/" + id);
        admin.submit(
                "/incidents/" + id + "/updates",
                Map.of("body", "We are on it", "public", "true", "status", "identified"));
        admin.get("/incidents/" + id);
        admin.submit("/incidents/" + id + "/edit", Map.of("severity", "SEV1"));
        admin.get("/incidents/" + id);
        admin.submit("/incidents/" + id + "/resolve", Map.of("reason", "cache warmed"));

        IncidentView incident = incidents.get(id);
        assertThat(incident.status()).isEqualTo(IncidentStatus.RESOLVED);
        assertThat(incident.severity()).isEqualTo(IncidentSeverity.SEV1);
        assertThat(incident.lead()).isEqualTo("admin");
        assertThat(incident.communications()).isEqualTo("carol");
        assertThat(incident.acknowledgedAt()).isNotNull();
        assertThat(incidents.pinned(id)).extracting(TimelineEntry::text).containsExactly("Cache hit rate dropped");
        String after = admin.get("/incidents/" + id).body();
        assertThat(after).contains("Pinned", "We are on it", "admin is now incident lead", "Resolved by admin");
        assertThat(admin.get("/incidents").body()).contains("Checkout is slow");
    }

    @Test
    void aBadFormShowsTheProblemAndKeepsNothing() {
        BrowserSession admin = BrowserSession.signedIn(port, "admin", ADMIN_PASSWORD);
        admin.get("/incidents/new");
        long before = incidents.count(List.of());

        HttpResponse<String> response = admin.submit("/incidents", Map.of("title", " ", "severity", "SEV2"));

        assertThat(response.headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("/incidents/new"));
        assertThat(admin.get("/incidents/new").body()).contains("An incident needs a title");
        assertThat(incidents.count(List.of())).isEqualTo(before);
    }

    @Test
    void titlesNotesAndSignalsAreEscapedEverywhere() {
        TestSignals signals = new TestSignals(events, transactions, clock);
        signals.publish(signals.alert(SCRIPT, Severity.CRITICAL, "page-xss"));
        IncidentView incident = incidents.open().stream()
                .filter(i -> i.services().contains("page-xss"))
                .findFirst()
                .orElseThrow();
        incidents.addNote(incident.id(), "note " + SCRIPT, true, dev.pitwall.system.Actor.PITWALL);
        incidents.postUpdate(incident.id(), "update " + SCRIPT, true, null, dev.pitwall.system.Actor.PITWALL);
        BrowserSession admin = BrowserSession.signedIn(port, "admin", ADMIN_PASSWORD);

        for (String path : List.of(
                "/incidents",
                "/incidents/" + incident.id(),
                "/incidents/" + incident.id() + "/facts",
                "/incidents/" + incident.id() + "/signals",
                "/status")) {
            String body = admin.get(path).body();
            assertThat(body).as(path).doesNotContain(SCRIPT).contains("&lt;script&gt;");
        }
        assertThat(new BrowserSession(port).get("/status.json").body()).doesNotContain("<script>");
    }

    @Test
    void pagesNeedASignInButTheStatusPageDoesNot() {
        BrowserSession anonymous = new BrowserSession(port);

        assertThat(anonymous.get("/incidents").statusCode()).isEqualTo(302);
        assertThat(anonymous.get("/incidents/settings").statusCode()).isEqualTo(302);
        assertThat(anonymous.get("/status").statusCode()).isEqualTo(200);
        assertThat(anonymous.get("/status.json").statusCode()).isEqualTo(200);
    }

    @Test
    void anAdminChangesTheRulesOnTheSettingsPageAndBadValuesAreExplained() {
        BrowserSession admin = BrowserSession.signedIn(port, "admin", ADMIN_PASSWORD);
        admin.get("/incidents/settings");
        Map<String, String> form = new java.util.HashMap<>(Map.of(
                "followDependencies",
                "true",
                "warningCount",
                "many",
                "warningWindow",
                "10m",
                "reportCustomers",
                "2",
                "reportWindow",
                "30m",
                "reportSimilarity",
                "0.5",
                "autoResolveAfter",
                "30m"));

        admin.submit("/incidents/settings/rules", form);
        assertThat(admin.get("/incidents/settings").body()).contains("warningCount must be a whole number");

        form.put("warningCount", "4");
        form.put("autoResolveAfter", "1h");
        admin.submit("/incidents/settings/rules", form);
        GroupingRules rules = context.getBean(GroupingSettings.class).stored().rules();
        assertThat(rules.warningCount()).isEqualTo(4);
        assertThat(rules.autoResolveAfter()).isEqualTo(Duration.ofHours(1));
        context.getBean(GroupingSettings.class).save(GroupingRules.DEFAULTS, "ui", dev.pitwall.system.Actor.PITWALL);
    }

    @Test
    void respondersCannotChangeRulesOrTargets() {
        context.getBean(dev.pitwall.accounts.AccountService.class)
                .createUser("pat-" + System.nanoTime() % 100000, "pat-password-1", dev.pitwall.accounts.Role.RESPONDER);
        String name = context.getBean(dev.pitwall.accounts.AccountService.class).users().stream()
                .filter(u -> u.username().startsWith("pat-"))
                .findFirst()
                .orElseThrow()
                .username();
        BrowserSession pat = BrowserSession.signedIn(port, name, "pat-password-1");
        assertThat(pat.get("/incidents/settings").body())
                .contains("Grouping rules")
                .doesNotContain("Save rules");

        HttpResponse<String> response = pat.submit(
                "/incidents/settings/rules",
                Map.of(
                        "warningCount",
                        "1",
                        "warningWindow",
                        "10m",
                        "reportCustomers",
                        "1",
                        "reportWindow",
                        "30m",
                        "reportSimilarity",
                        "0.5",
                        "autoResolveAfter",
                        "0"));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(context.getBean(GroupingSettings.class).stored().rules().warningCount())
                .isNotEqualTo(1);
    }

    @Test
    void theIncidentPageReceivesNewTimelineEntriesLive() throws Exception {
        ApiClient api = ApiClient.at(port).withToken(TestTokens.create(context, Scope.ADMIN));
        long id = api.post("/api/v1/incidents", "{\"title\": \"live page\"}")
                .json()
                .get("id")
                .asLong();
        HttpClient http = signedInClient();
        List<String> lines = new CopyOnWriteArrayList<>();
        HttpResponse<Stream<String>> stream = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/incidents/" + id + "/stream"))
                        .build(),
                HttpResponse.BodyHandlers.ofLines());
        assertThat(stream.statusCode()).isEqualTo(200);
        Thread reader = Thread.ofVirtual().start(() -> stream.body().forEach(lines::add));

        api.post("/api/v1/incidents/" + id + "/notes", "{\"text\": \"live " + SCRIPT + "\"}");

        await().atMost(Duration.ofSeconds(10)).until(() -> lines.contains("event:timeline"));
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("data:").contains("live &lt;script&gt;"));
        await().atMost(Duration.ofSeconds(10)).until(() -> lines.contains("event:changed"));
        reader.interrupt();
    }

    private HttpClient signedInClient() throws Exception {
        HttpClient http =
                HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        String login = http.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/login"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        Matcher csrf = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"").matcher(login);
        assertThat(csrf.find()).isTrue();
        String form = "username=admin&password=" + URLEncoder.encode(ADMIN_PASSWORD, StandardCharsets.UTF_8) + "&_csrf="
                + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8);
        http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/login"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form))
                        .build(),
                HttpResponse.BodyHandlers.discarding());
        return http;
    }
}
