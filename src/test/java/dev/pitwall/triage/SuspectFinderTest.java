package dev.pitwall.triage;

import static dev.pitwall.triage.TestChange.IMPACT;
import static dev.pitwall.triage.TestChange.change;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SuspectFinderTest {

    static final Instant NOW = IMPACT.plus(Duration.ofMinutes(40));

    @Test
    void weighsTheDayBeforeImpactAndTheIncidentSoFarInTheIncidentsEnvironment() {
        InMemoryChangeSource store = new InMemoryChangeSource(List.of(
                change(1).finishedMinutesBefore(25 * 60).build(), // before the window
                change(2).finishedMinutesBefore(23 * 60).build(),
                change(3).finishedMinutesBefore(10).build(),
                change(4).environment("staging").finishedMinutesBefore(10).build(),
                change(5)
                        .environment(null)
                        .kind(ChangeKind.INFRA)
                        .finishedMinutesBefore(50)
                        .build(),
                at(6, IMPACT.plus(Duration.ofMinutes(10))), // during the incident
                at(7, NOW.plus(Duration.ofMinutes(1))))); // not yet happened

        Suspects suspects = new SuspectFinder(store).suspects(incident(), ServiceGraph.EMPTY, CauseHistory.NONE, NOW);

        assertThat(suspects.ranked()).extracting(s -> s.change().id()).containsExactlyInAnyOrder(2L, 3L, 5L);
        assertThat(suspects.duringIncident()).extracting(s -> s.change().id()).containsExactly(6L);
        assertThat(suspects.candidates()).isEqualTo(4);
    }

    @Test
    void aChangeThatStartedBeforeTheWindowCountsWhileItStillOverlapsIt() {
        Instant windowStart = IMPACT.minus(SuspectFinder.DEFAULT_LOOK_BACK);
        InMemoryChangeSource store = new InMemoryChangeSource(List.of(
                change(1)
                        .startedAndFinished(windowStart.minus(Duration.ofHours(2)), windowStart.plusSeconds(60))
                        .build(),
                change(2)
                        .startedAndFinished(windowStart.minus(Duration.ofHours(30)), null)
                        .build(),
                change(3)
                        .startedAndFinished(windowStart.minus(Duration.ofHours(2)), windowStart.minusSeconds(1))
                        .build()));

        assertThat(store.changes(windowStart, NOW, Set.of("production")))
                .extracting(CandidateChange::id)
                .containsExactlyInAnyOrder(1L, 2L);
    }

    @Test
    void withoutAnEnvironmentTheIncidentWeighsChangesFromEvery() {
        InMemoryChangeSource store = new InMemoryChangeSource(
                List.of(change(1).environment("staging").build(), change(2).build()));
        IncidentFacts unknown =
                new IncidentFacts(IMPACT, null, Set.of("checkout"), List.of(), List.of(), Set.of(), Set.of());

        Suspects suspects = new SuspectFinder(store).suspects(unknown, ServiceGraph.EMPTY, CauseHistory.NONE, NOW);

        assertThat(suspects.ranked()).hasSize(2);
    }

    private static CandidateChange at(long id, Instant started) {
        return change(id)
                .startedAndFinished(started, started.plus(Duration.ofMinutes(3)))
                .build();
    }

    private static IncidentFacts incident() {
        return new IncidentFacts(IMPACT, "production", Set.of("checkout"), List.of(), List.of(), Set.of(), Set.of());
    }
}
