package dev.pitwall.catalog;

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

@PitwallTest
class CatalogApiTest {

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    CatalogService catalog;

    ApiClient admin;
    ApiClient reader;

    @BeforeEach
    void tokens() {
        admin = ApiClient.at(port).withToken(TestTokens.create(context, Scope.ADMIN));
        reader = ApiClient.at(port).withToken(TestTokens.create(context, Scope.READ));
    }

    @Test
    void describesAServiceWithItsDependenciesAndHidesTheHookSecret() {
        var response = admin.send("PUT", "/api/v1/services/api-test-proposals", """
                {"ownerTeam": "team-proposals", "tier": 1, "dependsOn": ["api-test-pricing"],
                 "verificationWindowSeconds": 300,
                 "rollbackHookUrl": "https://deploy.example.com/rollback", "rollbackHookSecret": "hook-secret"}""", "application/json");

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).doesNotContain("hook-secret");
        var read = reader.get("/api/v1/services/api-test-proposals").json();
        assertThat(read.get("ownerTeam").asString()).isEqualTo("team-proposals");
        assertThat(read.get("dependsOn").get(0).asString()).isEqualTo("api-test-pricing");
        assertThat(read.get("rollbackHookSecretSet").asBoolean()).isTrue();
        assertThat(catalog.rollbackHook("api-test-proposals"))
                .hasValueSatisfying(h -> assertThat(h.secret()).isEqualTo("hook-secret"));
        assertThat(catalog.graph().hops("api-test-proposals", "api-test-pricing", 2))
                .hasValue(1);
    }

    @Test
    void refusesBadDescriptionsNamingTheField() {
        var tier = admin.send("PUT", "/api/v1/services/api-test-bad", "{\"tier\": 7}", "application/json");
        var url = admin.send(
                "PUT",
                "/api/v1/services/api-test-bad",
                "{\"runbookUrl\": \"javascript:alert(1)\"}",
                "application/json");
        var self = admin.send(
                "PUT", "/api/v1/services/api-test-bad", "{\"dependsOn\": [\"api-test-bad\"]}", "application/json");
        var longName = admin.send("PUT", "/api/v1/services/" + "x".repeat(201), "{}", "application/json");

        assertThat(tier.status()).isEqualTo(400);
        assertThat(tier.json().get("field").asString()).isEqualTo("tier");
        assertThat(url.json().get("field").asString()).isEqualTo("runbookUrl");
        assertThat(self.json().get("field").asString()).isEqualTo("dependsOn");
        assertThat(longName.json().get("detail").asString()).contains("200");
        assertThat(catalog.find("api-test-bad")).isEmpty();
    }

    @Test
    void onlyAdminsDescribeServices() {
        assertThat(reader.send("PUT", "/api/v1/services/x", "{}", "application/json")
                        .status())
                .isEqualTo(403);
        assertThat(reader.get("/api/v1/services/no-such-service").status()).isEqualTo(404);
    }
}
