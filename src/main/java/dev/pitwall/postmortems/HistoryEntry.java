package dev.pitwall.postmortems;

import java.time.Instant;

/** What happened to a postmortem: drafted, submitted, published (anyway, and why), items done. */
record HistoryEntry(Instant at, String kind, String text, String actor) {}
