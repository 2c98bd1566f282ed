package dev.pitwall.triage;

import static dev.pitwall.triage.TestChange.change;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EnvironmentRuleTest {

    @ParameterizedTest(name = "incident in {0}, change in {1}: {2}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            production | production | 0.5   | in production, like the incident
            production | -          | 0.5   | applies to every environment, production included
            production | staging    | -20.0 | in staging, not production where the incident is
            """)
    void theSameEnvironmentCountsAndAnotherRulesTheChangeOut(
            String incident, String environment, double score, String reason) {
        EnvironmentRule rule = new EnvironmentRule(incident);
        CandidateChange change = change(1).environment(environment).build();

        assertThat(rule.score(change)).isEqualTo(score);
        assertThat(rule.reason(change)).isEqualTo(reason);
    }

    @ParameterizedTest(name = "incident environment unknown, change in {0}: nothing")
    @CsvSource(
            nullValues = "-",
            value = {"production", "staging", "-"})
    void anIncidentWithoutEnvironmentSaysNothing(String environment) {
        assertThat(new EnvironmentRule(null)
                        .score(change(1).environment(environment).build()))
                .isZero();
    }
}
