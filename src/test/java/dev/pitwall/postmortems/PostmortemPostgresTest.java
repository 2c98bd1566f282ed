package dev.pitwall.postmortems;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pitwall.accounts.Scope;
import dev.pitwall.accounts.TestTokens;
import dev.pitwall.catalog.CatalogService;
import dev.pitwall.catalog.ServiceDescription;
import dev.pitwall.incidents.IncidentView;
import dev.pitwall.incidents.Incidents;
import dev.pitwall.signals.SignalUpdate;
import dev.pitwall.system.ApiClient;
import dev.pitwall.system.PitwallPostgresTest;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The key postmortem flow on a real PostgreSQL: customers report first, the incident resolves, the
 * draft states it, the team publishes anyway with a reason (closing the incident), and a safeguard
 * check passes a deploy's verification and finishes its item.
 */
@PitwallPostgresTest
class PostmortemPostgresTest {

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
    Incidents incidents;

    @Autowired
    CatalogService catalog;

    @Test
    void fromCustomerReportsToAPublishedPostmortemWhoseSafeguardProvedItself() throws IOException {
        ApiClient admin = ApiClient.at(port).withToken(TestTokens.create(context, Scope.ADMIN));
        ApiClient ingest = ApiClient.at(port).withToken(TestTokens.create(context, Scope.INGEST));
        IncidentRecord record = new IncidentRecord(events, transactions, clock);
        SignalUpdate report = record.report("acme", "Line items are gone", "pgpm-proposals", true);
        record.publish(report);
        IncidentView incident = incidents.open().stream()
                .filter(i -> i.services().contains("pgpm-proposals"))
                .findFirst()
                .orElseThrow();
        record.publish(record.check("line items", "pgpm-proposals", "https://p.example.com/items"));
        admin.post("/api/v1/incidents/" + incident.id() + "/acknowledge", null);
        admin.post("/api/v1/incidents/" + incident.id() + "/resolve", null);
        await().atMost(Duration.ofSeconds(15))
                .until(() -> admin.get("/api/v1/postmortems?incident=" + incident.id())
                                .json()
                                .get("postmortems")
                                .size()
                        == 1);
        long id = admin.get("/api/v1/postmortems?incident=" + incident.id())
                .json()
                .get("postmortems")
                .get(0)
                .get("id")
                .asLong();
        JsonNode draft = admin.get("/api/v1/postmortems/" + id).json();
        assertThat(draft.get("impact").get("customersFoundItFirst").asBoolean()).isTrue();
        assertThat(draft.get("impact").get("distinctCustomers").asInt()).isEqualTo(1);

        admin.patch("/api/v1/postmortems/" + id, "{\"learned\": \"Obviously we need a check.\"}");
        admin.post("/api/v1/postmortems/" + id + "/factors", "{\"text\": \"No check of line items after deploys\"}");
        long item = admin.post("/api/v1/postmortems/" + id + "/action-items", """
                        {"title": "Check line items after deploys", "kind": "safeguard-check", "owner": "ana"}""")
                .json()
                .get("id")
                .asLong();
        admin.post("/api/v1/postmortems/" + id + "/submit", null);
        var published = admin.post(
                "/api/v1/postmortems/" + id + "/publish",
                "{\"publishAnyway\": true, \"reason\": \"agreed in review\"}");
        assertThat(published.status()).as(published.body()).isEqualTo(200);
        assertThat(incidents.find(incident.id()).orElseThrow().status().label()).isEqualTo("closed");
        assertThat(admin.get("/api/v1/postmortems/" + id + ".md").body())
                .contains("Customers found it before Pitwall did.")
                .contains("Published with 1 open findings of the blameless review: agreed in review");

        try (ServerSocket service = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread.ofVirtual().start(() -> {
                while (!service.isClosed()) {
                    try (Socket s = service.accept()) {
                        s.getInputStream().available();
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            catalog.describe(
                    "pgpm-proposals",
                    new ServiceDescription(null, null, null, null, Duration.ofSeconds(10), null, null, null),
                    "api");
            var linked = admin.post(
                    "/api/v1/action-items/" + item + "/check",
                    "{\"definition\": \"name: pgpm port answers\\nservice: pgpm-proposals\\ninterval: 1h\\ntcp: 127.0.0.1:"
                            + service.getLocalPort() + "\\n\"}");
            assertThat(linked.status()).as(linked.body()).isEqualTo(201);
            long change = ingest.post("/api/v1/changes", """
                            {"service": "pgpm-proposals", "kind": "deploy", "version": "4.0.1"}""").json().get("id").asLong();

            await().atMost(Duration.ofSeconds(45))
                    .until(() -> admin.get("/api/v1/action-items/" + item)
                            .json()
                            .get("status")
                            .asString()
                            .equals("done"));
            assertThat(admin.get("/api/v1/action-items/" + item)
                            .json()
                            .get("doneReason")
                            .asString())
                    .contains("change #" + change)
                    .contains("pgpm-proposals 4.0.1");
        }
    }
}
