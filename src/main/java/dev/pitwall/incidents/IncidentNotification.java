package dev.pitwall.incidents;

import java.time.Instant;
import java.util.List;

/**
 * What a notification says, fixed when the event happens (stored with the delivery, so a retry an
 * hour later still says what was true then).
 *
 * @param detail one sentence on what happened, such as "SEV3 → SEV1" or the grouping reason
 * @param url the incident page
 */
record IncidentNotification(
        NotificationEvent event,
        long incidentId,
        String title,
        IncidentSeverity severity,
        IncidentStatus status,
        List<String> services,
        String environment,
        String url,
        Instant at,
        String actor,
        String detail) {

    /** "[SEV2] Incident #12 opened: Checkout fails (proposals-app)". */
    String headline() {
        return "[" + severity.name() + "] Incident #" + incidentId + " " + event.verb() + ": " + title
                + (services.isEmpty() ? "" : " (" + String.join(", ", services) + ")");
    }
}
