package dev.pitwall.incidents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.pitwall.PitwallApplication;
import dev.pitwall.system.Actor;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** A notification queued before a restart is delivered after it: the outbox lives in the database. */
class NotificationRestartTest {

    @TempDir
    Path data;

    ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(PitwallApplication.class)
                .run(
                        "--server.port=0",
                        "--pitwall.data-dir=" + data,
                        "--pitwall.admin-password=admin-password-for-tests",
                        "--pitwall.notifications.retry-base=300ms",
                        "--pitwall.notifications.poll-interval=100ms",
                        "--db-scheduler.polling-interval=200ms");
    }

    @Test
    void aDeliveryQueuedBeforeARestartArrivesAfterIt() throws IOException {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        long incidentId;
        long deliveryId;
        try (ConfigurableApplicationContext first = start()) {
            Notifications notifications = first.getBean(Notifications.class);
            notifications.save(
                    new TargetSpec(
                            "restart-hook",
                            NotificationChannel.WEBHOOK,
                            "http://127.0.0.1:" + port + "/hook",
                            "restart-secret",
                            List.of(),
                            List.of(),
                            null,
                            null,
                            true),
                    "ui");
            incidentId = first.getBean(IncidentService.class)
                    .declare(
                            new Declaration(
                                    "Survives a restart", null, IncidentSeverity.SEV2, List.of(), null, null, null),
                            Actor.PITWALL)
                    .id();
            await().atMost(Duration.ofSeconds(10))
                    .until(() ->
                            notifications.deliveries(incidentId, 10).getFirst().attempts() >= 1);
            NotificationRepository.Delivery delivery =
                    notifications.deliveries(incidentId, 10).getFirst();
            deliveryId = delivery.id();
            assertThat(delivery.state()).isEqualTo("pending");
            assertThat(delivery.lastError()).contains("cannot connect");
        }

        List<String> received = new CopyOnWriteArrayList<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        receiver.createContext("/", exchange -> {
            received.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
        try (ConfigurableApplicationContext second = start()) {
            Notifications notifications = second.getBean(Notifications.class);

            await().atMost(Duration.ofSeconds(20)).until(() -> !received.isEmpty());

            assertThat(received.getFirst()).contains("Survives a restart").contains("incident.opened");
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> notifications
                            .deliveries(incidentId, 10)
                            .getFirst()
                            .state()
                            .equals("delivered"));
            assertThat(notifications.deliveries(incidentId, 10))
                    .singleElement()
                    .satisfies(d -> assertThat(d.id()).isEqualTo(deliveryId));
            assertThat(notifications.attempts(List.of(deliveryId)).getLast().ok())
                    .isTrue();
        } finally {
            receiver.stop(0);
        }
    }
}
