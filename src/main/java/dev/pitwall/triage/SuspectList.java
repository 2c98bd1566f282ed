package dev.pitwall.triage;

import java.time.Instant;
import java.util.List;

/**
 * The stored ranking of an incident's suspect changes.
 *
 * @param rankedAt when it was last ranked
 * @param candidates how many changes were weighed
 * @param ranked the most suspect changes that started before impact, most suspect first, then
 *     the marked changes that are no longer among them (rank 0)
 * @param duringIncident changes that started after impact started: they cannot have caused it
 *     but may have made it worse or be the fix; ranked the same way
 */
public record SuspectList(
        long incidentId,
        Instant rankedAt,
        int candidates,
        List<RankedSuspect> ranked,
        List<RankedSuspect> duringIncident) {

    public SuspectList {
        ranked = List.copyOf(ranked);
        duringIncident = List.copyOf(duringIncident);
    }
}
