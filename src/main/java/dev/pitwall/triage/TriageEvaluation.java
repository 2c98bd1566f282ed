package dev.pitwall.triage;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Measures the ranking on scenarios whose cause is known. Each scenario is loaded into a fresh
 * in-memory store and ranked by the same {@link SuspectFinder} the server uses, next to the
 * baseline a responder without Pitwall would use: the most recent change, to any service, that
 * started before impact in the incident's environment.
 */
final class TriageEvaluation {

    /** How one scenario went: the cause's rank (empty when it is not among the ranked suspects). */
    record Outcome(Scenario scenario, Suspects suspects, OptionalInt rank, Optional<CandidateChange> baseline) {

        boolean baselineHit() {
            return baseline.map(change -> change.id() == scenario.cause()).orElse(false);
        }
    }

    /** The outcomes of a set of scenarios and their summary. */
    record Report(List<Outcome> outcomes) {

        double top1() {
            return share(outcome -> outcome.rank().isPresent() && outcome.rank().getAsInt() == 1);
        }

        double top3() {
            return share(outcome -> outcome.rank().isPresent() && outcome.rank().getAsInt() <= 3);
        }

        /** Mean reciprocal rank; a cause that is not ranked counts 0. */
        double meanReciprocalRank() {
            return outcomes.stream()
                    .mapToDouble(outcome ->
                            outcome.rank().isPresent() ? 1.0 / outcome.rank().getAsInt() : 0)
                    .average()
                    .orElse(0);
        }

        double baselineTop1() {
            return share(Outcome::baselineHit);
        }

        /** The line scripts read; its format never changes. */
        String summaryLine() {
            return String.format(
                    Locale.ROOT,
                    "triage: top1=%.2f top3=%.2f mrr=%.2f baseline_top1=%.2f (%d scenarios)",
                    top1(),
                    top3(),
                    meanReciprocalRank(),
                    baselineTop1(),
                    outcomes.size());
        }

        private double share(Predicate<Outcome> hit) {
            return outcomes.isEmpty()
                    ? 0
                    : (double) outcomes.stream().filter(hit).count() / outcomes.size();
        }
    }

    private TriageEvaluation() {}

    static Report run(List<Scenario> scenarios) {
        return new Report(scenarios.stream().map(TriageEvaluation::evaluate).toList());
    }

    static Outcome evaluate(Scenario scenario) {
        ChangeSource store = new InMemoryChangeSource(scenario.changes());
        IncidentFacts incident = scenario.incident();
        Suspects suspects =
                new SuspectFinder(store).suspects(incident, scenario.services(), scenario.history(), scenario.now());
        return new Outcome(scenario, suspects, suspects.rankOf(scenario.cause()), mostRecentChange(store, incident));
    }

    /** The baseline: the change that started last before impact, in the incident's environment. */
    static Optional<CandidateChange> mostRecentChange(ChangeSource store, IncidentFacts incident) {
        Set<String> environments = incident.environment() == null ? Set.of() : Set.of(incident.environment());
        return store
                .changes(
                        incident.impactStart().minus(SuspectFinder.DEFAULT_LOOK_BACK),
                        incident.impactStart(),
                        environments)
                .stream()
                .max(Comparator.comparing(CandidateChange::startedAt)
                        .thenComparing(
                                Comparator.comparingLong(CandidateChange::id).reversed()));
    }
}
