package dev.pitwall.postmortems;

import java.time.Instant;

/**
 * One person's own account of the incident: what I saw, what I expected, what I did. Only its
 * author changes it.
 */
record FirstPersonAccount(
        long id,
        long postmortemId,
        String author,
        String saw,
        String expected,
        String did,
        Instant createdAt,
        Instant updatedAt) {}
