package dev.pitwall.signals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pitwall.accounts.Scope;
import dev.pitwall.accounts.TestTokens;
import dev.pitwall.system.ApiClient;
import dev.pitwall.system.PitwallTest;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;

@PitwallTest
@Import(RecordedSignals.class)
class AlertmanagerIntakeTest {

    static final Duration WAIT = Duration.ofSeconds(15);

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    Signals signals;

    @Autowired
    RecordedSignals recorded;

    ApiClient ingest;

    @BeforeEach
    void client() {
        ingest = ApiClient.at(port).withToken(TestTokens.create(context, Scope.INGEST));
    }

    SignalView awaitSignal(String fingerprint, java.util.function.Predicate<SignalView> condition) {
        return await().atMost(WAIT)
                .until(() -> signals.findByFingerprint(fingerprint), s -> s.isPresent() && condition.test(s.get()))
                .orElseThrow();
    }

    @Test
    void theWebhooksAlertmanagerSentOpenDedupAndResolveSignals() {
        ApiClient.Response firing =
                ingest.post("/api/v1/integrations/alertmanager", Payloads.text("alertmanager-webhook-firing.json"));

        assertThat(firing.status()).isEqualTo(200);
        assertThat(firing.json().get("status").asString()).isEqualTo("success");
        SignalView opened = awaitSignal("a372aa53f377cb0d", s -> true);
        assertThat(opened.status()).isEqualTo(SignalStatus.FIRING);
        assertThat(opened.source()).isEqualTo(SignalSource.ALERTMANAGER);
        assertThat(opened.service()).isEqualTo("proposals-app");
        assertThat(opened.environment()).isEqualTo("production");
        assertThat(opened.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(opened.title()).isEqualTo("Members can't see their line items");

        assertThat(ingest.post("/api/v1/integrations/alertmanager", Payloads.text("alertmanager-webhook-mixed.json"))
                        .status())
                .isEqualTo(200);
        SignalView resolved = awaitSignal("a372aa53f377cb0d", s -> s.status() == SignalStatus.RESOLVED);
        SignalView second = awaitSignal("da4198f7c7b60581", s -> s.status() == SignalStatus.FIRING);
        assertThat(resolved.count()).isEqualTo(2);
        assertThat(resolved.resolvedAt()).isEqualTo(java.time.Instant.parse("2026-12-01T19:41:25.372Z"));

        assertThat(ingest.post("/api/v1/integrations/alertmanager", Payloads.text("alertmanager-webhook-resolved.json"))
                        .status())
                .isEqualTo(200);
        awaitSignal("da4198f7c7b60581", s -> s.status() == SignalStatus.RESOLVED);
        assertThat(second.id()).isNotEqualTo(resolved.id());

        // amtool posts the first alert again to Alertmanager's API, already ended: still one signal.
        assertThat(ingest.post("/api/v2/alerts", Payloads.text("amtool-alerts-resolved.json"))
                        .status())
                .isEqualTo(200);
        SignalView same = awaitSignal("a372aa53f377cb0d", s -> s.count() == 3);
        assertThat(same.id()).isEqualTo(resolved.id());
        assertThat(same.status()).isEqualTo(SignalStatus.RESOLVED);

        assertThat(recorded.changes("a372aa53f377cb0d"))
                .containsExactly(SignalUpdate.Change.CREATED, SignalUpdate.Change.RESOLVED);
        assertThat(recorded.of("a372aa53f377cb0d").getLast().count()).isEqualTo(3);
        assertThat(recorded.sawAnUpdateOutsideItsTransaction()).isFalse();
    }

    @Test
    void prometheusStyleAlertsArriveThroughTheAlertmanagerApi() {
        ApiClient.Response response = ingest.post("/api/v2/alerts", Payloads.text("amtool-alerts-firing.json"));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).isEmpty();
        String fingerprint = Fingerprints.alertmanager(java.util.Map.of(
                "alertname",
                "CheckoutLatencyHigh",
                "environment",
                "staging",
                "job",
                "checkout",
                "severity",
                "warning"));
        SignalView signal = awaitSignal(fingerprint, s -> true);
        assertThat(signal.service()).isEqualTo("checkout");
        assertThat(signal.environment()).isEqualTo("staging");
        assertThat(signal.links()).extracting(SignalView.Link::text).containsExactly("Dashboard");
        assertThat(recorded.of(fingerprint)).singleElement().satisfies(u -> {
            assertThat(u.change()).isEqualTo(SignalUpdate.Change.CREATED);
            assertThat(u.service()).isEqualTo("checkout");
            assertThat(u.signalId()).isEqualTo(signal.id());
        });
    }

    @Test
    void alertsNeedATokenWithTheIngestScope() {
        String body = "[{\"labels\":{\"alertname\":\"NoTokenNoAlert\"}}]";

        ApiClient.Response anonymous = ApiClient.at(port).post("/api/v2/alerts", body);
        ApiClient.Response readOnly = ApiClient.at(port)
                .withToken(TestTokens.create(context, Scope.READ))
                .post("/api/v2/alerts", body);

        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(readOnly.status()).isEqualTo(403);
        assertThat(readOnly.contentType()).startsWith("application/problem+json");
        assertNothingStoredFor(Fingerprints.alertmanager(java.util.Map.of("alertname", "NoTokenNoAlert")));
    }

    @Test
    void refusesMoreThanAThousandAlertsBigLabelsAndBadJsonWithA400AndStoresNothing() {
        StringBuilder many = new StringBuilder("[");
        for (int i = 0; i < 1001; i++) {
            many.append(i == 0 ? "" : ",")
                    .append("{\"labels\":{\"alertname\":\"TooMany")
                    .append(i)
                    .append("\"}}");
        }
        many.append("]");
        String bigLabel = "[{\"labels\":{\"alertname\":\"BigLabel\",\"q\":\"" + "x".repeat(10_241) + "\"}}]";

        ApiClient.Response tooMany = ingest.post("/api/v2/alerts", many.toString());
        ApiClient.Response tooBig = ingest.post("/api/v2/alerts", bigLabel);
        ApiClient.Response broken = ingest.post("/api/v1/integrations/alertmanager", "{\"alerts\": [");

        assertThat(tooMany.status()).isEqualTo(400);
        assertThat(tooMany.json().get("detail").asString()).contains("at most 1000 alerts");
        assertThat(tooBig.status()).isEqualTo(400);
        assertThat(tooBig.json().get("field").asString()).isEqualTo("[0].labels.q");
        assertThat(tooBig.json().get("detail").asString()).contains("10240 bytes");
        assertThat(broken.status()).isEqualTo(400);
        assertThat(broken.contentType()).startsWith("application/problem+json");
        assertNothingStoredFor(Fingerprints.alertmanager(java.util.Map.of("alertname", "TooMany0")));
        assertNothingStoredFor(
                Fingerprints.alertmanager(java.util.Map.of("alertname", "BigLabel", "q", "x".repeat(10_241))));
    }

    @Test
    void takesAlertsWithoutAContentTypeButRefusesOneThatIsNotJson() {
        String body = "[{\"labels\":{\"alertname\":\"PlainTextAlert\"}}]";

        ApiClient.Response plainText = ingest.send("POST", "/api/v2/alerts", body, "text/plain");
        ApiClient.Response untyped = ingest.send("POST", "/api/v2/alerts", "[]", null);

        assertThat(plainText.status()).isEqualTo(415);
        assertThat(plainText.contentType()).startsWith("application/problem+json");
        assertThat(plainText.json().get("detail").asString()).contains("text/plain", "application/json");
        assertThat(untyped.status()).isEqualTo(200);
        assertNothingStoredFor(Fingerprints.alertmanager(java.util.Map.of("alertname", "PlainTextAlert")));
    }

    @Test
    void refusesABodyOverTheLimitWith413() {
        String huge = "[{\"labels\":{\"alertname\":\"Huge\"},\"annotations\":{\"description\":\""
                + "y".repeat(1_100_000) + "\"}}]";

        ApiClient.Response response = ingest.post("/api/v2/alerts", huge);

        assertThat(response.status()).isEqualTo(413);
        assertThat(response.json().get("detail").asString()).contains("larger than the limit");
        assertNothingStoredFor(Fingerprints.alertmanager(java.util.Map.of("alertname", "Huge")));
    }

    /** Sends a marker after the refused request and waits for it: anything stored before it would be folded by then. */
    void assertNothingStoredFor(String fingerprint) {
        String marker = "Marker" + System.nanoTime();
        assertThat(ingest.post("/api/v2/alerts", "[{\"labels\":{\"alertname\":\"" + marker + "\"}}]")
                        .status())
                .isEqualTo(200);
        awaitSignal(Fingerprints.alertmanager(java.util.Map.of("alertname", marker)), s -> true);
        Optional<SignalView> stored = signals.findByFingerprint(fingerprint);
        assertThat(stored).isEmpty();
    }
}
