package dev.pitwall.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pitwall.accounts.Scope;
import dev.pitwall.accounts.TestTokens;
import dev.pitwall.catalog.CatalogService;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** pitwall.yaml applies at start and on reload; a bad file changes nothing and names every problem. */
@PitwallTest
class ConfigReloadTest {

    static Path file;

    @BeforeAll
    static void writeConfig() throws IOException {
        file = Files.createTempFile("pitwall", ".yaml");
        Files.writeString(file, """
                services:
                  config-proposals:
                    owner: team-proposals
                    tier: 1
                    depends_on: [config-pricing]
                """);
    }

    @AfterAll
    static void deleteConfig() throws IOException {
        Files.deleteIfExists(file);
    }

    @DynamicPropertySource
    static void configFile(DynamicPropertyRegistry registry) {
        registry.add("pitwall.config-file", () -> file.toString());
    }

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    CatalogService catalog;

    @Test
    void appliesTheFileAtStartAndOnReload() throws IOException {
        assertThat(catalog.get("config-proposals").ownerTeam()).isEqualTo("team-proposals");
        assertThat(catalog.get("config-proposals").source()).isEqualTo("config");
        Files.writeString(file, """
                services:
                  config-proposals:
                    owner: team-line-items
                    tier: 2
                """);

        var response = admin().post("/api/v1/config/reload", null);

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(catalog.get("config-proposals").ownerTeam()).isEqualTo("team-line-items");
        assertThat(catalog.get("config-proposals").tier()).isEqualTo(2);
    }

    @Test
    void aBadFileChangesNothingAndNamesLineAndField() throws IOException {
        Files.writeString(file, """
                services:
                  config-proposals:
                    owner: someone-else
                    tier: 9
                    verification_window: soon
                    colour: blue
                chekcs: []
                """);

        var response = admin().post("/api/v1/config/reload", null);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        var errors = response.json().get("errors");
        assertThat(errors).hasSize(4);
        assertThat(errors.get(0).get("line").asInt()).isEqualTo(4);
        assertThat(errors.get(0).get("field").asString()).isEqualTo("services.config-proposals.tier");
        assertThat(response.body())
                .contains("services.config-proposals.verification_window")
                .contains("services.config-proposals.colour")
                .contains("chekcs")
                .contains(file.getFileName().toString());
        assertThat(catalog.get("config-proposals").ownerTeam()).isNotEqualTo("someone-else");
    }

    @Test
    void invalidYamlIsReportedWithItsLine() throws IOException {
        Files.writeString(file, "services:\n  a: [unclosed\n");

        var response = admin().post("/api/v1/config/reload", null);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("detail").asString()).contains("not valid YAML");
    }

    private ApiClient admin() {
        return ApiClient.at(port).withToken(TestTokens.create(context, Scope.ADMIN));
    }
}
