package dev.pitwall.incidents;

import java.time.Instant;
import java.util.List;

/**
 * An incident as every module and the API see it.
 *
 * @param services the affected services, named as in the catalog, in the order they joined
 * @param environment such as {@code production}; null when no signal said
 * @param detectionSource how the problem came to light (from its first signal, or staff)
 * @param lead the incident lead's username, or null; likewise {@code communications} and {@code scribe}
 * @param impactStartedAt when users were first affected: the earliest start of its signals, or a
 *     responder's correction
 * @param detectedAt when the first signal reached Pitwall (or the incident was declared)
 * @param mitigatedAt when the incident first entered monitoring (impact over, being watched)
 * @param signals how many signals are linked to it
 * @param firingSignals how many of them have not resolved
 * @param signalEvents how many times its signals were received in all (repeats included)
 * @param reports how many of its signals are customer reports
 * @param distinctCustomers how many different customers reported it
 */
public record IncidentView(
        long id,
        String title,
        String summary,
        IncidentSeverity severity,
        IncidentStatus status,
        List<String> services,
        String environment,
        DetectionSource detectionSource,
        String lead,
        String communications,
        String scribe,
        Instant impactStartedAt,
        Instant detectedAt,
        Instant acknowledgedAt,
        Instant mitigatedAt,
        Instant resolvedAt,
        Instant closedAt,
        int signals,
        int firingSignals,
        long signalEvents,
        int reports,
        int distinctCustomers,
        String createdBy,
        Instant updatedAt) {

    public IncidentView {
        services = List.copyOf(services);
    }

    public boolean isOpen() {
        return status.isOpen();
    }

    /** The person in a role, or null. */
    public String role(IncidentRole role) {
        return switch (role) {
            case LEAD -> lead;
            case COMMUNICATIONS -> communications;
            case SCRIBE -> scribe;
        };
    }
}
