package dev.pitwall.triage;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Finds the suspects for an incident: the changes from the look-back window before impact
 * started (24 hours by default) up to {@code now}, from the incident's environment, ranked. Called
 * when the incident opens and again whenever a signal or a change arrives while it is open.
 */
public final class SuspectFinder {

    public static final Duration DEFAULT_LOOK_BACK = Duration.ofHours(24);

    private final ChangeSource changes;
    private final Duration lookBack;
    private final SuspectRanking ranking;

    public SuspectFinder(ChangeSource changes) {
        this(changes, DEFAULT_LOOK_BACK, new SuspectRanking());
    }

    public SuspectFinder(ChangeSource changes, Duration lookBack, SuspectRanking ranking) {
        this.changes = changes;
        this.lookBack = lookBack;
        this.ranking = ranking;
    }

    public Suspects suspects(IncidentFacts incident, ServiceGraph services, CauseHistory history, Instant now) {
        return ranking.rank(incident, services, history, candidates(incident, now), changes::withTexts);
    }

    /** The changes weighed for the incident: the look-back window before impact and the incident so far. */
    public List<CandidateChange> candidates(IncidentFacts incident, Instant now) {
        Instant from = incident.impactStart().minus(lookBack);
        Instant to = now.isAfter(incident.impactStart()) ? now : incident.impactStart();
        // Only the incident's environment is fetched: the environment rule would floor the others
        // at zero anyway, and in many teams staging sees as many changes as production.
        Set<String> environments = incident.environment() == null ? Set.of() : Set.of(incident.environment());
        return changes.changes(from, to, environments);
    }

    /** Ranks candidates found with {@link #candidates}. */
    public Suspects rank(
            IncidentFacts incident, ServiceGraph services, CauseHistory history, List<CandidateChange> candidates) {
        return ranking.rank(incident, services, history, candidates, changes::withTexts);
    }

    /** Scores and explains particular changes, such as marked ones that are no longer in the top ten (rank 0). */
    public List<Suspect> explain(
            IncidentFacts incident, ServiceGraph services, CauseHistory history, List<CandidateChange> chosen) {
        return ranking.explain(incident, services, history, chosen, changes::withTexts);
    }

    public Duration lookBack() {
        return lookBack;
    }
}
