package dev.pitwall.triage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pitwall.system.DatabaseContractTest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SuspectRepositoryTest extends DatabaseContractTest {

    static final Instant IMPACT = Instant.parse("2026-11-24T17:52:00Z");

    SuspectRepository repository;

    @BeforeEach
    void createRepository() {
        repository = new SuspectRepository(jdbc, dialect);
    }

    @Test
    void anIncidentNeverRankedHasNoRankingAndNoSuspects() {
        assertThat(repository.ranking(1)).isEmpty();
        assertThat(repository.hasRanking(1)).isFalse();
        assertThat(repository.suspects(1)).isEmpty();
    }

    @Test
    void aRankingIsStoredWithItsSuspectsEvidenceAndTopAndReadBackInOrder() {
        store(
                1,
                row(SuspectRepository.RANKED, 2, 11, 4.5),
                row(SuspectRepository.DURING, 1, 13, 2.0),
                row(SuspectRepository.RANKED, 1, 12, 8.25));

        SuspectRepository.StoredRanking ranking = repository.ranking(1).orElseThrow();
        assertThat(ranking.candidates()).isEqualTo(27_300);
        assertThat(ranking.impactStart()).isEqualTo(IMPACT);
        assertThat(ranking.topChangeId()).isEqualTo(12L);
        List<SuspectRepository.SuspectRow> rows = repository.suspects(1);
        assertThat(rows)
                .extracting(r -> r.section() + ":" + r.suspect().changeId())
                .containsExactly("ranked:12", "ranked:11", "during:13");
        RankedSuspect top = rows.getFirst().suspect();
        assertThat(top.score()).isEqualTo(8.25);
        assertThat(top.finishedAt()).isNull();
        assertThat(top.evidence())
                .containsExactly(
                        new Evidence("words", 5.0, "changed file LineItemMapper.java matches \"line item\""),
                        new Evidence("time", -0.25, "finished 14 h before impact"));
        assertThat(top.mark()).isEqualTo(SuspectMark.NONE);
    }

    @Test
    void aNewRankingReplacesTheOldButKeepsMarkedChangesAtPlaceZero() {
        store(1, row(SuspectRepository.RANKED, 1, 11, 5), row(SuspectRepository.RANKED, 2, 12, 4));
        transactions.executeWithoutResult(s -> repository.saveMark(1, 12, mark(SuspectMark.RULED_OUT, "member-api")));

        store(1, row(SuspectRepository.RANKED, 1, 14, 6), row(SuspectRepository.RANKED, 2, 11, 5));

        assertThat(repository.suspects(1))
                .extracting(r -> r.suspect().changeId() + "@" + r.suspect().rank() + ":"
                        + r.suspect().mark())
                .containsExactly("14@1:NONE", "11@2:NONE", "12@0:RULED_OUT");
        RankedSuspect ruledOut = repository.suspects(1).getLast().suspect();
        assertThat(ruledOut.markNote()).isEqualTo("the note");
        assertThat(ruledOut.markedBy()).isEqualTo("alice");
        assertThat(ruledOut.markedAt()).isEqualTo(IMPACT.plusSeconds(600));
    }

    @Test
    void aMarkedChangeThatRanksAgainGetsItsNewPlace() {
        transactions.executeWithoutResult(
                s -> repository.saveMark(1, 11, mark(SuspectMark.CONFIRMED_CAUSE, "billing")));
        store(1, row(SuspectRepository.RANKED, 3, 11, 2));
        store(1, row(SuspectRepository.RANKED, 1, 11, 9));

        assertThat(repository.suspects(1)).singleElement().satisfies(r -> {
            assertThat(r.suspect().rank()).isEqualTo(1);
            assertThat(r.suspect().score()).isEqualTo(9);
            assertThat(r.suspect().mark()).isEqualTo(SuspectMark.CONFIRMED_CAUSE);
        });
    }

    @Test
    void aSuspectAddedForAMarkDoesNotOverwriteARankedOneAndGoesWhenItsMarkIsCleared() {
        store(1, row(SuspectRepository.RANKED, 1, 11, 5));
        transactions.executeWithoutResult(s -> {
            repository.addSuspect(1, row(SuspectRepository.RANKED, 0, 11, 0));
            repository.addSuspect(1, row(SuspectRepository.DURING, 0, 20, 0));
            repository.removeUnranked(1, 11);
            repository.removeUnranked(1, 20);
        });

        assertThat(repository.suspects(1)).singleElement().satisfies(r -> {
            assertThat(r.suspect().changeId()).isEqualTo(11);
            assertThat(r.suspect().rank()).isEqualTo(1);
        });
    }

    @Test
    void marksAreSetChangedAndCleared() {
        transactions.executeWithoutResult(s -> {
            repository.saveMark(1, 11, mark(SuspectMark.RULED_OUT, "billing"));
            repository.saveMark(1, 11, mark(SuspectMark.CONFIRMED_CAUSE, "billing"));
            repository.saveMark(1, 12, mark(SuspectMark.RULED_OUT, "members-api"));
        });
        assertThat(repository.mark(1, 11).orElseThrow().mark()).isEqualTo(SuspectMark.CONFIRMED_CAUSE);
        assertThat(repository.markedChanges(1)).containsExactlyInAnyOrder(11L, 12L);
        assertThat(repository.confirmedCauses(1)).containsExactly(11L);

        transactions.executeWithoutResult(s -> repository.deleteMark(1, 11));

        assertThat(repository.mark(1, 11)).isEmpty();
        assertThat(repository.confirmedCauses(1)).isEmpty();
    }

    @Test
    void theHistoryCountsEarlierIncidentsWithAConfirmedCauseInEachService() {
        transactions.executeWithoutResult(s -> {
            repository.saveMark(1, 11, mark(SuspectMark.CONFIRMED_CAUSE, "billing"));
            repository.saveMark(1, 12, mark(SuspectMark.CONFIRMED_CAUSE, "billing"));
            repository.saveMark(2, 21, mark(SuspectMark.CONFIRMED_CAUSE, "billing"));
            repository.saveMark(2, 22, mark(SuspectMark.RULED_OUT, "ledger"));
            repository.saveMark(3, 31, mark(SuspectMark.CONFIRMED_CAUSE, "ledger"));
            repository.saveMark(5, 51, mark(SuspectMark.CONFIRMED_CAUSE, "search"));
        });

        assertThat(repository.confirmedCausesBefore(4)).isEqualTo(Map.of("billing", 2, "ledger", 1));
        assertThat(repository.confirmedCausesBefore(1)).isEmpty();
    }

    @Test
    void lockingARankingCreatesItsRowWithoutMakingItARankingAndReturnsTheTopSuspect() {
        Long top = transactions.execute(s -> repository.lockRanking(7).orElse(null));
        assertThat(top).isNull();
        assertThat(repository.hasRanking(7)).isFalse();

        transactions.executeWithoutResult(s -> {
            repository.lockRanking(7);
            repository.setTop(7, 70L);
            repository.saveRanking(7, IMPACT.plusSeconds(60), IMPACT, 3);
        });

        Long locked = transactions.execute(s -> repository.lockRanking(7).orElse(null));
        assertThat(locked).isEqualTo(70L);
        assertThat(repository.hasRanking(7)).isTrue();
    }

    private void store(long incidentId, SuspectRepository.SuspectRow... rows) {
        transactions.executeWithoutResult(s -> {
            repository.lockRanking(incidentId);
            repository.replaceSuspects(incidentId, List.of(rows));
            repository.saveRanking(incidentId, IMPACT.plusSeconds(120), IMPACT, 27_300);
            repository.setTop(
                    incidentId,
                    List.of(rows).stream()
                            .filter(r -> r.section().equals(SuspectRepository.RANKED)
                                    && r.suspect().rank() == 1)
                            .map(r -> r.suspect().changeId())
                            .findFirst()
                            .orElse(null));
        });
    }

    private static SuspectRepository.StoredMark mark(SuspectMark mark, String service) {
        return new SuspectRepository.StoredMark(mark, service, "the note", "alice", IMPACT.plusSeconds(600));
    }

    private static SuspectRepository.SuspectRow row(String section, int place, long changeId, double score) {
        return new SuspectRepository.SuspectRow(
                section,
                new RankedSuspect(
                        place,
                        changeId,
                        "billing-api",
                        "production",
                        "deploy",
                        "2025.03.10-" + changeId,
                        "Deploy billing-api",
                        IMPACT.minusSeconds(14 * 3600),
                        changeId == 12 ? null : IMPACT.minusSeconds(14 * 3600 - 300),
                        "none",
                        score,
                        List.of(
                                new Evidence("words", 5.0, "changed file LineItemMapper.java matches \"line item\""),
                                new Evidence("time", -0.25, "finished 14 h before impact")),
                        SuspectMark.NONE,
                        null,
                        null,
                        null));
    }
}
