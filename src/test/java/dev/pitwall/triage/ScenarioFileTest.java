package dev.pitwall.triage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScenarioFileTest {

    static final String VALID = """
            name: Card declines after a checkout deploy
            impact_start: 2025-03-11T08:00:00Z
            services:
              checkout: [payments]
            incident:
              services: [checkout]
              signals: ["Valid cards declined as expired"]
              labels: {alertname: CardDeclines}
              failing_checks:
                - name: pay-premium
                  url: https://members.example.com/api/pay
            history:
              payments: 2
            changes:
              - id: checkout-1
                service: checkout
                finished_at: 2025-03-11T07:45:00Z
                commits: ["Validate card expiry"]
              - id: payments-config
                service: payments
                environment: all
                kind: config
                started_at: 2025-03-11T06:00:00Z
                finished_at: 2025-03-11T07:10:00+01:00
                commit_count: 30
                verification: failed
            cause: checkout-1
            """;

    @Test
    void readsAScenarioWithItsDefaults() {
        Scenario scenario = ScenarioFile.parse("example.yaml", new StringReader(VALID));

        assertThat(scenario.name()).isEqualTo("Card declines after a checkout deploy");
        assertThat(scenario.now()).isEqualTo(Instant.parse("2025-03-11T09:00:00Z"));
        assertThat(scenario.incident().environment()).isEqualTo("production");
        assertThat(scenario.incident().texts()).containsExactly("Valid cards declined as expired", "CardDeclines");
        assertThat(scenario.incident().failingChecks())
                .containsExactly(new FailingCheck("pay-premium", "https://members.example.com/api/pay"));
        assertThat(scenario.services().dependencies()).containsKey("checkout");
        assertThat(scenario.history().confirmedCauses("payments")).isEqualTo(2);
        assertThat(scenario.nameOf(scenario.cause())).isEqualTo("checkout-1");
        assertThat(scenario.changes())
                .satisfiesExactly(
                        deploy -> {
                            assertThat(deploy.environment()).isEqualTo("production");
                            assertThat(deploy.kind()).isEqualTo(ChangeKind.DEPLOY);
                            assertThat(deploy.startedAt()).isEqualTo(deploy.finishedAt());
                            assertThat(deploy.status()).isEqualTo("succeeded");
                            assertThat(deploy.commitCount()).isEqualTo(1);
                        },
                        config -> {
                            assertThat(config.environment())
                                    .as("'all' means every environment")
                                    .isNull();
                            assertThat(config.finishedAt()).isEqualTo(Instant.parse("2025-03-11T06:10:00Z"));
                            assertThat(config.commitCount()).isEqualTo(30);
                            assertThat(config.verification()).isEqualTo(Verification.FAILED);
                        });
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', textBlock = """
            impact_start missing          | 'impact_start: 2025-03-11T08:00:00Z'  | 'impact_at: 2025-03-11T08:00:00Z'       | 'line 2: impact_at: unknown field; expected one of [cause, changes'
            impact_start not a time       | 'impact_start: 2025-03-11T08:00:00Z'  | 'impact_start: yesterday morning'       | 'line 2: impact_start: not a time with a zone, such as 2025-03-11T07:52:00Z: ''yesterday morning'''
            time without a zone           | 'finished_at: 2025-03-11T07:45:00Z'   | 'finished_at: 2025-03-11T07:45:00'      | 'line 17: changes[0].finished_at: not a time with a zone'
            misspelt field of a change    | '    finished_at: 2025-03-11T07:45:00Z' | '    finshed_at: 2025-03-11T07:45:00Z' | 'line 17: changes[0].finshed_at: unknown field; expected one of [commit_count, commits'
            unknown kind                  | 'kind: config'                        | 'kind: deployment'                      | 'line 22: changes[1].kind: ''deployment'' is not one of [deploy, rollback, config, feature_flag, migration, infra, other]'
            unknown verification          | 'verification: failed'                | 'verification: red'                     | 'line 26: changes[1].verification: ''red'' is not one of [none, running, passed, failed]'
            finished before it started    | 'started_at: 2025-03-11T06:00:00Z'    | 'started_at: 2025-03-11T08:30:00Z'      | 'line 24: changes[1].finished_at: before started_at'
            commit count not a number     | 'commit_count: 30'                    | 'commit_count: many'                    | 'line 25: changes[1].commit_count: not a whole number: ''many'''
            two changes with one id       | '- id: payments-config'               | '- id: checkout-1'                      | 'line 19: changes[1].id: ''checkout-1'' is used by another change too'
            cause names no change         | 'cause: checkout-1'                   | 'cause: checkout-2'                     | 'line 27: cause: no change has the id ''checkout-2'''
            history not a number          | 'payments: 2'                         | 'payments: often'                       | 'line 13: history.payments: not a number of incidents: ''often'''
            signals not a list            | 'signals: ["Valid cards declined as expired"]' | 'signals: {text: declined}'    | 'line 7: incident.signals: expected a list'
            services not a mapping        | '  checkout: [payments]'              | '  - checkout'                          | 'line 4: services: expected a mapping of fields'
            broken YAML                   | 'services: [checkout]'                | 'services: [checkout'                   | 'line 7: not valid YAML'
            """)
    void refusesABrokenScenarioNamingFileLineAndField(String what, String from, String to, String message) {
        String broken = VALID.replace(from, to);
        assertThat(broken).as("the case must change the scenario").isNotEqualTo(VALID);

        assertThatThrownBy(() -> ScenarioFile.parse("broken.yaml", new StringReader(broken)))
                .isInstanceOf(ScenarioException.class)
                .hasMessageStartingWith("broken.yaml: " + message);
    }

    @Test
    void refusesACauseThatStartedAfterImpact() {
        String late = VALID.replace("finished_at: 2025-03-11T07:45:00Z", "finished_at: 2025-03-11T08:05:00Z");

        assertThatThrownBy(() -> ScenarioFile.parse("late.yaml", new StringReader(late)))
                .hasMessage("late.yaml: line 27: cause: 'checkout-1' started after impact started, so it cannot be"
                        + " the cause");
    }

    @Test
    void refusesAScenarioWithoutChangesOrContent() {
        String noChanges = VALID.substring(0, VALID.indexOf("changes:")) + "changes: []\ncause: x\n";

        assertThatThrownBy(() -> ScenarioFile.parse("none.yaml", new StringReader(noChanges)))
                .hasMessage("none.yaml: line 14: changes: a scenario needs at least one change");
        assertThatThrownBy(() -> ScenarioFile.parse("empty.yaml", new StringReader("")))
                .hasMessage("empty.yaml: empty file");
    }

    @Test
    void readsEveryYamlFileOfADirectoryByName(@TempDir Path directory) throws IOException {
        Files.writeString(directory.resolve("b.yaml"), VALID);
        Files.writeString(directory.resolve("a.yml"), VALID);
        Files.writeString(directory.resolve("notes.txt"), "not a scenario");

        assertThat(ScenarioFile.loadDirectory(directory))
                .extracting(Scenario::file)
                .containsExactly("a.yml", "b.yaml");
    }

    @Test
    void refusesADirectoryThatIsMissingOrHasNoScenarios(@TempDir Path directory) {
        assertThatThrownBy(() -> ScenarioFile.loadDirectory(directory.resolve("missing")))
                .hasMessageEndingWith("missing: not a directory");
        assertThatThrownBy(() -> ScenarioFile.loadDirectory(directory))
                .hasMessageEndingWith(": no scenario files (*.yaml) in it");
    }
}
