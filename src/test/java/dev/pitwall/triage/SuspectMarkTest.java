package dev.pitwall.triage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class SuspectMarkTest {

    @ParameterizedTest
    @CsvSource({
        "confirmed_cause, CONFIRMED_CAUSE",
        "CONFIRMED_CAUSE, CONFIRMED_CAUSE",
        "confirmed cause, CONFIRMED_CAUSE",
        "confirmed-cause, CONFIRMED_CAUSE",
        "ruled_out, RULED_OUT",
        "' ruled out ', RULED_OUT",
        "none, NONE"
    })
    void marksAreReadAsResponderAndScriptsWriteThem(String text, SuspectMark expected) {
        assertThat(SuspectMark.parse(text)).contains(expected);
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "cause", "confirmed", "blame"})
    void anythingElseIsNoMark(String text) {
        assertThat(SuspectMark.parse(text)).isEqualTo(Optional.empty());
    }

    @org.junit.jupiter.api.Test
    void theTopSuspectsTimelineEntryNamesTheChangeAndItsThreeStrongestReasonsForIt() {
        assertThat(SuspectRanker.topSuspectText(suspect(List.of(
                        new Evidence("time", 2.2, "finished 40 min before impact"),
                        new Evidence("environment", 0.5, "in production, like the incident")))))
                .isEqualTo("Top suspect: proposals-app 2.14.0 (deploy, change #42) — finished 40 min before impact");
        assertThat(SuspectRanker.topSuspectText(suspect(List.of(
                        new Evidence("environment", 0.5, "in production, like the incident"),
                        new Evidence("time", -0.9, "finished 23 h before impact")))))
                .isEqualTo("Top suspect: proposals-app 2.14.0 (deploy, change #42) — in production, like the incident");

        RankedSuspect top = suspect(List.of(
                new Evidence("verification", 4.0, "post-deploy verification failed"),
                new Evidence("words", 3.0, "changed file LineItemMapper.java matches \"line item\""),
                new Evidence("place", 3.0, "same service as the incident"),
                new Evidence("time", -0.4, "finished 11 h before impact"),
                new Evidence("environment", 0.5, "same environment")));

        assertThat(SuspectRanker.topSuspectText(top))
                .isEqualTo("Top suspect: proposals-app 2.14.0 (deploy, change #42) — post-deploy verification failed;"
                        + " changed file LineItemMapper.java matches \"line item\"; same service as the incident");
    }

    private static RankedSuspect suspect(List<Evidence> evidence) {
        return new RankedSuspect(
                1,
                42,
                "proposals-app",
                "production",
                "deploy",
                "2.14.0",
                "Release 2.14.0",
                Instant.parse("2026-11-24T17:30:00Z"),
                Instant.parse("2026-11-24T17:38:00Z"),
                "failed",
                9.1,
                evidence,
                SuspectMark.NONE,
                null,
                null,
                null);
    }
}
