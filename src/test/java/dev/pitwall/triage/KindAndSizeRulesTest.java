package dev.pitwall.triage;

import static dev.pitwall.triage.TestChange.change;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KindAndSizeRulesTest {

    @ParameterizedTest(name = "{0} scores {1}")
    @CsvSource(delimiter = '|', textBlock = """
            config       | 0.7  | config change: takes effect everywhere at once
            feature_flag | 0.7  | feature-flag change: takes effect everywhere at once
            migration    | 0.7  | database migration: cannot be rolled back with the code
            infra        | 0.3  | infrastructure change
            rollback     | -1.0 | rollback to a version that ran before
            """)
    void configFlagsAndMigrationsWeighMoreAndRollbacksLess(String kind, double score, String reason) {
        CandidateChange change =
                change(1).kind(ChangeKind.valueOf(kind.toUpperCase())).build();

        assertThat(new KindRule().score(change)).isEqualTo(score);
        assertThat(new KindRule().reason(change)).isEqualTo(reason);
    }

    @ParameterizedTest(name = "{0} scores nothing")
    @CsvSource({"DEPLOY", "OTHER"})
    void deploysAndOtherChangesScoreNothingForTheirKind(ChangeKind kind) {
        assertThat(new KindRule().explain(change(1).kind(kind).build())).isEmpty();
    }

    @ParameterizedTest(name = "{0} commits score {1}")
    @CsvSource({"1, 0.0", "19, 0.0", "20, 0.5", "49, 0.5", "50, 1.0", "400, 1.0"})
    void largeCommitRangesWeighMore(int commits, double score) {
        CandidateChange change = change(1).commitCount(commits).build();

        assertThat(new SizeRule().score(change)).isEqualTo(score);
        if (score > 0) {
            assertThat(new SizeRule().reason(change)).isEqualTo("large change: " + commits + " commits");
        }
    }
}
