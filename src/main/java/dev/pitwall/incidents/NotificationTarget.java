package dev.pitwall.incidents;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Where notifications go, as shown in the UI and API: the URL only by its host, the secret only
 * as "set".
 *
 * @param services the services whose incidents this target hears of; empty means every incident
 * @param minSeverity the least severe incident it hears of (SEV4 hears of all)
 * @param source {@code config} when pitwall.yaml declares it, {@code ui} otherwise
 */
record NotificationTarget(
        long id,
        String name,
        NotificationChannel channel,
        String urlDisplay,
        boolean secretSet,
        List<String> recipients,
        List<String> services,
        Set<NotificationEvent> events,
        IncidentSeverity minSeverity,
        boolean enabled,
        String source,
        Instant createdAt,
        Instant updatedAt) {

    /** Whether this target wants to hear of this event of this incident. */
    boolean wants(NotificationEvent event, IncidentSeverity severity, List<String> incidentServices) {
        if (!enabled || !events.contains(event) || minSeverity.worseThan(severity)) {
            return false;
        }
        if (services.isEmpty()) {
            return true;
        }
        Set<String> wanted =
                services.stream().map(s -> s.toLowerCase(Locale.ROOT)).collect(java.util.stream.Collectors.toSet());
        return incidentServices.stream().anyMatch(s -> wanted.contains(s.toLowerCase(Locale.ROOT)));
    }
}
