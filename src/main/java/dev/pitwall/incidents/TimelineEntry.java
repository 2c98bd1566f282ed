package dev.pitwall.incidents;

import dev.pitwall.system.Actor;
import java.time.Instant;

/**
 * One line of an incident's timeline: what happened, when, and who or what caused it.
 *
 * @param kind what sort of entry: {@code signal}, {@code status}, {@code severity}, {@code role},
 *     {@code note}, {@code update}, {@code acknowledged}, {@code notification}, or a kind another
 *     module adds (such as triage's {@code confirmed_cause})
 * @param pinned notes pinned by responders are shown above the timeline
 */
public record TimelineEntry(
        long id, long incidentId, Instant at, String kind, String text, Actor actor, boolean pinned) {}
