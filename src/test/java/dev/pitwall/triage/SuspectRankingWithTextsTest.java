package dev.pitwall.triage;

import static dev.pitwall.triage.TestChange.IMPACT;
import static dev.pitwall.triage.TestChange.change;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The server holds candidates with their words only and gives the shown ones their texts back:
 * the ranking and the scores are the same as with the texts, and the reasons quote the texts.
 */
class SuspectRankingWithTextsTest {

    static final IncidentFacts INCIDENT = new IncidentFacts(
            IMPACT,
            "production",
            Set.of("members-portal"),
            List.of("members can't see line items"),
            List.of(),
            Set.of(),
            Set.of());
    static final ServiceGraph GRAPH = new ServiceGraph(Map.of("members-portal", Set.of("billing-api")));

    private final SuspectRanking ranking = new SuspectRanking();

    @Test
    void candidatesWithoutTextsRankAndScoreAlikeAndTheirReasonsQuoteTheTextsGivenBack() {
        List<CandidateChange> full = List.of(
                change(1)
                        .service("billing-api")
                        .finishedMinutesBefore(14 * 60)
                        .commits("Read invoice rows from the ledger v2 schema")
                        .files("billing-api/src/main/java/com/acme/billing/invoice/LineItemMapper.java")
                        .build(),
                change(2).service("members-api").finishedMinutesBefore(40).build(),
                change(3).service("search").finishedMinutesBefore(5).build());
        List<CandidateChange> lean =
                full.stream().map(SuspectRankingWithTextsTest::withoutTexts).toList();
        List<Long> givenBack = new ArrayList<>();
        UnaryOperator<CandidateChange> withTexts = change -> {
            givenBack.add(change.id());
            return full.stream().filter(c -> c.id() == change.id()).findFirst().orElseThrow();
        };

        Suspects expected = ranking.rank(INCIDENT, GRAPH, CauseHistory.NONE, full);
        Suspects fromLean = ranking.rank(INCIDENT, GRAPH, CauseHistory.NONE, lean, withTexts);

        assertThat(fromLean).isEqualTo(expected);
        assertThat(fromLean.top().orElseThrow().evidence())
                .anySatisfy(e -> assertThat(e.reason()).contains("LineItemMapper.java"));
        assertThat(givenBack).containsExactlyInAnyOrder(1L, 2L, 3L);
    }

    @Test
    void aMarkedChangeOutsideTheTopTenIsExplainedWithTheSameRulesAtRankZero() {
        CandidateChange change = change(7)
                .service("billing-api")
                .finishedMinutesBefore(30)
                .files("billing/LineItemMapper.java")
                .build();
        Suspect ranked = ranking.rank(INCIDENT, GRAPH, CauseHistory.NONE, List.of(change))
                .top()
                .orElseThrow();

        List<Suspect> explained =
                ranking.explain(INCIDENT, GRAPH, CauseHistory.NONE, List.of(change), UnaryOperator.identity());

        assertThat(explained).singleElement().satisfies(suspect -> {
            assertThat(suspect.rank()).isZero();
            assertThat(suspect.score()).isEqualTo(ranked.score());
            assertThat(suspect.evidence()).isEqualTo(ranked.evidence());
        });
    }

    private static CandidateChange withoutTexts(CandidateChange change) {
        return new CandidateChange(
                change.id(),
                change.service(),
                change.environment(),
                change.kind(),
                change.version(),
                change.status(),
                change.startedAt(),
                change.finishedAt(),
                "",
                List.of(),
                List.of(),
                change.commitCount(),
                change.verification(),
                change.words());
    }
}
