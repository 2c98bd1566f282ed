package dev.pitwall.triage;

import java.util.Optional;

/**
 * One kind of evidence that a change caused an incident, such as its timing or its service. An
 * instance is made for one incident, so that what depends only on the incident (the services it
 * depends on, its words) is worked out once and not for each of tens of thousands of changes.
 *
 * <p>Scores are additive, on a scale where 1 is roughly "this evidence makes the change e times
 * (about three times) as likely to be the cause as a change without it": log-odds in spirit,
 * set from how incidents unfold rather than fitted to the scenarios. {@code docs/triage.md}
 * explains each weight.
 */
interface EvidenceRule {

    /** Short name shown with the evidence, such as {@code time} or {@code words}. */
    String name();

    /**
     * What the evidence adds to the change's suspicion; 0 when the rule has nothing to say. Called
     * for every candidate, so it must be cheap and allocate nothing.
     */
    double score(CandidateChange change);

    /** Why the rule scored the change as it did; called only for changes whose score is not 0. */
    String reason(CandidateChange change);

    /** The evidence for one of the changes that are shown, or nothing when the rule has nothing to say. */
    default Optional<Evidence> explain(CandidateChange change) {
        double score = score(change);
        return score == 0 ? Optional.empty() : Optional.of(new Evidence(name(), score, reason(change)));
    }
}
