package dev.pitwall.incidents;

import java.time.Instant;

/**
 * What the incident page and API show of a signal linked to an incident, kept by incidents from
 * the signals' events.
 *
 * @param count how many times the signal was received in all
 * @param reason why grouping attached it (the policy's reason)
 */
record LinkedSignal(
        long signalId,
        String source,
        String severity,
        String status,
        String title,
        String service,
        String environment,
        String customerId,
        String reportText,
        String checkName,
        String checkUrl,
        String change,
        long count,
        Instant startedAt,
        Instant firstSeenAt,
        Instant lastSeenAt,
        Instant resolvedAt,
        Instant attachedAt,
        String reason) {}
