package dev.pitwall.signals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.pitwall.accounts.Scope;
import dev.pitwall.accounts.TestTokens;
import dev.pitwall.system.ApiClient;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;

/**
 * The real Alertmanager (Debian package {@code prometheus-alertmanager}) with Pitwall as its webhook
 * receiver, configured as docs/signals.md says. Skipped when the binary is not installed.
 */
@dev.pitwall.system.PitwallTest
@Import(RecordedSignals.class)
class AlertmanagerBinaryTest {

    static final Duration WAIT = Duration.ofSeconds(30);

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    Signals signals;

    @Autowired
    RecordedSignals recorded;

    Process alertmanager;

    @AfterEach
    void stopAlertmanager() {
        if (alertmanager != null) {
            alertmanager.destroy();
        }
    }

    static Optional<Path> binary() {
        return Stream.of("/usr/bin/prometheus-alertmanager", "/usr/local/bin/alertmanager", "/usr/bin/alertmanager")
                .map(Path::of)
                .filter(Files::isExecutable)
                .findFirst();
    }

    @Test
    void alertmanagerConfiguredWithPitwallAsItsReceiverDeliversFiringAndResolvedAlerts() throws Exception {
        Optional<Path> binary = binary();
        assumeTrue(
                binary.isPresent(),
                "Alertmanager is not installed; skipped (apt install prometheus-alertmanager to run this test)");
        Path dir = Files.createTempDirectory("pitwall-alertmanager");
        int amPort = freePort();
        String token = TestTokens.create(context, Scope.INGEST);
        Files.writeString(dir.resolve("alertmanager.yml"), """
                route:
                  receiver: pitwall
                  group_by: ['alertname', 'service']
                  group_wait: 0s
                  group_interval: 1s
                  repeat_interval: 4h
                receivers:
                  - name: pitwall
                    webhook_configs:
                      - url: http://127.0.0.1:%d/api/v1/integrations/alertmanager
                        send_resolved: true
                        max_alerts: 1000
                        http_config:
                          authorization:
                            credentials: %s
                """.formatted(port, token));
        alertmanager = new ProcessBuilder(List.of(
                        binary.get().toString(),
                        "--config.file=" + dir.resolve("alertmanager.yml"),
                        "--storage.path=" + dir.resolve("data"),
                        "--web.listen-address=127.0.0.1:" + amPort,
                        "--cluster.listen-address=",
                        "--log.level=warn"))
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("alertmanager.log").toFile())
                .start();
        ApiClient am = ApiClient.at(amPort);
        await().atMost(WAIT).ignoreExceptions().until(() -> am.get("/-/ready").status() == 200);
        String name = "LineItemsMissing" + System.nanoTime();
        Map<String, String> labels =
                Map.of("alertname", name, "service", "proposals-app", "env", "production", "severity", "critical");
        String labelJson = "{\"alertname\":\"" + name
                + "\",\"service\":\"proposals-app\",\"env\":\"production\",\"severity\":\"critical\"}";
        Instant started = Clock.systemUTC().instant().minusSeconds(30);

        assertThat(am.post(
                                "/api/v2/alerts",
                                "[{\"labels\":" + labelJson + ",\"annotations\":{\"summary\":\"Members can't see"
                                        + " their line items\"},\"startsAt\":\"" + started + "\"}]")
                        .status())
                .isEqualTo(200);
        String fingerprint = Fingerprints.alertmanager(labels);
        SignalView firing = await().atMost(WAIT)
                .until(() -> signals.findByFingerprint(fingerprint), Optional::isPresent)
                .orElseThrow();
        assertThat(firing.status()).isEqualTo(SignalStatus.FIRING);
        assertThat(firing.title()).isEqualTo("Members can't see their line items");
        assertThat(firing.service()).isEqualTo("proposals-app");
        assertThat(firing.links()).extracting(SignalView.Link::text).contains("Alertmanager");

        Instant ended = Clock.systemUTC().instant().minusSeconds(1);
        am.post(
                "/api/v2/alerts",
                "[{\"labels\":" + labelJson + ",\"startsAt\":\"" + started + "\",\"endsAt\":\"" + ended + "\"}]");

        await().atMost(WAIT)
                .until(() ->
                        signals.findByFingerprint(fingerprint).orElseThrow().status() == SignalStatus.RESOLVED);
        assertThat(recorded.changes(fingerprint))
                .containsExactly(SignalUpdate.Change.CREATED, SignalUpdate.Change.RESOLVED);
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
