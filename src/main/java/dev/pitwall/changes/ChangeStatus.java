package dev.pitwall.changes;

/** Where a change stands; every status but {@code in_progress} is final. */
public enum ChangeStatus {
    IN_PROGRESS,
    SUCCEEDED,
    FAILED,
    ROLLED_BACK
}
