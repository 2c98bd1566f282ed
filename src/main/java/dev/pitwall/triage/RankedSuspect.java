package dev.pitwall.triage;

import java.time.Instant;
import java.util.List;

/**
 * A stored suspect change of an incident: where it ranks, what the change is, why it is suspect
 * and what responders marked.
 *
 * @param rank 1 for the most suspect in its list; 0 for a change a responder marked that is no
 *     longer (or never was) among the ten most suspect
 * @param kind {@code deploy}, {@code rollback}, {@code config}, {@code feature_flag},
 *     {@code migration}, {@code infra} or {@code other}
 * @param finishedAt null while the change was still in progress when it was ranked
 * @param verification its post-deploy verification as the ranking weighed it: {@code none},
 *     {@code running}, {@code passed} or {@code failed} (also when a failing check of the incident
 *     named the change)
 * @param evidence the reasons, strongest first; their scores add up to {@code score}
 * @param markNote the responder's note with the mark; null without one
 * @param markedBy who marked it ({@code alice}, {@code token ci}); null without a mark
 */
public record RankedSuspect(
        int rank,
        long changeId,
        String service,
        String environment,
        String kind,
        String version,
        String description,
        Instant startedAt,
        Instant finishedAt,
        String verification,
        double score,
        List<Evidence> evidence,
        SuspectMark mark,
        String markNote,
        String markedBy,
        Instant markedAt) {

    public RankedSuspect {
        evidence = evidence == null ? List.of() : List.copyOf(evidence);
        mark = mark == null ? SuspectMark.NONE : mark;
    }

    /** How the change is named on timelines: {@code proposals-app 2.14.0 (deploy, change #42)}. */
    public String label() {
        return label(service, version, kind, changeId);
    }

    static String label(String service, String version, String kind, long changeId) {
        return service + (version == null ? "" : " " + version) + " (" + kind.replace('_', ' ') + ", change #"
                + changeId + ")";
    }
}
