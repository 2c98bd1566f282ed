package dev.pitwall.postmortems;

import java.time.Instant;

/** A finding of the blameless review that a person dismissed, and why (such as a quoted log line). */
record Dismissal(
        long id,
        long postmortemId,
        String findingKey,
        String rule,
        String location,
        String phrase,
        String reason,
        String dismissedBy,
        Instant dismissedAt) {}
