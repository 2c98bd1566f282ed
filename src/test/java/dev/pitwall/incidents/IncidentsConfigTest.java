package dev.pitwall.incidents;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pitwall.accounts.Scope;
import dev.pitwall.accounts.TestTokens;
import dev.pitwall.system.ApiClient;
import dev.pitwall.system.ConfigErrors;
import dev.pitwall.system.ConfigFile;
import dev.pitwall.system.ConfigNode;
import dev.pitwall.system.PitwallTest;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The incidents and notifications sections of pitwall.yaml: applied at start and on reload, errors with line and field. */
@PitwallTest
class IncidentsConfigTest {

    static Path file;

    @BeforeAll
    static void writeConfig() throws IOException {
        file = Files.createTempFile("pitwall-incidents", ".yaml");
        Files.writeString(file, """
                incidents:
                  grouping:
                    follow_dependencies: false
                    warnings: { count: 5, within: 15m }
                    reports: { customers: 3, within: 1h, similarity: 0.6 }
                  auto_resolve_after: 2h
                notifications:
                  - name: yaml-hook
                    type: webhook
                    url: https://bridge.example.com/pitwall
                    secret_env: PATH
                    services: [yaml-svc]
                    events: [opened, resolved]
                    min_severity: sev2
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
    GroupingSettings settings;

    @Autowired
    Notifications notifications;

    @Test
    void theFileSetsTheRulesAndTargetsAtStart() {
        IncidentRepository.StoredRules stored = settings.stored();
        assertThat(stored.source()).isEqualTo("config");
        assertThat(stored.rules())
                .isEqualTo(new GroupingRules(
                        false, 5, Duration.ofMinutes(15), 3, Duration.ofHours(1), 0.6, Duration.ofHours(2)));
        NotificationTarget target = notifications.targets().stream()
                .filter(t -> t.name().equals("yaml-hook"))
                .findFirst()
                .orElseThrow();
        assertThat(target.source()).isEqualTo("config");
        assertThat(target.secretSet()).isTrue();
        assertThat(target.services()).containsExactly("yaml-svc");
        assertThat(target.minSeverity()).isEqualTo(IncidentSeverity.SEV2);
        assertThat(target.events()).containsExactlyInAnyOrder(NotificationEvent.OPENED, NotificationEvent.RESOLVED);
    }

    @Test
    void aBadFileIsRefusedWithFileLineAndFieldAndChangesNothing() throws IOException {
        String good = Files.readString(file);
        Files.writeString(file, """
                incidents:
                  grouping:
                    warnings: { count: 0, within: forever }
                    reports: { similarity: 2 }
                  auto_resolve: 1h
                notifications:
                  - name: broken
                    type: pager
                  - name: no-url
                    type: slack
                  - name: mail
                    type: email
                    to: [not-an-address]
                    events: [exploded]
                """);
        try {
            var response = ApiClient.at(port)
                    .withToken(TestTokens.create(context, Scope.ADMIN))
                    .post("/api/v1/config/reload", null);

            assertThat(response.status()).isEqualTo(400);
            assertThat(response.json().get("errors").findValuesAsString("field"))
                    .contains(
                            "incidents.grouping.warnings.count",
                            "incidents.grouping.warnings.within",
                            "incidents.grouping.reports.similarity",
                            "incidents.auto_resolve",
                            "notifications[0].type",
                            "notifications[1].url",
                            "notifications[2].to",
                            "notifications[2].events");
            assertThat(response.json().get("errors").get(0).get("line").asInt()).isEqualTo(3);
            assertThat(settings.stored().rules().warningCount()).isEqualTo(5);
        } finally {
            Files.writeString(file, good);
        }
    }

    @Test
    void targetsTheFileNoLongerDeclaresAreSwitchedOffButKeepTheirLog() {
        NotificationsConfigSection section =
                new NotificationsConfigSection(notifications, Map.of("HOOK", "https://x.example.com/h")::get);
        ConfigErrors errors = new ConfigErrors();
        ConfigNode node = ConfigFile.parse("pitwall.yaml", new StringReader("""
                notifications:
                  - name: temp-slack
                    type: slack
                    url_env: HOOK
                """), errors)
                .orElseThrow()
                .get("notifications")
                .orElseThrow();
        List<TargetSpec> parsed = section.parse(node, errors);
        assertThat(errors.isEmpty()).as(errors.all().toString()).isTrue();
        section.apply(parsed);
        assertThat(notifications.targets()).anySatisfy(t -> assertThat(t.name()).isEqualTo("temp-slack"));

        section.apply(List.of());

        NotificationTarget released = notifications.targets().stream()
                .filter(t -> t.name().equals("temp-slack"))
                .findFirst()
                .orElseThrow();
        assertThat(released.enabled()).isFalse();
        assertThat(released.source()).isEqualTo("ui");
    }
}
