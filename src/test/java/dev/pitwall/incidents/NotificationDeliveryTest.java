package dev.pitwall.incidents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;
import dev.pitwall.accounts.Scope;
import dev.pitwall.accounts.TestTokens;
import dev.pitwall.system.Actor;
import dev.pitwall.system.ApiClient;
import dev.pitwall.system.PitwallTest;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Notifications reach a real HTTP server and a real SMTP server on loopback, retried until they do. */
@PitwallTest
class NotificationDeliveryTest {

    private static final ServerSetup SMTP = new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP);

    @RegisterExtension
    static GreenMailExtension mail = new GreenMailExtension(SMTP.dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication())
            .withPerMethodLifecycle(false);

    @DynamicPropertySource
    static void smtp(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> mail.getSmtp().getPort());
        registry.add("pitwall.notifications.retry-base", () -> "200ms");
        registry.add("pitwall.notifications.poll-interval", () -> "100ms");
        registry.add("pitwall.public-url", () -> "https://pitwall.example.com");
    }

    record Received(String path, Map<String, String> headers, String body) {}

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    Notifications notifications;

    @Autowired
    IncidentService incidents;

    HttpServer receiver;
    final List<Received> received = new CopyOnWriteArrayList<>();
    final AtomicInteger failuresLeft = new AtomicInteger();
    final JsonMapper json = JsonMapper.builder().build();

    @BeforeEach
    void startReceiver() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            if (failuresLeft.getAndDecrement() > 0) {
                exchange.sendResponseHeaders(503, -1);
                exchange.close();
                return;
            }
            Map<String, String> headers = new java.util.HashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), v.getFirst()));
            received.add(new Received(exchange.getRequestURI().getPath(), headers, body));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void stopReceiver() {
        receiver.stop(0);
        notifications.targets().forEach(t -> notifications.delete(t.id()));
    }

    String url(String path) {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + path;
    }

    @Test
    void aSignedWebhookAndASlackMessageArriveWhenAnIncidentOpensAndResolves() throws Exception {
        notifications.save(
                new TargetSpec(
                        "bridge",
                        NotificationChannel.WEBHOOK,
                        url("/generic"),
                        "s3cret-signing-key",
                        List.of(),
                        List.of(),
                        null,
                        null,
                        true),
                "ui");
        notifications.save(
                new TargetSpec(
                        "ops-slack",
                        NotificationChannel.SLACK,
                        url("/slack"),
                        null,
                        List.of(),
                        List.of("notify-checkout"),
                        null,
                        IncidentSeverity.SEV2,
                        true),
                "ui");

        IncidentView incident = incidents.declare(
                new Declaration(
                        "Checkout <fails> & times out",
                        null,
                        IncidentSeverity.SEV1,
                        List.of("notify-checkout"),
                        "production",
                        null,
                        null),
                Actor.user(1, "alice"));
        incidents.acknowledge(incident.id(), Actor.user(1, "alice"));
        incidents.resolve(incident.id(), Actor.user(1, "alice"), "rolled back");

        await().atMost(Duration.ofSeconds(15)).until(() -> received.size() >= 6);
        Received opened = received.stream()
                .filter(r -> r.path().equals("/generic") && r.body().contains("incident.opened"))
                .findFirst()
                .orElseThrow();
        assertThat(opened.headers().get("x-pitwall-signature"))
                .isEqualTo("sha256="
                        + WebhookNotifier.sign(
                                "s3cret-signing-key", opened.body().getBytes(StandardCharsets.UTF_8)));
        assertThat(opened.headers().get("x-pitwall-event")).isEqualTo("incident.opened");
        JsonNode generic = json.readTree(opened.body());
        assertThat(generic.get("incident").get("id").asLong()).isEqualTo(incident.id());
        assertThat(generic.get("incident").get("severity").asString()).isEqualTo("sev1");
        assertThat(generic.get("incident").get("url").asString())
                .isEqualTo("https://pitwall.example.com/incidents/" + incident.id());
        assertThat(generic.get("actor").asString()).isEqualTo("alice");

        Received slack = received.stream()
                .filter(r -> r.path().equals("/slack") && r.body().contains("opened"))
                .findFirst()
                .orElseThrow();
        JsonNode body = json.readTree(slack.body());
        assertThat(body.get("text").asString()).startsWith("[SEV1] Incident #" + incident.id() + " opened");
        assertThat(body.get("blocks").get(0).get("text").get("text").asString())
                .contains("Checkout &lt;fails&gt; &amp; times out")
                .contains("<https://pitwall.example.com/incidents/" + incident.id() + "|");
        assertThat(received)
                .extracting(r -> json.readTree(r.body()).path("event").asString(""))
                .contains("incident.opened", "incident.acknowledged", "incident.resolved");
    }

    @Test
    void aFailingReceiverIsRetriedWithBackoffAndEveryAttemptIsLogged() {
        failuresLeft.set(2);
        notifications.save(
                new TargetSpec(
                        "flaky",
                        NotificationChannel.WEBHOOK,
                        url("/flaky"),
                        "k",
                        List.of(),
                        List.of(),
                        java.util.EnumSet.of(NotificationEvent.OPENED),
                        null,
                        true),
                "ui");

        IncidentView incident = incidents.declare(
                new Declaration("Retry me", null, IncidentSeverity.SEV3, List.of(), null, null, null), Actor.PITWALL);

        await().atMost(Duration.ofSeconds(15)).until(() -> !received.isEmpty());
        NotificationRepository.Delivery delivery =
                notifications.deliveries(incident.id(), 10).getFirst();
        await().atMost(Duration.ofSeconds(5))
                .until(() -> notifications
                        .deliveries(incident.id(), 10)
                        .getFirst()
                        .state()
                        .equals("delivered"));
        delivery = notifications.deliveries(incident.id(), 10).getFirst();
        assertThat(delivery.attempts()).isEqualTo(3);
        List<NotificationRepository.Attempt> attempts = notifications.attempts(List.of(delivery.id()));
        assertThat(attempts).extracting(NotificationRepository.Attempt::ok).containsExactly(false, false, true);
        assertThat(attempts.getFirst().detail()).contains("HTTP 503");
        assertThat(attempts.get(1).at())
                .isAfterOrEqualTo(attempts.getFirst().at().plusMillis(150));

        ApiClient reader = ApiClient.at(port).withToken(TestTokens.create(context, Scope.READ));
        JsonNode log = reader.get("/api/v1/notification-deliveries?incident=" + incident.id())
                .json();
        assertThat(log.get(0).get("attempts")).hasSize(3);
        String page = dev.pitwall.system.BrowserSession.signedIn(port, "admin", "admin-password-for-tests")
                .get("/incidents/settings")
                .body();
        assertThat(page).contains("flaky", "HTTP 503", "delivered", "opened").doesNotContain("/flaky");
        String incidentPage = dev.pitwall.system.BrowserSession.signedIn(port, "admin", "admin-password-for-tests")
                .get("/incidents/" + incident.id())
                .body();
        assertThat(incidentPage).contains("Notifications", "flaky", "delivered");
    }

    @Test
    void emailGoesOutOverSmtp() throws Exception {
        notifications.save(
                new TargetSpec(
                        "oncall-mail",
                        NotificationChannel.EMAIL,
                        null,
                        null,
                        List.of("oncall@example.com"),
                        List.of(),
                        java.util.EnumSet.of(NotificationEvent.OPENED),
                        null,
                        true),
                "ui");

        IncidentView incident = incidents.declare(
                new Declaration("Mail me", null, IncidentSeverity.SEV2, List.of("mail-svc"), "production", null, null),
                Actor.PITWALL);

        await().atMost(Duration.ofSeconds(15)).until(() -> mail.getReceivedMessages().length > 0);
        MimeMessage message = mail.getReceivedMessages()[0];
        assertThat(message.getSubject())
                .isEqualTo("[Pitwall] [SEV2] Incident #" + incident.id() + " opened: Mail me (mail-svc)");
        assertThat(message.getAllRecipients()[0].toString()).isEqualTo("oncall@example.com");
        assertThat(com.icegreen.greenmail.util.GreenMailUtil.getBody(message))
                .contains("https://pitwall.example.com/incidents/" + incident.id());
    }

    @Test
    void targetsAreManagedOverTheApiAndSecretsNeverComeBack() {
        ApiClient admin = ApiClient.at(port).withToken(TestTokens.create(context, Scope.ADMIN));
        var created = admin.post("/api/v1/notification-targets", """
                {"name": "api-hook", "type": "webhook", "url": "https://hooks.example.com/very/secret/path",
                 "secret": "do-not-show", "events": ["opened", "resolved"], "minSeverity": "sev2"}""");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.body()).doesNotContain("do-not-show").doesNotContain("very/secret/path");
        assertThat(created.json().get("secretSet").asBoolean()).isTrue();
        assertThat(created.json().get("urlDisplay").asString()).isEqualTo("https://hooks.example.com/…");

        var unsigned = admin.post(
                "/api/v1/notification-targets",
                "{\"name\": \"nosecret\", \"type\": \"webhook\", \"url\": \"https://x.example.com\"}");
        assertThat(unsigned.status()).isEqualTo(400);
        assertThat(unsigned.json().get("field").asString()).isEqualTo("secret");
        var badMail = admin.post(
                "/api/v1/notification-targets", "{\"name\": \"m\", \"type\": \"email\", \"to\": [\"not an address\"]}");
        assertThat(badMail.json().get("field").asString()).isEqualTo("to");
        assertThat(admin.get("/api/v1/notification-targets").body()).doesNotContain("do-not-show");
    }
}
