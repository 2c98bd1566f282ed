package dev.pitwall.triage;

import static dev.pitwall.triage.TestChange.IMPACT;
import static dev.pitwall.triage.TestChange.change;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The ranking, measured on the incidents in {@code src/test/resources/triage-scenarios}. */
class TriageEvaluationTest {

    static TriageEvaluation.Report report;

    @BeforeAll
    static void evaluateEveryScenario() throws URISyntaxException {
        Path scenarios = Path.of(
                TriageEvaluationTest.class.getResource("/triage-scenarios").toURI());
        report = TriageEvaluation.run(ScenarioFile.loadDirectory(scenarios));
    }

    @Test
    void theRankingPutsTheCauseFirstInMostScenariosAndInTheTopThreeInNearlyAll() {
        assertThat(report.outcomes()).hasSizeGreaterThanOrEqualTo(40);
        assertThat(report.top1()).as(misses()).isGreaterThanOrEqualTo(0.85);
        assertThat(report.top3()).as(misses()).isGreaterThanOrEqualTo(0.95);
    }

    @Test
    void theRankingBeatsTheMostRecentChangeBeforeImpact() {
        assertThat(report.top1()).isGreaterThan(report.baselineTop1());
        assertThat(report.meanReciprocalRank()).isGreaterThan(report.baselineTop1());
    }

    @Test
    void theSeedStoryIsSolvedByTheCommitThatTouchedLineItemMapper() {
        TriageEvaluation.Outcome seed = report.outcomes().stream()
                .filter(outcome -> outcome.scenario().file().equals("01-members-cant-see-line-items.yaml"))
                .findFirst()
                .orElseThrow();

        assertThat(seed.rank()).hasValue(1);
        assertThat(seed.baselineHit())
                .as("the most recent change is a portal deploy")
                .isFalse();
        assertThat(seed.suspects().top().orElseThrow().evidence())
                .extracting(Evidence::reason)
                .anySatisfy(reason -> assertThat(reason).contains("LineItemMapper.java matches \"line items\""));
    }

    @Test
    void theBaselineIsTheLastChangeToStartBeforeImpactInTheIncidentsEnvironment() {
        ChangeSource store = new InMemoryChangeSource(List.of(
                change(1).finishedMinutesBefore(30).build(),
                change(2).finishedMinutesBefore(10).build(),
                change(3).environment("staging").finishedMinutesBefore(2).build(),
                change(4)
                        .startedAndFinished(IMPACT.plus(Duration.ofMinutes(1)), IMPACT.plus(Duration.ofMinutes(3)))
                        .build()));
        IncidentFacts incident =
                new IncidentFacts(IMPACT, "production", Set.of("checkout"), List.of(), List.of(), Set.of(), Set.of());

        assertThat(TriageEvaluation.mostRecentChange(store, incident))
                .hasValueSatisfying(change -> assertThat(change.id()).isEqualTo(2L));
    }

    private static String misses() {
        return report.outcomes().stream()
                .filter(outcome -> outcome.rank().isEmpty() || outcome.rank().getAsInt() > 1)
                .map(outcome -> outcome.scenario().file() + " rank " + outcome.rank())
                .collect(Collectors.joining(", ", "misses: ", ""));
    }
}
