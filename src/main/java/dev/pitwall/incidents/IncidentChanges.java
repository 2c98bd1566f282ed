package dev.pitwall.incidents;

import java.time.Instant;

/** What a PATCH may change; null fields stay as they are. */
record IncidentChanges(
        String title,
        String summary,
        IncidentSeverity severity,
        IncidentStatus status,
        String environment,
        Instant impactStartedAt) {}
