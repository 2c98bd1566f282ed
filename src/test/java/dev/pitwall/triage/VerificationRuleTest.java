package dev.pitwall.triage;

import static dev.pitwall.triage.TestChange.change;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VerificationRuleTest {

    @ParameterizedTest(name = "change says {0}, failed ids {1}, passed ids {2}: {3}")
    @CsvSource(delimiter = '|', textBlock = """
            FAILED  | -  | -  | 4.0  | post-deploy verification failed
            NONE    | 1  | -  | 4.0  | post-deploy verification failed
            PASSED  | 1  | -  | 4.0  | post-deploy verification failed
            PASSED  | -  | -  | -0.5 | post-deploy verification passed
            NONE    | -  | 1  | -0.5 | post-deploy verification passed
            """)
    void aFailedVerificationWeighsMostAndAPassedOneSpeaksALittleForTheChange(
            Verification outcome, String failedIds, String passedIds, double score, String reason) {
        VerificationRule rule = new VerificationRule(ids(failedIds), ids(passedIds));
        CandidateChange change = change(1).verification(outcome).build();

        assertThat(rule.score(change)).isEqualTo(score);
        assertThat(rule.reason(change)).isEqualTo(reason);
    }

    @ParameterizedTest(name = "{0}, verification of other changes failed: nothing")
    @CsvSource({"NONE", "RUNNING"})
    void noOrUnfinishedVerificationSaysNothing(Verification outcome) {
        VerificationRule rule = new VerificationRule(Set.of(2L), Set.of(3L));

        assertThat(rule.explain(change(1).verification(outcome).build())).isEmpty();
    }

    private static Set<Long> ids(String ids) {
        return "-".equals(ids) ? Set.of() : Set.of(Long.parseLong(ids));
    }
}
