package dev.pitwall.triage;

import static dev.pitwall.triage.TestChange.IMPACT;
import static dev.pitwall.triage.TestChange.change;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SuspectRankingTest {

    static final ServiceGraph GRAPH =
            new ServiceGraph(Map.of("checkout", Set.of("payments"), "payments", Set.of("ledger")));
    static final IncidentFacts INCIDENT = new IncidentFacts(
            IMPACT,
            "production",
            Set.of("checkout"),
            List.of("Card payments declined as 'card expired'"),
            List.of(),
            Set.of(),
            Set.of());

    private final SuspectRanking ranking = new SuspectRanking();

    @Test
    void theChangeWithTheMostEvidenceComesFirstWithItsReasonsStrongestFirst() {
        CandidateChange unrelatedButRecent =
                change(1).service("search").finishedMinutesBefore(2).build();
        CandidateChange checkout = change(2)
                .service("checkout")
                .finishedMinutesBefore(25)
                .commits("Validate card expiry month")
                .build();
        CandidateChange upstream =
                change(3).service("payments").finishedMinutesBefore(40).build();

        Suspects suspects = rank(unrelatedButRecent, checkout, upstream);

        assertThat(suspects.ranked()).extracting(s -> s.change().id()).containsExactly(2L, 3L, 1L);
        Suspect top = suspects.top().orElseThrow();
        assertThat(top.rank()).isEqualTo(1);
        assertThat(top.evidence())
                .extracting(Evidence::reason)
                .containsExactly(
                        "same service as the incident (checkout)",
                        "finished 25 min before impact",
                        "commit message mentions \"card\"",
                        "in production, like the incident");
        assertThat(suspects.candidates()).isEqualTo(3);
    }

    @Test
    void everySuspectsEvidenceAddsUpToItsScore() {
        Suspects suspects = rank(
                change(1)
                        .service("checkout")
                        .kind(ChangeKind.CONFIG)
                        .finishedMinutesBefore(5)
                        .build(),
                change(2)
                        .service("ledger")
                        .kind(ChangeKind.MIGRATION)
                        .commitCount(30)
                        .build(),
                change(3).service("payments").verification(Verification.FAILED).build(),
                change(4).service("checkout").kind(ChangeKind.ROLLBACK).build());

        assertThat(suspects.ranked())
                .hasSize(4)
                .allSatisfy(suspect -> assertThat(suspect.evidence().stream()
                                .mapToDouble(Evidence::score)
                                .sum())
                        .isCloseTo(suspect.score(), within(1e-9)));
    }

    @Test
    void changesThatStartedAfterImpactAreListedAsDuringTheIncidentNotAsSuspects() {
        CandidateChange before =
                change(1).service("checkout").finishedMinutesBefore(30).build();
        CandidateChange hotfix = change(2)
                .service("checkout")
                .startedAndFinished(IMPACT.plus(Duration.ofMinutes(12)), IMPACT.plus(Duration.ofMinutes(16)))
                .build();

        Suspects suspects = rank(before, hotfix);

        assertThat(suspects.ranked()).extracting(s -> s.change().id()).containsExactly(1L);
        assertThat(suspects.duringIncident()).singleElement().satisfies(suspect -> {
            assertThat(suspect.change().id()).isEqualTo(2L);
            assertThat(suspect.evidence()).extracting(Evidence::reason).contains("started 12 min after impact began");
        });
    }

    @Test
    void aChangeInAnotherEnvironmentIsNotListedHoweverWellTheRestFits() {
        CandidateChange staging = change(1)
                .service("checkout")
                .environment("staging")
                .finishedMinutesBefore(1)
                .verification(Verification.FAILED)
                .commits("card expiry")
                .build();

        assertThat(rank(staging).ranked()).isEmpty();
    }

    @Test
    void keepsTheTenMostSuspectChanges() {
        CandidateChange[] changes = IntStream.rangeClosed(1, 25)
                .mapToObj(i -> change(i)
                        .service("checkout")
                        .finishedMinutesBefore(i * 10L)
                        .build())
                .toArray(CandidateChange[]::new);

        Suspects suspects = rank(changes);

        assertThat(suspects.ranked()).hasSize(SuspectRanking.DEFAULT_LIMIT);
        assertThat(suspects.ranked())
                .extracting(s -> s.change().id())
                .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
        assertThat(new SuspectRanking(3)
                        .rank(INCIDENT, GRAPH, CauseHistory.NONE, List.of(changes))
                        .ranked())
                .hasSize(3);
    }

    @Test
    void theSameCandidatesInAnyOrderGiveTheSameRankingTiesGoingToTheLowerId() {
        List<CandidateChange> changes = new ArrayList<>();
        for (int i = 12; i >= 1; i--) {
            // Six identical changes that finished 30 minutes before impact, six that finished 60.
            changes.add(change(i)
                    .service("checkout")
                    .finishedMinutesBefore(i <= 6 ? 30 : 60)
                    .build());
        }
        Suspects expected = ranking.rank(INCIDENT, GRAPH, CauseHistory.NONE, changes);
        Random random = new Random(7);

        for (int round = 0; round < 20; round++) {
            Collections.shuffle(changes, random);
            assertThat(ranking.rank(INCIDENT, GRAPH, CauseHistory.NONE, changes))
                    .isEqualTo(expected);
        }
        assertThat(expected.ranked())
                .extracting(s -> s.change().id())
                .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
    }

    @Test
    void onEqualScoresAChangeStillRollingOutComesBeforeOneThatHadFinished() {
        CandidateChange finishedAtImpact = change(1)
                .service("checkout")
                .startedAndFinished(IMPACT.minus(Duration.ofMinutes(5)), IMPACT)
                .build();
        CandidateChange stillRolling = change(2)
                .service("checkout")
                .startedAndFinished(IMPACT.minus(Duration.ofMinutes(5)), IMPACT.plus(Duration.ofMinutes(5)))
                .build();

        Suspects suspects = rank(finishedAtImpact, stillRolling);

        assertThat(suspects.ranked().get(0).score())
                .isEqualTo(suspects.ranked().get(1).score());
        assertThat(suspects.ranked()).extracting(s -> s.change().id()).containsExactly(2L, 1L);
    }

    @Test
    void aLimitBelowOneIsRefused() {
        assertThatThrownBy(() -> new SuspectRanking(0)).isInstanceOf(IllegalArgumentException.class);
    }

    private Suspects rank(CandidateChange... changes) {
        return ranking.rank(INCIDENT, GRAPH, CauseHistory.NONE, List.of(changes));
    }
}
