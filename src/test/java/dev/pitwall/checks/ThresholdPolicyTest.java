package dev.pitwall.checks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pitwall.checks.ThresholdPolicy.Transition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ThresholdPolicyTest {

    static final Instant T0 = Instant.parse("2026-11-24T18:00:00Z");

    /** Runs a sequence of results ('.' passes, 'x' fails) and lists the transitions. */
    static List<String> transitions(String runs, int failAfter, int recoverAfter, String window) {
        CheckState state = CheckState.initial();
        List<String> out = new ArrayList<>();
        for (int i = 0; i < runs.length(); i++) {
            boolean ok = runs.charAt(i) == '.';
            ThresholdPolicy.Decision d = ThresholdPolicy.decide(
                    state,
                    ok,
                    10,
                    ok ? null : "boom",
                    T0.plusSeconds(i),
                    new ThresholdPolicy.Thresholds(failAfter, recoverAfter, window),
                    window == null ? null : 42L);
            state = d.next();
            if (d.transition() != Transition.NONE) {
                out.add(i + ":" + d.transition());
            }
        }
        return out;
    }

    @ParameterizedTest(name = "{0} with fail after {1}, recover after {2} → {3}")
    @CsvSource(
            delimiter = '|',
            value = {
                "..........  | 2 | 2 | ''",
                "x.x.x.x.x.  | 2 | 2 | ''",
                ".xx.......  | 2 | 2 | 2:FAILED 4:RECOVERED",
                ".xxxxx....  | 2 | 2 | 2:FAILED 7:RECOVERED",
                ".xx.x..x..  | 2 | 2 | 2:FAILED 6:RECOVERED",
                "x.........  | 1 | 1 | 0:FAILED 1:RECOVERED",
                ".xxx.x...   | 3 | 3 | 3:FAILED 8:RECOVERED",
            })
    void failsAfterNConsecutiveFailuresAndRecoversAfterMPasses(
            String runs, int failAfter, int recoverAfter, String expected) {
        assertThat(String.join(" ", transitions(runs.trim(), failAfter, recoverAfter, null)))
                .isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {"true | 1 | 0", "false | 1 | 1"})
    void insideAVerificationWindowACriticalCheckFailsOnItsFirstFailure(boolean critical, int threshold, int failsAt) {
        CheckDefinition check = TemplateAndFormatTest.parse("""
                name: c
                service: s
                url: https://s.example.com/
                critical: CRITICAL
                """.replace("CRITICAL", Boolean.toString(critical)));

        ThresholdPolicy.Thresholds t = ThresholdPolicy.thresholds(check, "the verification window of s 1.0", threshold);

        assertThat(t.failAfter()).isEqualTo(critical ? 1 : 2);
        ThresholdPolicy.Decision first = ThresholdPolicy.decide(CheckState.initial(), false, 10, "boom", T0, t, 7L);
        assertThat(first.transition() == Transition.FAILED).isEqualTo(failsAt == 0);
        if (critical) {
            assertThat(first.reason())
                    .isEqualTo("failed inside the verification window of s 1.0, where a critical check fails after 1");
            assertThat(first.next().openChangeId()).isEqualTo(7L);
        }
    }
}
