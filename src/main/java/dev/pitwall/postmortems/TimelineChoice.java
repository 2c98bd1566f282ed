package dev.pitwall.postmortems;

import java.time.Instant;

/** A writer's choice for one timeline entry: its state and an annotation kept beside the entry. */
record TimelineChoice(long entryId, TimelineState state, String annotation, String updatedBy, Instant updatedAt) {}
