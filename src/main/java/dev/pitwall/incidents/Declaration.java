package dev.pitwall.incidents;

import java.time.Instant;
import java.util.List;

/**
 * An incident declared by a person (UI, API or CLI).
 *
 * @param detectionSource how it came to light; {@code staff} when not given
 * @param impactStartedAt when users were first affected; now when not given
 */
record Declaration(
        String title,
        String summary,
        IncidentSeverity severity,
        List<String> services,
        String environment,
        DetectionSource detectionSource,
        Instant impactStartedAt) {

    Declaration {
        services = services == null
                ? List.of()
                : services.stream()
                        .filter(s -> s != null && !s.isBlank())
                        .map(String::trim)
                        .toList();
    }
}
