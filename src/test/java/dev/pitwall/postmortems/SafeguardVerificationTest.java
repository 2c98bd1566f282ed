package dev.pitwall.postmortems;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.pitwall.accounts.Scope;
import dev.pitwall.accounts.TestTokens;
import dev.pitwall.catalog.CatalogService;
import dev.pitwall.catalog.ServiceDescription;
import dev.pitwall.system.ApiClient;
import dev.pitwall.system.PitwallTest;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * "We will add a safeguard" becomes a check that must prove itself: a safeguard item creates a real
 * check against a real HTTP service on loopback, and turns done only after a deploy recorded
 * through the changes API was verified by that check, and passed.
 */
@PitwallTest
class SafeguardVerificationTest {

    static final String SERVICE = "sg-proposals";

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    CatalogService catalog;

    HttpServer target;
    final AtomicBoolean healthy = new AtomicBoolean(false);
    final AtomicInteger requests = new AtomicInteger();

    @BeforeEach
    void startTarget() throws IOException {
        target = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        target.createContext("/api/members/42/line-items", ex -> {
            requests.incrementAndGet();
            byte[] body =
                    (healthy.get() ? "{\"items\": [{\"id\": 1}]}" : "{\"items\": []}").getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        target.start();
    }

    @AfterEach
    void stopTarget() {
        target.stop(0);
    }

    String url() {
        return "http://127.0.0.1:" + target.getAddress().getPort() + "/api/members/42/line-items";
    }

    @Test
    void aSafeguardIsDoneOnlyOnceItsCheckPassedTheVerificationOfALaterDeploy() {
        ApiClient admin = ApiClient.at(port).withToken(TestTokens.create(context, Scope.ADMIN));
        ApiClient ingest = ApiClient.at(port).withToken(TestTokens.create(context, Scope.INGEST));
        catalog.describe(
                SERVICE,
                new ServiceDescription(null, null, null, null, Duration.ofSeconds(10), null, null, null),
                "api");
        long incident = ingest.post("/api/v1/incidents", """
                        {"title": "Members see no line items", "severity": "sev2", "services": ["sg-proposals"],
                         "environment": "production"}""").json().get("id").asLong();
        admin.post("/api/v1/incidents/" + incident + "/resolve", null);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> admin.get("/api/v1/postmortems?incident=" + incident)
                                .json()
                                .get("postmortems")
                                .size()
                        == 1);
        long postmortem = admin.get("/api/v1/postmortems?incident=" + incident)
                .json()
                .get("postmortems")
                .get(0)
                .get("id")
                .asLong();
        var created = admin.post("/api/v1/postmortems/" + postmortem + "/action-items", """
                {"title": "Check that members' line items are never empty", "kind": "safeguard-check",
                 "owner": "ana", "dueOn": "2031-01-01"}""");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        long item = created.json().get("id").asLong();

        String template = admin.get("/api/v1/action-items/" + item + "/check-template")
                .json()
                .get("definition")
                .asString();
        assertThat(template).contains("service: sg-proposals").contains("environment: production");
        String definition = """
                name: member line items are not empty
                service: sg-proposals
                environment: production
                critical: true
                interval: 1h
                url: URL
                assert:
                  - status == 200
                  - $.items.length() > 0
                """.replace("URL", url());
        var withCheck =
                admin.post("/api/v1/action-items/" + item + "/check", "{\"definition\": " + quote(definition) + "}");
        assertThat(withCheck.status()).as(withCheck.body()).isEqualTo(201);
        assertThat(withCheck.json().get("check").get("name").asString()).isEqualTo("member line items are not empty");
        assertThat(withCheck.json().get("status").asString()).isEqualTo("open");
        assertThat(admin.post(
                                "/api/v1/action-items/" + item + "/check",
                                "{\"existing\": \"member line items are not empty\"}")
                        .status())
                .as("one check per safeguard")
                .isEqualTo(409);
        assertThat(admin.patch("/api/v1/action-items/" + item, "{\"status\": \"done\"}")
                        .status())
                .as("nobody marks a safeguard done by hand")
                .isEqualTo(409);

        long broken = deploy(ingest, "2.15.0");
        await().atMost(Duration.ofSeconds(20))
                .until(() -> verification(admin, broken).equals("failed"));
        assertThat(item(admin, item).get("status").asString())
                .as("a failed verification proves nothing")
                .isEqualTo("open");

        healthy.set(true);
        long fixed = deploy(ingest, "2.15.1");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> verification(admin, fixed).equals("running"));
        assertThat(item(admin, item).get("status").asString())
                .as("not done while the verification is still watching")
                .isEqualTo("open");
        await().atMost(Duration.ofSeconds(45))
                .until(() -> item(admin, item).get("status").asString().equals("done"));

        JsonNode done = item(admin, item);
        assertThat(verification(admin, fixed)).isEqualTo("passed");
        assertThat(done.get("doneBy").asString()).isEqualTo("Pitwall");
        assertThat(done.get("doneReason").asString())
                .contains("check 'member line items are not empty' passed the post-deploy verification of"
                        + " sg-proposals 2.15.1")
                .contains("change #" + fixed)
                .contains("after this item was created");
        assertThat(requests.get()).isPositive();
        assertThat(admin.get("/api/v1/incidents/" + incident + "/timeline")
                        .json()
                        .findValuesAsString("text"))
                .anySatisfy(t -> assertThat(t).startsWith("Safeguard #" + item).contains("is done"));
        assertThat(admin.get("/api/v1/postmortems/" + postmortem)
                        .json()
                        .get("history")
                        .findValuesAsString("kind"))
                .contains("safeguard_check", "safeguard_done");
        assertThat(admin.get("/api/v1/action-items?owner=ana").json().findValuesAsString("title"))
                .doesNotContain("Check that members' line items are never empty");
    }

    long deploy(ApiClient ingest, String version) {
        var change = ingest.post("/api/v1/changes", """
                {"service": "sg-proposals", "environment": "production", "kind": "deploy", "version": "%s",
                 "status": "succeeded"}""".formatted(version));
        assertThat(change.status()).as(change.body()).isEqualTo(201);
        return change.json().get("id").asLong();
    }

    static String verification(ApiClient api, long change) {
        var reply = api.get("/api/v1/changes/" + change + "/verification");
        return reply.status() == 200 ? reply.json().get("status").asString() : "none yet";
    }

    static JsonNode item(ApiClient api, long id) {
        return api.get("/api/v1/action-items/" + id).json();
    }

    static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }
}
