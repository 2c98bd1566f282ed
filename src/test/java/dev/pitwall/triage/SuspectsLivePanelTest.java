package dev.pitwall.triage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pitwall.accounts.Scope;
import dev.pitwall.accounts.TestTokens;
import dev.pitwall.incidents.Incidents;
import dev.pitwall.signals.Severity;
import dev.pitwall.system.ApiClient;
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
import java.util.Random;
import java.util.concurrent.CompletableFuture;
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

/** An open incident page hears "panels" when the suspects are re-ranked or marked, and reloads the panel. */
@PitwallTest
class SuspectsLivePanelTest {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");

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
    Clock clock;

    @Test
    void anOpenIncidentPageHearsPanelsWhenAChangeReRanksTheIncidentAndWhenASuspectIsMarked() throws Exception {
        String service = "renewals-" + SuspectsScenario.letters(new Random(), 6);
        String env = "production-" + SuspectsScenario.letters(new Random(), 6);
        new IncidentSignals(events, transactions)
                .publish(IncidentSignals.alert(
                        "RenewalsFailing",
                        "Renewal letters are not generated",
                        Severity.CRITICAL,
                        service,
                        env,
                        clock.instant().minusSeconds(300)));
        long id = incidents.open().stream()
                .filter(i -> i.services().contains(service))
                .findFirst()
                .orElseThrow()
                .id();

        HttpClient browser = signedIn();
        List<String> lines = new CopyOnWriteArrayList<>();
        CompletableFuture<HttpResponse<Stream<String>>> stream = browser.sendAsync(
                HttpRequest.newBuilder(URI.create(base() + "/incidents/" + id + "/stream"))
                        .header("Accept", "text/event-stream")
                        .build(),
                HttpResponse.BodyHandlers.ofLines());
        stream.thenAccept(response -> response.body().forEach(lines::add));
        await().atMost(Duration.ofSeconds(10)).until(() -> lines.stream().anyMatch(l -> l.contains("connected")));

        ApiClient ingest = ApiClient.at(port).withToken(TestTokens.create(context, Scope.INGEST));
        ApiClient.Response change = ingest.post(
                "/api/v1/changes",
                "{\"service\": \"" + service + "\", \"environment\": \"" + env + "\", \"kind\": \"deploy\","
                        + " \"version\": \"9.9.9\", \"startedAt\": \""
                        + clock.instant().minusSeconds(20) + "\"}");
        assertThat(change.status()).isEqualTo(201);
        long changeId = change.json().get("id").asLong();
        await().atMost(Duration.ofSeconds(20)).until(() -> lines.contains("event:panels"));

        lines.clear();
        ApiClient admin = ApiClient.at(port).withToken(TestTokens.create(context, Scope.ADMIN));
        assertThat(admin.send(
                                "PUT",
                                "/api/v1/incidents/" + id + "/suspects/" + changeId + "/mark",
                                "{\"mark\": \"ruled_out\"}",
                                "application/json")
                        .status())
                .isEqualTo(200);
        await().atMost(Duration.ofSeconds(20)).until(() -> lines.contains("event:panels"));
        stream.cancel(true);
    }

    private String base() {
        return "http://127.0.0.1:" + port;
    }

    private HttpClient signedIn() throws Exception {
        HttpClient http = HttpClient.newBuilder()
                .cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        String login = http.send(
                        HttpRequest.newBuilder(URI.create(base() + "/login")).build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        Matcher csrf = CSRF.matcher(login);
        assertThat(csrf.find()).isTrue();
        String form = "username=admin&password=" + URLEncoder.encode("admin-password-for-tests", StandardCharsets.UTF_8)
                + "&_csrf=" + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8);
        HttpResponse<String> signIn = http.send(
                HttpRequest.newBuilder(URI.create(base() + "/login"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(signIn.statusCode()).isEqualTo(302);
        return http;
    }
}
