package dev.pitwall.incidents;

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
import tools.jackson.databind.JsonNode;

@PitwallTest
class IncidentApiTest {

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    ApiClient admin;
    ApiClient reader;
    ApiClient ingest;

    @BeforeEach
    void tokens() {
        admin = ApiClient.at(port).withToken(TestTokens.create(context, Scope.ADMIN));
        reader = ApiClient.at(port).withToken(TestTokens.create(context, Scope.READ));
        ingest = ApiClient.at(port).withToken(TestTokens.create(context, Scope.INGEST));
    }

    @Test
    void aResponderWorksAnIncidentThroughTheApiAndEveryStepIsOnTheTimeline() {
        var declared = ingest.post("/api/v1/incidents", """
                {"title": "Members cannot see line items", "severity": "sev2", "services": ["api-proposals"],
                 "environment": "production", "summary": "Reported by support"}""");
        assertThat(declared.status()).as(declared.body()).isEqualTo(201);
        long id = declared.json().get("id").asLong();
        assertThat(declared.headers().firstValue("Location")).hasValue("/api/v1/incidents/" + id);
        assertThat(declared.json().get("detectionSource").asString()).isEqualTo("staff");
        assertThat(declared.json().get("status").asString()).isEqualTo("triage");

        assertThat(admin.post("/api/v1/incidents/" + id + "/acknowledge", null)
                        .json()
                        .get("status")
                        .asString())
                .isEqualTo("investigating");
        assertThat(admin.post("/api/v1/incidents/" + id + "/roles", "{\"role\": \"lead\", \"person\": \"alice\"}")
                        .json()
                        .get("lead")
                        .asString())
                .isEqualTo("alice");
        admin.post("/api/v1/incidents/" + id + "/roles", "{\"role\": \"scribe\", \"person\": \"bob\"}");
        var note = admin.post(
                "/api/v1/incidents/" + id + "/notes", "{\"text\": \"Rolled back 2.14.0\", \"pinned\": true}");
        assertThat(note.status()).isEqualTo(201);
        assertThat(note.json().get("pinned").asBoolean()).isTrue();
        var update = admin.post(
                "/api/v1/incidents/" + id + "/updates",
                "{\"body\": \"We found the cause and are rolling back\", \"public\": true, \"status\": \"identified\"}");
        assertThat(update.status()).as(update.body()).isEqualTo(201);
        assertThat(update.json().get("public").asBoolean()).isTrue();
        var patched = admin.patch("/api/v1/incidents/" + id, """
                {"severity": "sev1", "title": "Members cannot see their line items",
                 "impactStartedAt": "2026-11-24T17:52:00Z"}""");
        assertThat(patched.status()).as(patched.body()).isEqualTo(200);
        assertThat(patched.json().get("severity").asString()).isEqualTo("sev1");
        assertThat(patched.json().get("impactStartedAt").asString()).isEqualTo("2026-11-24T17:52:00Z");
        var resolved = admin.post("/api/v1/incidents/" + id + "/resolve", "{\"reason\": \"rollback finished\"}");
        assertThat(resolved.json().get("status").asString()).isEqualTo("resolved");
        assertThat(resolved.json().get("resolvedAt").isNull()).isFalse();

        JsonNode timeline = reader.get("/api/v1/incidents/" + id + "/timeline").json();
        assertThat(timeline.findValuesAsString("kind"))
                .contains("opened", "acknowledged", "role", "note", "update", "status", "severity", "edit");
        assertThat(timeline.findValuesAsString("text"))
                .anySatisfy(t -> assertThat(t).contains("alice is now incident lead"))
                .anySatisfy(t -> assertThat(t).contains("Resolved by token").contains("rollback finished"));
        assertThat(timeline.get(0).get("actor").get("kind").asString()).isEqualTo("token");
        JsonNode read = reader.get("/api/v1/incidents/" + id).json();
        assertThat(read.get("scribe").asString()).isEqualTo("bob");
        assertThat(read.get("acknowledgedAt").isNull()).isFalse();
        assertThat(reader.get("/api/v1/incidents?status=resolved")
                        .json()
                        .get("incidents")
                        .findValuesAsString("title"))
                .contains("Members cannot see their line items");
    }

    @Test
    void badInputIsRefusedNamingTheField() {
        var noTitle = ingest.post("/api/v1/incidents", "{\"severity\": \"sev2\"}");
        var badSeverity = ingest.post("/api/v1/incidents", "{\"title\": \"x\", \"severity\": \"sev9\"}");
        var longTitle = ingest.post("/api/v1/incidents", "{\"title\": \"" + "x".repeat(201) + "\"}");
        long id = ingest.post("/api/v1/incidents", "{\"title\": \"fine\"}")
                .json()
                .get("id")
                .asLong();
        var badRole = admin.post("/api/v1/incidents/" + id + "/roles", "{\"role\": \"captain\", \"person\": \"x\"}");
        var closing = admin.patch("/api/v1/incidents/" + id, "{\"status\": \"closed\"}");
        var emptyNote = admin.post("/api/v1/incidents/" + id + "/notes", "{\"text\": \" \"}");
        var badStatusFilter = reader.get("/api/v1/incidents?status=sleeping");

        assertThat(noTitle.status()).isEqualTo(400);
        assertThat(noTitle.json().get("field").asString()).isEqualTo("title");
        assertThat(badSeverity.status()).isEqualTo(400);
        assertThat(badSeverity.json().get("detail").asString()).contains("sev1");
        assertThat(longTitle.json().get("detail").asString()).contains("200");
        assertThat(badRole.json().get("field").asString()).isEqualTo("role");
        assertThat(closing.status()).isEqualTo(409);
        assertThat(closing.json().get("detail").asString()).contains("postmortem");
        assertThat(emptyNote.json().get("field").asString()).isEqualTo("text");
        assertThat(badStatusFilter.json().get("field").asString()).isEqualTo("status");
        assertThat(reader.get("/api/v1/incidents/999999").status()).isEqualTo(404);
        assertThat(noTitle.contentType()).startsWith("application/problem+json");
    }

    @Test
    void scopesDecideWhoReadsDeclaresAndResponds() {
        assertThat(reader.post("/api/v1/incidents", "{\"title\": \"x\"}").status())
                .isEqualTo(403);
        long id = ingest.post("/api/v1/incidents", "{\"title\": \"scoped\"}")
                .json()
                .get("id")
                .asLong();
        assertThat(ingest.post("/api/v1/incidents/" + id + "/acknowledge", null).status())
                .isEqualTo(403);
        assertThat(reader.post("/api/v1/incidents/" + id + "/resolve", null).status())
                .isEqualTo(403);
        assertThat(ApiClient.at(port).get("/api/v1/incidents").status()).isEqualTo(401);
        assertThat(reader.get("/api/v1/incidents/" + id).status()).isEqualTo(200);
    }

    @Test
    void rulesCanBeReadAndChangedWithValidation() {
        var bad = admin.send("PUT", "/api/v1/incidents/rules", "{\"warningCount\": 0}", "application/json");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("field").asString()).isEqualTo("warningCount");

        var good = admin.send(
                "PUT",
                "/api/v1/incidents/rules",
                "{\"reportCustomers\": 5, \"reportWindowSeconds\": 3600}",
                "application/json");
        assertThat(good.status()).as(good.body()).isEqualTo(200);
        assertThat(reader.get("/api/v1/incidents/rules")
                        .json()
                        .get("reportCustomers")
                        .asInt())
                .isEqualTo(5);

        admin.send(
                "PUT",
                "/api/v1/incidents/rules",
                "{\"reportCustomers\": 2, \"reportWindowSeconds\": 1800}",
                "application/json");
    }
}
