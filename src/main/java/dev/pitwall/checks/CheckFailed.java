package dev.pitwall.checks;

import java.time.Instant;

/**
 * A check crossed its failure threshold (or, inside a post-deploy verification window, failed a
 * critical check once). Published durably; the signals module turns it into a signal.
 *
 * @param critical whether the check is a critical user journey (its signal is then critical)
 * @param reason the failed step and assertion with expected and actual, in one sentence
 * @param target the URL (or host:port) the failing step reached
 * @param changeId the change whose verification window saw the failure, or null outside a window
 * @param change how that change reads, such as {@code proposals-app 2.14.0}, or null
 * @param changeFinishedAt when that change finished, or null
 * @param firstFailedAt when the current run of failures began
 */
public record CheckFailed(
        long checkId,
        String checkName,
        String service,
        String environment,
        boolean critical,
        String reason,
        String target,
        Long changeId,
        String change,
        Instant changeFinishedAt,
        Instant firstFailedAt,
        Instant failedAt) {}
