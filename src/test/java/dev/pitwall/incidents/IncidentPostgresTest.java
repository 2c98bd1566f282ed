package dev.pitwall.incidents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.pitwall.accounts.Scope;
import dev.pitwall.accounts.TestTokens;
import dev.pitwall.signals.Severity;
import dev.pitwall.system.ApiClient;
import dev.pitwall.system.PitwallPostgresTest;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;

/** The key incident flow on a real PostgreSQL, including two folds grouping at the same moment. */
@PitwallPostgresTest
class IncidentPostgresTest {

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    Clock clock;

    @Autowired
    IncidentService incidents;

    @Autowired
    Notifications notifications;

    @Test
    void anAlertAndTwoCustomerReportsBecomeOneIncidentThatIsWorkedAndResolved() throws Exception {
        List<String> hooks = new CopyOnWriteArrayList<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/", exchange -> {
            hooks.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        try {
            notifications.save(
                    new TargetSpec(
                            "pg-hook",
                            NotificationChannel.WEBHOOK,
                            "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook",
                            "pg-secret",
                            List.of(),
                            List.of("pg-proposals"),
                            null,
                            null,
                            true),
                    "ui");
            TestSignals signals = new TestSignals(events, transactions, clock);
            signals.publish(signals.alert("ProposalsErrorRate", Severity.CRITICAL, "pg-proposals"));
            signals.publish(signals.report("acme", "Cannot open proposals", "pg-proposals", false));
            signals.publish(signals.report("globex", "Proposals page is blank", "pg-proposals", false));
            IncidentView incident = incidents.open().stream()
                    .filter(i -> i.services().contains("pg-proposals"))
                    .findFirst()
                    .orElseThrow();
            assertThat(incident.signals()).isEqualTo(3);
            assertThat(incident.distinctCustomers()).isEqualTo(2);

            ApiClient admin = ApiClient.at(port).withToken(TestTokens.create(context, Scope.ADMIN));
            long id = incident.id();
            assertThat(admin.post("/api/v1/incidents/" + id + "/acknowledge", null)
                            .status())
                    .isEqualTo(200);
            admin.post("/api/v1/incidents/" + id + "/roles", "{\"role\": \"lead\", \"person\": \"alice\"}");
            admin.post(
                    "/api/v1/incidents/" + id + "/updates", "{\"body\": \"Rolling back proposals\", \"public\": true}");
            assertThat(ApiClient.at(port).get("/status").body()).contains("Rolling back proposals");
            assertThat(admin.post("/api/v1/incidents/" + id + "/resolve", null)
                            .json()
                            .get("status")
                            .asString())
                    .isEqualTo("resolved");

            await().atMost(Duration.ofSeconds(15))
                    .until(() -> hooks.stream().anyMatch(h -> h.contains("incident.resolved")));
            assertThat(hooks)
                    .anySatisfy(h -> assertThat(h).contains("incident.opened"))
                    .anySatisfy(h -> assertThat(h).contains("incident.acknowledged"));
        } finally {
            receiver.stop(0);
            notifications.targets().stream()
                    .filter(t -> t.name().equals("pg-hook"))
                    .forEach(t -> notifications.delete(t.id()));
        }
    }

    @Test
    void twoFoldsGroupingSignalsOfOneServiceAtTheSameMomentOpenOneIncident() throws Exception {
        TestSignals signals = new TestSignals(events, transactions, clock);
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> folds = new java.util.ArrayList<>();
            for (int i = 0; i < 4; i++) {
                int n = i;
                folds.add(pool.submit(() -> {
                    start.await();
                    signals.publish(signals.alert("Concurrent" + n, Severity.CRITICAL, "pg-concurrent"));
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> fold : folds) {
                fold.get();
            }
        } finally {
            pool.shutdown();
        }

        List<IncidentView> open = incidents.open().stream()
                .filter(i -> i.services().contains("pg-concurrent"))
                .toList();
        assertThat(open).hasSize(1);
        assertThat(open.getFirst().signals()).isEqualTo(4);
    }
}
