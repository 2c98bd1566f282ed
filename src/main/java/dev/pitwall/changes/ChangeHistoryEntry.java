package dev.pitwall.changes;

import java.time.Instant;

/** One line of a change's status history: recorded, a status change, a verification report. */
record ChangeHistoryEntry(
        Instant at, ChangeStatus status, ChangeVerification verification, String note, String actor) {}
