package dev.pitwall.triage;

import static dev.pitwall.triage.TestChange.change;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HistoryRuleTest {

    private final HistoryRule rule = new HistoryRule(new CauseHistory(Map.of("pricing", 1, "ledger", 2, "legacy", 7)));

    @ParameterizedTest(name = "{0} scores {1}")
    @CsvSource(delimiter = '|', textBlock = """
            pricing | 0.4 | an earlier incident was caused by a change to pricing
            ledger  | 0.8 | 2 earlier incidents were caused by changes to ledger
            legacy  | 1.2 | 7 earlier incidents were caused by changes to legacy
            """)
    void servicesWithConfirmedCausesWeighALittleMoreUpToThreeIncidents(String service, double score, String reason) {
        CandidateChange change = change(1).service(service).build();

        assertThat(rule.score(change)).isCloseTo(score, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(rule.reason(change)).isEqualTo(reason);
    }

    @ParameterizedTest(name = "{0} scores nothing")
    @CsvSource({"checkout", "search"})
    void servicesWithoutConfirmedCausesScoreNothing(String service) {
        assertThat(rule.explain(change(1).service(service).build())).isEmpty();
    }
}
