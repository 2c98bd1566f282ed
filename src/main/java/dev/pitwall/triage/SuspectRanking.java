package dev.pitwall.triage;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.function.UnaryOperator;

/**
 * Ranks candidate changes for one incident: each change's score is the sum of what every
 * {@link EvidenceRule} says about it, floored at zero; the best {@code limit} are kept with their
 * reasons. Changes that started after impact started are ranked on their own, as "during the
 * incident". A change with nothing pointing at it (score zero) is not listed.
 *
 * <p>The same candidates always give the same ranking: ties go to the change that finished
 * closer to impact (one still rolling out first), then to the lower id.
 *
 * <p>Reasons are written only for the changes kept: scoring tens of thousands of candidates
 * allocates nothing per change.
 */
public final class SuspectRanking {

    public static final int DEFAULT_LIMIT = 10;

    private static final Comparator<Scored> BEFORE_IMPACT = Comparator.comparingDouble(Scored::score)
            .reversed()
            .thenComparing(Comparator.comparingLong(Scored::finishedMillis).reversed())
            .thenComparingLong(scored -> scored.change().id());

    private static final Comparator<Scored> DURING_INCIDENT = Comparator.comparingDouble(Scored::score)
            .reversed()
            .thenComparingLong(scored -> scored.change().startedAt().toEpochMilli())
            .thenComparingLong(scored -> scored.change().id());

    private final int limit;

    public SuspectRanking() {
        this(DEFAULT_LIMIT);
    }

    public SuspectRanking(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
        this.limit = limit;
    }

    public Suspects rank(
            IncidentFacts incident,
            ServiceGraph services,
            CauseHistory history,
            Collection<CandidateChange> candidates) {
        return rank(incident, services, history, candidates, UnaryOperator.identity());
    }

    /**
     * Ranks as {@link #rank(IncidentFacts, ServiceGraph, CauseHistory, Collection)}, but candidates
     * may carry only their words: {@code withTexts} gives a kept change its description, commit
     * messages and files (with the same words) before its reasons are written, so that a store
     * holding tens of thousands of changes in memory need not hold their texts.
     */
    public Suspects rank(
            IncidentFacts incident,
            ServiceGraph services,
            CauseHistory history,
            Collection<CandidateChange> candidates,
            UnaryOperator<CandidateChange> withTexts) {
        List<EvidenceRule> rules = rulesFor(incident, services, history);
        Instant impactStart = incident.impactStart();
        long impactMillis = impactStart.toEpochMilli();
        Shortlist before = new Shortlist(limit, BEFORE_IMPACT);
        Shortlist during = new Shortlist(limit, DURING_INCIDENT);
        for (CandidateChange change : candidates) {
            double score = 0;
            for (EvidenceRule rule : rules) {
                score += rule.score(change);
            }
            if (score > 0) {
                (change.startedAt().toEpochMilli() < impactMillis ? before : during).offer(change, score);
            }
        }
        return new Suspects(
                impactStart, before.explain(rules, withTexts), during.explain(rules, withTexts), candidates.size());
    }

    /**
     * The score and evidence of particular changes, whatever their place in the ranking, such as a
     * change a responder marked that has since dropped out of the top ten. Each gets rank 0.
     */
    public List<Suspect> explain(
            IncidentFacts incident,
            ServiceGraph services,
            CauseHistory history,
            Collection<CandidateChange> changes,
            UnaryOperator<CandidateChange> withTexts) {
        if (changes.isEmpty()) {
            return List.of();
        }
        List<EvidenceRule> rules = rulesFor(incident, services, history);
        List<Suspect> explained = new ArrayList<>(changes.size());
        for (CandidateChange change : changes) {
            double score = 0;
            for (EvidenceRule rule : rules) {
                score += rule.score(change);
            }
            CandidateChange full = withTexts.apply(change);
            explained.add(new Suspect(0, full, Math.max(0, score), evidence(rules, full)));
        }
        return explained;
    }

    /** What every rule says about a change, strongest first whichever way it points; rule order breaks ties. */
    private static List<Evidence> evidence(List<EvidenceRule> rules, CandidateChange change) {
        List<Evidence> evidence = new ArrayList<>();
        for (EvidenceRule rule : rules) {
            rule.explain(change).ifPresent(evidence::add);
        }
        evidence.sort(
                Comparator.comparingDouble((Evidence e) -> Math.abs(e.score())).reversed());
        return evidence;
    }

    /** The rules, in the order their evidence is listed when scores tie. */
    static List<EvidenceRule> rulesFor(IncidentFacts incident, ServiceGraph services, CauseHistory history) {
        return List.of(
                new VerificationRule(incident.verificationFailed(), incident.verificationPassed()),
                new TimeRule(incident.impactStart()),
                new PlaceRule(incident.services(), services),
                new WordsRule(incident),
                new KindRule(),
                new SizeRule(),
                new HistoryRule(history),
                new EnvironmentRule(incident.environment()));
    }

    private record Scored(CandidateChange change, double score) {
        long finishedMillis() {
            return change.finishedAt() == null
                    ? Long.MAX_VALUE
                    : change.finishedAt().toEpochMilli();
        }
    }

    /** The best {@code limit} changes seen so far; the worst of them on top of a heap, to be replaced. */
    private static final class Shortlist {
        private final int limit;
        private final Comparator<Scored> order;
        private final PriorityQueue<Scored> worstFirst;

        Shortlist(int limit, Comparator<Scored> order) {
            this.limit = limit;
            this.order = order;
            this.worstFirst = new PriorityQueue<>(limit + 1, order.reversed());
        }

        void offer(CandidateChange change, double score) {
            if (worstFirst.size() == limit && score < worstFirst.peek().score()) {
                return;
            }
            Scored scored = new Scored(change, score);
            if (worstFirst.size() < limit) {
                worstFirst.add(scored);
            } else if (order.compare(scored, worstFirst.peek()) < 0) {
                worstFirst.poll();
                worstFirst.add(scored);
            }
        }

        List<Suspect> explain(List<EvidenceRule> rules, UnaryOperator<CandidateChange> withTexts) {
            List<Scored> best = new ArrayList<>(worstFirst);
            best.sort(order);
            List<Suspect> suspects = new ArrayList<>(best.size());
            for (Scored scored : best) {
                CandidateChange full = withTexts.apply(scored.change());
                suspects.add(new Suspect(suspects.size() + 1, full, scored.score(), evidence(rules, full)));
            }
            return suspects;
        }
    }
}
