package dev.pitwall.checks;

import java.time.Instant;

/**
 * A check's standing, kept across runs (and nodes) to apply its thresholds.
 *
 * @param failingSince when the current run of failures began, or null while passing
 * @param changedAt when the status last changed
 * @param openChangeId the change named by the open failure, when it began in a verification window
 */
record CheckState(
        CheckStatus status,
        int consecutiveFailures,
        int consecutiveSuccesses,
        Instant failingSince,
        Instant changedAt,
        Instant lastResultAt,
        Boolean lastOk,
        Double lastDurationMs,
        String lastFailure,
        Long openChangeId) {

    static CheckState initial() {
        return new CheckState(CheckStatus.PENDING, 0, 0, null, null, null, null, null, null, null);
    }
}
