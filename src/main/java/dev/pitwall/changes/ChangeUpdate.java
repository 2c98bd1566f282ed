package dev.pitwall.changes;

import java.time.Instant;
import java.util.List;

/** What a PATCH changes on a recorded change; null fields stay as they are. */
record ChangeUpdate(ChangeStatus status, Instant finishedAt, String version, String description, List<Link> links) {}
