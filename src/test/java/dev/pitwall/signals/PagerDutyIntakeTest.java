package dev.pitwall.signals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pitwall.accounts.Scope;
import dev.pitwall.accounts.TestTokens;
import dev.pitwall.system.ApiClient;
import dev.pitwall.system.PitwallTest;
import java.time.Duration;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.JsonNode;

/** An existing PagerDuty integration pointed at Pitwall: same requests, same replies. */
@PitwallTest
@Import(RecordedSignals.class)
class PagerDutyIntakeTest {

    static final Duration WAIT = Duration.ofSeconds(15);

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    Signals signals;

    @Autowired
    RecordedSignals recorded;

    ApiClient pagerduty;
    String routingKey;

    @BeforeEach
    void client() {
        pagerduty = ApiClient.at(port);
        routingKey = TestTokens.create(context, Scope.INGEST);
    }

    String event(String file, String dedupKey) {
        return Payloads.text(file)
                .replace("\"samplekeyhere\",\n  \"dedup_key\"", "\"" + routingKey + "\",\n  \"dedup_key\"")
                .replace("\"routingkeyhere\"", "\"" + routingKey + "\"")
                .replace("\"dedup_key\": \"samplekeyhere\"", "\"dedup_key\": \"" + dedupKey + "\"")
                .replace("\"dedup_key\": \"dedupkeyhere\"", "\"dedup_key\": \"" + dedupKey + "\"");
    }

    SignalView awaitSignal(String fingerprint, Predicate<SignalView> condition) {
        return await().atMost(WAIT)
                .until(() -> signals.findByFingerprint(fingerprint), s -> s.isPresent() && condition.test(s.get()))
                .orElseThrow();
    }

    @Test
    void triggerAcknowledgeAndResolveWorkAsOnPagerDuty() {
        String key = "pd-" + System.nanoTime();

        ApiClient.Response trigger = pagerduty.post("/v2/enqueue", event("pagerduty-trigger.json", key));

        assertThat(trigger.status()).isEqualTo(202);
        assertThat(trigger.body())
                .isEqualTo("{\"status\":\"success\",\"message\":\"Event processed\",\"dedup_key\":\"" + key + "\"}");
        SignalView signal = awaitSignal(key, s -> true);
        assertThat(signal.source()).isEqualTo(SignalSource.PAGERDUTY);
        assertThat(signal.title()).isEqualTo("Example alert on host1.example.com");
        assertThat(signal.severity()).isEqualTo(Severity.INFO);
        assertThat(signal.service()).isEqualTo("prod-datapipe");
        assertThat(signal.labels()).containsEntry("component", "postgres");
        assertThat(signal.links()).hasSize(2);
        assertThat(signal.images()).hasSize(1);
        assertThat(signal.details()).contains("ping time");

        assertThat(pagerduty
                        .post("/v2/enqueue", event("pagerduty-acknowledge.json", key))
                        .status())
                .isEqualTo(202);
        assertThat(awaitSignal(key, s -> s.status() == SignalStatus.ACKNOWLEDGED)
                        .acknowledgedAt())
                .isNotNull();
        assertThat(pagerduty
                        .post("/v2/enqueue", event("pagerduty-resolve.json", key))
                        .status())
                .isEqualTo(202);
        SignalView resolved = awaitSignal(key, s -> s.status() == SignalStatus.RESOLVED);

        assertThat(resolved.id()).isEqualTo(signal.id());
        assertThat(resolved.count()).isEqualTo(3);
        assertThat(recorded.changes(key))
                .containsExactly(
                        SignalUpdate.Change.CREATED, SignalUpdate.Change.ACKNOWLEDGED, SignalUpdate.Change.RESOLVED);
    }

    @Test
    void aTriggerWithoutDedupKeyGetsOneBackAndLaterEventsUseIt() {
        String body = "{\"routing_key\":\"" + routingKey + "\",\"event_action\":\"trigger\","
                + "\"payload\":{\"summary\":\"Disk 95% full on db-7\",\"source\":\"db-7\",\"severity\":\"warning\","
                + "\"custom_details\":{\"service\":\"ledger\",\"environment\":\"production\"}}}";

        JsonNode reply = pagerduty.post("/v2/enqueue", body).json();
        String key = reply.get("dedup_key").asString();
        SignalView signal = awaitSignal(key, s -> true);
        pagerduty.post(
                "/v2/enqueue",
                "{\"routing_key\":\"" + routingKey + "\",\"event_action\":\"resolve\",\"dedup_key\":\"" + key + "\"}");

        assertThat(key).matches("[0-9a-f]{32}");
        assertThat(signal.service()).isEqualTo("ledger");
        assertThat(signal.environment()).isEqualTo("production");
        awaitSignal(key, s -> s.status() == SignalStatus.RESOLVED);
    }

    @Test
    void aRoutingKeyThatIsNotAnIngestTokenIsAnInvalidEventAndNothingIsStored() {
        String key = "pd-refused-" + System.nanoTime();
        String unknown = event("pagerduty-trigger.json", key).replace(routingKey, "R0UT1NGKEY00000000000000000000000");
        String readOnly =
                event("pagerduty-trigger.json", key).replace(routingKey, TestTokens.create(context, Scope.READ));

        ApiClient.Response notAToken = pagerduty.post("/v2/enqueue", unknown);
        ApiClient.Response wrongScope = pagerduty.post("/v2/enqueue", readOnly);

        assertThat(notAToken.status()).isEqualTo(400);
        assertThat(notAToken.json().get("status").asString()).isEqualTo("invalid event");
        assertThat(notAToken.json().get("message").asString()).isEqualTo("Event object is invalid");
        assertThat(notAToken.json().get("errors").get(0).asString()).startsWith("Invalid routing key");
        assertThat(wrongScope.status()).isEqualTo(400);
        assertThat(wrongScope.json().get("errors").get(0).asString()).contains("lacks the ingest scope");
        String marker = "pd-marker-" + System.nanoTime();
        pagerduty.post("/v2/enqueue", event("pagerduty-trigger.json", marker));
        awaitSignal(marker, s -> true);
        assertThat(signals.findByFingerprint(key)).isEmpty();
    }

    @Test
    void anInvalidEventListsEveryErrorInPagerDutysFormat() {
        ApiClient.Response response = pagerduty.post(
                "/v2/enqueue",
                "{\"routing_key\":\"" + routingKey + "\",\"event_action\":\"trigger\",\"payload\":{\"summary\":\"x\","
                        + "\"source\":\"y\",\"severity\":\"sev1\"}}");
        ApiClient.Response empty = pagerduty.post("/v2/enqueue", "");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("errors").toString())
                .contains("'payload.severity' must be one of critical, error, warning or info");
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.json().get("status").asString()).isEqualTo("invalid event");
    }
}
