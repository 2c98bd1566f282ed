package dev.pitwall.signals;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pitwall.accounts.Scope;
import dev.pitwall.accounts.TestTokens;
import dev.pitwall.system.ApiClient;
import dev.pitwall.system.PitwallTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.JsonNode;

@PitwallTest
@Import(RecordedSignals.class)
class SignalApiTest {

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    RecordedSignals recorded;

    ApiClient ingest;
    ApiClient reader;

    @BeforeEach
    void clients() {
        ingest = ApiClient.at(port).withToken(TestTokens.create(context, Scope.INGEST));
        reader = ApiClient.at(port).withToken(TestTokens.create(context, Scope.READ));
    }

    @Test
    void aGenericSignalIsStoredAndRepliedWithOnceFolded() {
        String title = "Checkout latency above 2 s " + System.nanoTime();
        String body = "{\"title\":\"" + title + "\",\"service\":\"checkout\",\"environment\":\"production\","
                + "\"severity\":\"critical\",\"labels\":{\"region\":\"eu-west-1\"},"
                + "\"links\":[{\"href\":\"https://grafana.example.com/d/1\",\"text\":\"Dashboard\"}],"
                + "\"occurred_at\":\"2026-12-01T18:00:00Z\"}";

        ApiClient.Response first = ingest.post("/api/v1/signals", body);
        ApiClient.Response repeat = ingest.post("/api/v1/signals", body);

        assertThat(first.status()).isEqualTo(200);
        JsonNode signal = first.json();
        long id = signal.get("id").asLong();
        assertThat(first.headers().firstValue("Location")).contains("/api/v1/signals/" + id);
        assertThat(signal.get("source").asString()).isEqualTo("generic");
        assertThat(signal.get("severity").asString()).isEqualTo("critical");
        assertThat(signal.get("startedAt").asString()).isEqualTo("2026-12-01T18:00:00Z");
        assertThat(repeat.json().get("id").asLong()).isEqualTo(id);
        assertThat(repeat.json().get("count").asLong()).isEqualTo(2);
        JsonNode read = reader.get("/api/v1/signals/" + id).json();
        assertThat(read.get("labels").get("region").asString()).isEqualTo("eu-west-1");
        assertThat(read.get("links").get(0).get("href").asString()).isEqualTo("https://grafana.example.com/d/1");
        assertThat(recorded.of(signal.get("fingerprint").asString()))
                .extracting(SignalUpdate::change)
                .containsExactly(SignalUpdate.Change.CREATED, SignalUpdate.Change.REPEATED);
    }

    @Test
    void aGenericSenderResolvesItsSignalByItsOwnKey() {
        String key = "deploy-health-" + System.nanoTime();
        ingest.post("/api/v1/signals", "{\"title\":\"Deploy health failing\",\"fingerprint\":\"" + key + "\"}");

        JsonNode resolved = ingest.post("/api/v1/signals", "{\"fingerprint\":\"" + key + "\",\"status\":\"resolved\"}")
                .json();

        assertThat(resolved.get("status").asString()).isEqualTo("resolved");
        assertThat(resolved.get("title").asString()).isEqualTo("Deploy health failing");
    }

    @Test
    void anInvalidSeverityIsA400NamingTheFieldAndNothingIsStored() {
        String title = "Bad severity " + System.nanoTime();

        ApiClient.Response response =
                ingest.post("/api/v1/signals", "{\"title\":\"" + title + "\",\"severity\":\"apocalyptic\"}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("field").asString()).isEqualTo("severity");
        assertThat(response.json().get("detail").asString()).contains("use critical, error, warning or info");
        assertThat(ingest.post("/api/v1/signals", "{\"title\":\"marker\"}").status())
                .isEqualTo(200);
        assertThat(reader.get("/api/v1/signals?q=" + title.replace(" ", "%20"))
                        .json()
                        .get("items")
                        .size())
                .isZero();
    }

    @Test
    void aCustomerReportIsASignalWithTheReport() {
        String customer = "acme-" + System.nanoTime();

        ApiClient.Response response = ingest.post(
                "/api/v1/reports",
                "{\"customer\":\"" + customer + "\",\"problem\":\"can't see their line items\","
                        + "\"service\":\"proposals-app\",\"customers_affected\":3}");

        assertThat(response.status()).isEqualTo(200);
        JsonNode signal = response.json();
        assertThat(signal.get("source").asString()).isEqualTo("report");
        assertThat(signal.get("title").asString()).isEqualTo("can't see their line items");
        assertThat(signal.get("report").get("customerId").asString()).isEqualTo(customer);
        assertThat(signal.get("report").get("customersAffected").asInt()).isEqualTo(3);
        assertThat(recorded.of(signal.get("fingerprint").asString()))
                .singleElement()
                .satisfies(u -> assertThat(u.report().customerId()).isEqualTo(customer));
        assertThat(ingest.post("/api/v1/reports", "{\"problem\":\"x\"}")
                        .json()
                        .get("field")
                        .asString())
                .isEqualTo("customer");
    }

    @Test
    void listsSignalsWithFiltersPageByPage() {
        String service = "svc-" + System.nanoTime();
        for (int i = 0; i < 5; i++) {
            ingest.post(
                    "/api/v1/signals",
                    "{\"title\":\"Page test " + i + "\",\"service\":\"" + service + "\",\"severity\":\""
                            + (i < 3 ? "warning" : "info") + "\"}");
        }

        JsonNode first =
                reader.get("/api/v1/signals?service=" + service + "&limit=2").json();
        JsonNode second = reader.get("/api/v1/signals?service=" + service + "&limit=2&cursor="
                        + first.get("nextCursor").asString())
                .json();
        JsonNode warnings = reader.get("/api/v1/signals?service=" + service + "&severity=warning")
                .json();

        assertThat(first.get("items").size()).isEqualTo(2);
        assertThat(first.get("items").get(0).get("title").asString()).isEqualTo("Page test 4");
        assertThat(second.get("items").get(0).get("title").asString()).isEqualTo("Page test 2");
        assertThat(warnings.get("items").size()).isEqualTo(3);
        assertThat(reader.get("/api/v1/signals?status=burning").status()).isEqualTo(400);
        assertThat(reader.get("/api/v1/signals?cursor=nonsense")
                        .json()
                        .get("field")
                        .asString())
                .isEqualTo("cursor");
        assertThat(ingest.get("/api/v1/signals").status())
                .as("reading needs the read scope")
                .isEqualTo(403);
    }

    @Test
    void anUnknownSignalIsA404AndIntakeReportsItsState() {
        ApiClient.Response missing = reader.get("/api/v1/signals/987654321");
        JsonNode status = reader.get("/api/v1/signals/intake").json();

        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.contentType()).startsWith("application/problem+json");
        assertThat(status.has("backlog")).isTrue();
        assertThat(status.get("rejected").asLong()).isZero();
    }
}
