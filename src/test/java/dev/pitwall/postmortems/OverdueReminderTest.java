package dev.pitwall.postmortems;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.pitwall.accounts.Scope;
import dev.pitwall.accounts.TestTokens;
import dev.pitwall.system.ApiClient;
import dev.pitwall.system.PitwallTest;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/** An overdue action item reminds its owner through the incident's notification targets, once per due date. */
@PitwallTest
class OverdueReminderTest {

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    ActionItemService items;

    record Delivery(Map<String, List<String>> headers, String body) {}

    @Test
    void anOverdueItemIsSentToTheIncidentsTargetsOnceAndNotedOnTheTimeline() throws Exception {
        List<Delivery> received = new CopyOnWriteArrayList<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            received.add(new Delivery(
                    Map.copyOf(exchange.getRequestHeaders()),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        ApiClient admin = ApiClient.at(port).withToken(TestTokens.create(context, Scope.ADMIN));
        try {
            var target = admin.post("/api/v1/notification-targets", """
                    {"name": "overdue-hook", "type": "webhook", "url": "http://127.0.0.1:%d/hook",
                     "secret": "overdue-secret", "services": ["od-billing"], "events": ["action_item_overdue"]}""".formatted(
                            receiver.getAddress().getPort()));
            assertThat(target.status()).as(target.body()).isEqualTo(201);
            long incident = admin.post(
                            "/api/v1/incidents", "{\"title\": \"Invoices doubled\", \"services\": [\"od-billing\"]}")
                    .json()
                    .get("id")
                    .asLong();
            long id = admin.post("/api/v1/postmortems", "{\"incidentId\": " + incident + "}")
                    .json()
                    .get("id")
                    .asLong();
            long late = admin.post("/api/v1/postmortems/" + id + "/action-items", """
                            {"title": "Idempotency key for invoices", "kind": "fix", "owner": "dora", "dueOn": "2021-03-04"}""")
                    .json()
                    .get("id")
                    .asLong();
            admin.post("/api/v1/postmortems/" + id + "/action-items", """
                    {"title": "Runbook for invoices", "kind": "docs", "owner": "dora", "dueOn": "2099-01-01"}""");
            assertThat(admin.get("/api/v1/action-items?owner=dora&overdue=true")
                            .json()
                            .findValuesAsString("title"))
                    .containsExactly("Idempotency key for invoices");

            List<ActionItem> reminded = items.remindOverdue();

            assertThat(reminded).extracting(ActionItem::id).contains(late);
            await().atMost(Duration.ofSeconds(15)).until(() -> !received.isEmpty());
            Delivery delivery = received.getFirst();
            assertThat(delivery.headers().get("X-pitwall-event")).containsExactly("incident.action_item_overdue");
            assertThat(delivery.body())
                    .contains("\"event\":\"incident.action_item_overdue\"")
                    .contains("has an overdue action item")
                    .contains("Action item #" + late + " 'Idempotency key for invoices' (fix) owned by dora was due"
                            + " 2021-03-04 and is still open");
            assertThat(items.remindOverdue()).extracting(ActionItem::id).doesNotContain(late);
            assertThat(admin.get("/api/v1/incidents/" + incident + "/timeline")
                            .json()
                            .findValuesAsString("text"))
                    .anySatisfy(t -> assertThat(t).contains("owned by dora was due 2021-03-04"));

            admin.patch("/api/v1/action-items/" + late, "{\"dueOn\": \"2021-04-01\"}");
            assertThat(items.remindOverdue())
                    .as("a new due date that passes reminds again")
                    .extracting(ActionItem::id)
                    .contains(late);
            await().atMost(Duration.ofSeconds(15)).until(() -> received.size() == 2);
        } finally {
            receiver.stop(0);
        }
    }
}
