package dev.pitwall.signals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pitwall.accounts.Scope;
import dev.pitwall.accounts.TestTokens;
import dev.pitwall.system.ApiClient;
import dev.pitwall.system.PitwallPostgresTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;

/** The key intake flows on PostgreSQL, where the intake log is a table. */
@PitwallPostgresTest
@Import(RecordedSignals.class)
class SignalIntakePostgresTest {

    static final Duration WAIT = Duration.ofSeconds(20);

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

    @Test
    void alertmanagerAndPagerDutySignalsArriveAndResolve() {
        assertThat(ingest.post("/api/v1/integrations/alertmanager", Payloads.text("alertmanager-webhook-firing.json"))
                        .status())
                .isEqualTo(200);
        await().atMost(WAIT)
                .until(() -> signals.findByFingerprint("a372aa53f377cb0d").isPresent());
        ingest.post("/api/v1/integrations/alertmanager", Payloads.text("alertmanager-webhook-mixed.json"));
        await().atMost(WAIT)
                .until(() -> signals.findByFingerprint("a372aa53f377cb0d")
                                .orElseThrow()
                                .status()
                        == SignalStatus.RESOLVED);

        String token = TestTokens.create(context, Scope.INGEST);
        String trigger = "{\"routing_key\":\"" + token + "\",\"event_action\":\"trigger\",\"dedup_key\":\"pg-1\","
                + "\"payload\":{\"summary\":\"Replica lag 30 s\",\"source\":\"db-2\",\"severity\":\"error\"}}";
        ApiClient.Response accepted = ApiClient.at(port).post("/v2/enqueue", trigger);

        assertThat(accepted.status()).isEqualTo(202);
        await().atMost(WAIT).until(() -> signals.findByFingerprint("pg-1").isPresent());
        assertThat(recorded.changes("a372aa53f377cb0d"))
                .containsExactly(SignalUpdate.Change.CREATED, SignalUpdate.Change.RESOLVED);
        assertThat(recorded.sawAnUpdateOutsideItsTransaction()).isFalse();
    }

    @Test
    void manyRequestsWithTheSameFingerprintAtOnceMakeOneSignal() throws Exception {
        String name = "Concurrent" + System.nanoTime();
        String body = "[{\"labels\":{\"alertname\":\"" + name + "\",\"service\":\"checkout\"}}]";
        ExecutorService threads = Executors.newFixedThreadPool(8);
        List<Future<Integer>> sent = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            sent.add(threads.submit(() -> ingest.post("/api/v2/alerts", body).status()));
        }
        for (Future<Integer> status : sent) {
            assertThat(status.get()).isEqualTo(200);
        }
        threads.shutdown();

        String fingerprint = Fingerprints.alertmanager(Map.of("alertname", name, "service", "checkout"));
        await().atMost(WAIT)
                .until(() -> signals.findByFingerprint(fingerprint)
                                .map(SignalView::count)
                                .orElse(0L)
                        == 200);
        assertThat(recorded.of(fingerprint).stream()
                        .mapToLong(SignalUpdate::received)
                        .sum())
                .isEqualTo(200);
        assertThat(recorded.changes(fingerprint)).containsExactly(SignalUpdate.Change.CREATED);
    }
}
