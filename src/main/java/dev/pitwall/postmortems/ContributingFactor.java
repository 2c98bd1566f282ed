package dev.pitwall.postmortems;

import java.time.Instant;

/** One contributing factor: incidents have several, never a single "root cause". */
record ContributingFactor(
        long id, long postmortemId, String text, String createdBy, Instant createdAt, Instant updatedAt) {}
