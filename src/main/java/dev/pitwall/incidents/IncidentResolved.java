package dev.pitwall.incidents;

import java.time.Instant;

/**
 * An incident was resolved, by a person or after its quiet period. Published durably (with
 * {@code DurableEvents}) in the transaction that resolved it, so postmortems and insights never
 * miss one; listen with {@code @DurableEventListener}.
 */
public record IncidentResolved(long incidentId, Instant resolvedAt) {}
