package dev.pitwall.triage;

import static dev.pitwall.triage.TestChange.IMPACT;
import static dev.pitwall.triage.TestChange.change;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TimeRuleTest {

    private final TimeRule rule = new TimeRule(IMPACT);

    @ParameterizedTest(name = "finished {0} min before impact scores {1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            0    | 3.00  | finished 0 s before impact
            14   | 2.62  | finished 14 min before impact
            30   | 2.31  | finished 30 min before impact
            120  | 1.39  | finished 2 h before impact
            185  | 1.03  | finished 3 h 5 min before impact
            1440 | -0.89 | finished 24 h before impact
            """)
    void scoresFallWithTheLogarithmOfTheGap(long minutes, double score, String reason) {
        CandidateChange change = change(1).finishedMinutesBefore(minutes).build();

        assertThat(rule.score(change)).isCloseTo(score, within(0.01));
        assertThat(rule.reason(change)).isEqualTo(reason);
    }

    @Test
    void aChangeStillRollingOutWhenImpactStartedScoresInFull() {
        CandidateChange rolling = change(1)
                .startedAndFinished(IMPACT.minus(Duration.ofMinutes(6)), IMPACT.plus(Duration.ofMinutes(9)))
                .build();
        CandidateChange unfinished = change(2)
                .startedAndFinished(IMPACT.minus(Duration.ofMinutes(3)), null)
                .build();

        assertThat(rule.score(rolling)).isEqualTo(TimeRule.WEIGHT);
        assertThat(rule.score(unfinished)).isEqualTo(TimeRule.WEIGHT);
        assertThat(rule.reason(rolling)).isEqualTo("was still rolling out when impact started (began 6 min before)");
    }

    @ParameterizedTest(name = "started {0} min after impact: nothing, said as \"{1}\"")
    @CsvSource(
            delimiter = '|',
            value = {"0 | started 0 s after impact began", "12 | started 12 min after impact began"})
    void aChangeThatStartedAfterImpactCannotHaveCausedIt(long minutes, String reason) {
        CandidateChange during = change(1)
                .startedAndFinished(
                        IMPACT.plus(Duration.ofMinutes(minutes)), IMPACT.plus(Duration.ofMinutes(minutes + 4)))
                .build();

        assertThat(rule.score(during)).isZero();
        assertThat(rule.explain(during))
                .hasValueSatisfying(evidence -> assertThat(evidence.reason()).isEqualTo(reason));
    }

    @ParameterizedTest(name = "{0} s reads as {1}")
    @CsvSource(
            delimiter = '|',
            value = {"40 | 40 s", "840 | 14 min", "7200 | 2 h", "11100 | 3 h 5 min", "259200 | 3 days"})
    void durationsReadAsAResponderWouldSayThem(long seconds, String text) {
        assertThat(TimeRule.describe(Duration.ofSeconds(seconds))).isEqualTo(text);
    }
}
