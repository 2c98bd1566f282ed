package dev.pitwall.triage;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The ranking for one incident: the changes that may have caused it, most suspect first, and,
 * separately, the changes made after impact started, which cannot have caused it but may have
 * made it worse or may be the fix.
 *
 * @param candidates how many changes were weighed
 */
public record Suspects(Instant impactStart, List<Suspect> ranked, List<Suspect> duringIncident, int candidates) {

    public Suspects {
        ranked = List.copyOf(ranked);
        duringIncident = List.copyOf(duringIncident);
    }

    public Optional<Suspect> top() {
        return ranked.stream().findFirst();
    }

    /** The rank (1 = most suspect) of a change among the ranked suspects, if it is one. */
    public OptionalInt rankOf(long changeId) {
        return ranked.stream()
                .filter(suspect -> suspect.change().id() == changeId)
                .mapToInt(Suspect::rank)
                .findFirst();
    }
}
