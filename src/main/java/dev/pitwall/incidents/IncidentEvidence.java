package dev.pitwall.incidents;

import java.time.Instant;
import java.util.List;

/**
 * What an incident's signals say, for the modules that reason about its cause (triage) or write
 * about it (postmortems).
 *
 * @param impactStart when users were first affected (edited by a responder, or the earliest signal)
 * @param environment such as {@code production}; null when unknown
 * @param services the affected services, as the catalog names them
 * @param texts the words of its signals: titles, descriptions, label values and report texts
 * @param failingChecks the synthetic checks whose failures are linked to the incident
 * @param changeIds the changes named by check signals (post-deploy verification windows)
 */
public record IncidentEvidence(
        long incidentId,
        Instant impactStart,
        String environment,
        List<String> services,
        List<String> texts,
        List<FailingCheck> failingChecks,
        List<Long> changeIds) {

    public IncidentEvidence {
        services = List.copyOf(services);
        texts = List.copyOf(texts);
        failingChecks = List.copyOf(failingChecks);
        changeIds = List.copyOf(changeIds);
    }

    /** A failing check: its name and the URL it probes (null when it has none). */
    public record FailingCheck(String name, String url) {}
}
