package dev.pitwall.incidents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;
import dev.pitwall.accounts.Scope;
import dev.pitwall.accounts.TestTokens;
import dev.pitwall.system.ApiClient;
import dev.pitwall.system.PitwallTest;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Issue 4's whole story with real senders: the real Alertmanager (Debian package
 * {@code prometheus-alertmanager}) with Pitwall as its webhook receiver opens an incident, a
 * PagerDuty Events v2 trigger and two customer reports attach to it, a responder acknowledges,
 * assigns roles, posts a public update that {@code /status} shows and resolves, and a signed webhook
 * and an email arrive on loopback servers. Skipped when Alertmanager is not installed ({@code .ci/run}
 * installs it).
 */
@PitwallTest
class IncidentStoryTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final ServerSetup SMTP = new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP);

    @RegisterExtension
    static GreenMailExtension mail = new GreenMailExtension(SMTP.dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication())
            .withPerMethodLifecycle(false);

    @DynamicPropertySource
    static void smtp(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> mail.getSmtp().getPort());
        registry.add("pitwall.notifications.poll-interval", () -> "100ms");
    }

    record Hook(String signature, String body) {}

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    Notifications notifications;

    Process alertmanager;
    HttpServer receiver;

    @AfterEach
    void stop() {
        if (alertmanager != null) {
            alertmanager.destroy();
        }
        if (receiver != null) {
            receiver.stop(0);
        }
        notifications.targets().forEach(t -> notifications.delete(t.id()));
    }

    @Test
    void alertmanagerOpensAnIncidentThatAPagerDutySenderAndTwoCustomersJoinAndARespondersWorksToResolved()
            throws Exception {
        Optional<Path> binary = Stream.of(
                        "/usr/bin/prometheus-alertmanager", "/usr/local/bin/alertmanager", "/usr/bin/alertmanager")
                .map(Path::of)
                .filter(Files::isExecutable)
                .findFirst();
        assumeTrue(
                binary.isPresent(),
                "Alertmanager is not installed; skipped (apt install prometheus-alertmanager to run this test)");
        String service = "story-proposals-" + System.nanoTime();
        ApiClient admin = ApiClient.at(port).withToken(TestTokens.create(context, Scope.ADMIN));
        String ingestToken = TestTokens.create(context, Scope.INGEST);
        ApiClient ingest = ApiClient.at(port).withToken(ingestToken);

        List<Hook> hooks = new CopyOnWriteArrayList<>();
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/", exchange -> {
            hooks.add(new Hook(
                    exchange.getRequestHeaders().getFirst("X-Pitwall-Signature"),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        var webhook = admin.post("/api/v1/notification-targets", """
                {"name": "story-hook", "type": "webhook", "url": "http://127.0.0.1:%d/hook",
                 "secret": "story-signing-key", "services": ["%s"]}""".formatted(
                        receiver.getAddress().getPort(), service));
        assertThat(webhook.status()).as(webhook.body()).isEqualTo(201);
        var email = admin.post("/api/v1/notification-targets", """
                {"name": "story-mail", "type": "email", "to": ["oncall@example.com"],
                 "services": ["%s"], "events": ["opened", "resolved"]}""".formatted(service));
        assertThat(email.status()).as(email.body()).isEqualTo(201);

        // Alertmanager, configured as docs/signals.md says, receives a critical alert and forwards it.
        Path dir = Files.createTempDirectory("pitwall-story-alertmanager");
        int amPort = freePort();
        Files.writeString(dir.resolve("alertmanager.yml"), """
                route:
                  receiver: pitwall
                  group_by: ['alertname', 'service']
                  group_wait: 0s
                  group_interval: 1s
                receivers:
                  - name: pitwall
                    webhook_configs:
                      - url: http://127.0.0.1:%d/api/v1/integrations/alertmanager
                        send_resolved: true
                        http_config:
                          authorization:
                            credentials: %s
                """.formatted(port, ingestToken));
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
        Instant started = Clock.systemUTC().instant().minusSeconds(60);
        assertThat(am.post("/api/v2/alerts", """
                                [{"labels": {"alertname": "LineItemsEmpty", "service": "%s", "env": "production",
                                             "severity": "critical"},
                                  "annotations": {"summary": "Line items API returns empty lists"},
                                  "startsAt": "%s"}]""".formatted(service, started)).status())
                .isEqualTo(200);

        JsonNode incident = await().atMost(WAIT)
                .until(() -> openIncident(admin, service), Optional::isPresent)
                .orElseThrow();
        long id = incident.get("id").asLong();
        assertThat(incident.get("detectionSource").asString()).isEqualTo("alert");

        // A PagerDuty Events v2 sender (its routing key is an ingest token) and two customers join it.
        var pagerDuty = ApiClient.at(port).post("/v2/enqueue", """
                {"routing_key": "%s", "event_action": "trigger", "dedup_key": "story-%s",
                 "payload": {"summary": "Proposals error rate above 5%%", "source": "apm", "severity": "error",
                             "custom_details": {"service": "%s", "environment": "production"}}}""".formatted(ingestToken, service, service));
        assertThat(pagerDuty.status()).as(pagerDuty.body()).isEqualTo(202);
        for (String customer : List.of("acme-42", "globex-7")) {
            var report = ingest.post("/api/v1/reports", """
                    {"customer": "%s", "problem": "can't see the line items of their proposals",
                     "service": "%s", "environment": "production"}""".formatted(customer, service));
            assertThat(report.status()).as(report.body()).isBetween(200, 202);
        }
        await().atMost(WAIT).untilAsserted(() -> {
            JsonNode read = admin.get("/api/v1/incidents/" + id).json();
            assertThat(read.get("signals").asInt()).isEqualTo(4);
            assertThat(read.get("distinctCustomers").asInt()).isEqualTo(2);
        });

        // The responder works it.
        assertThat(admin.post("/api/v1/incidents/" + id + "/acknowledge", null)
                        .json()
                        .get("status")
                        .asString())
                .isEqualTo("investigating");
        admin.post("/api/v1/incidents/" + id + "/roles", "{\"role\": \"lead\", \"person\": \"alice\"}");
        admin.post("/api/v1/incidents/" + id + "/roles", "{\"role\": \"communications\", \"person\": \"carol\"}");
        var update = admin.post("/api/v1/incidents/" + id + "/updates", """
                {"body": "Line items are missing for some members; we are rolling back", "public": true,
                 "status": "identified"}""");
        assertThat(update.status()).as(update.body()).isEqualTo(201);
        String status = ApiClient.at(port).get("/status").body();
        assertThat(status)
                .contains("Line items are missing for some members; we are rolling back")
                .doesNotContain("acme-42");
        assertThat(admin.post("/api/v1/incidents/" + id + "/resolve", "{\"reason\": \"rolled back\"}")
                        .json()
                        .get("status")
                        .asString())
                .isEqualTo("resolved");
        JsonNode read = admin.get("/api/v1/incidents/" + id).json();
        assertThat(read.get("lead").asString()).isEqualTo("alice");
        assertThat(read.get("communications").asString()).isEqualTo("carol");
        assertThat(admin.get("/api/v1/incidents/" + id + "/timeline").json().findValuesAsString("kind"))
                .contains("opened", "acknowledged", "role", "update", "status");

        // Notifications: a signed webhook for each step and an email for opened and resolved.
        await().atMost(WAIT).until(() -> hooks.stream().anyMatch(h -> h.body().contains("incident.resolved")));
        assertThat(hooks)
                .allSatisfy(h -> assertThat(h.signature())
                        .isEqualTo("sha256="
                                + WebhookNotifier.sign(
                                        "story-signing-key", h.body().getBytes(StandardCharsets.UTF_8))))
                .anySatisfy(h -> assertThat(h.body()).contains("incident.opened"))
                .anySatisfy(h -> assertThat(h.body()).contains("incident.acknowledged"));
        await().atMost(WAIT).until(() -> mail.getReceivedMessages().length >= 2);
        List<String> subjects = Stream.of(mail.getReceivedMessages())
                .map(IncidentStoryTest::subject)
                .toList();
        assertThat(subjects)
                .anySatisfy(s -> assertThat(s).contains("Incident #" + id + " opened"))
                .anySatisfy(s -> assertThat(s).contains("Incident #" + id + " resolved"));
        assertThat(GreenMailUtil.getBody(mail.getReceivedMessages()[0])).contains("/incidents/" + id);
    }

    private static Optional<JsonNode> openIncident(ApiClient api, String service) {
        for (JsonNode incident : api.get("/api/v1/incidents?status=open").json().get("incidents")) {
            if (incident.get("services").toString().contains("\"" + service + "\"")) {
                return Optional.of(incident);
            }
        }
        return Optional.empty();
    }

    private static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
