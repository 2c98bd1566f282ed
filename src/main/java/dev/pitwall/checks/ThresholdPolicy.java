package dev.pitwall.checks;

import java.time.Instant;

/**
 * When a check counts as failing or recovered: after {@code failAfter} consecutive failed runs it
 * goes down (and its signal opens), after {@code recoverAfter} consecutive passes it comes back
 * up. Inside a post-deploy verification window a critical check goes down on its first failure, so
 * that a broken deploy is caught at once. Every decision carries its reason.
 */
final class ThresholdPolicy {

    enum Transition {
        NONE,
        FAILED,
        RECOVERED
    }

    /**
     * @param window how the verification window reads ("the verification window of proposals-app
     *     2.14.0"), or null outside one
     */
    record Thresholds(int failAfter, int recoverAfter, String window) {}

    record Decision(CheckState next, Transition transition, String reason) {}

    private ThresholdPolicy() {}

    /** The thresholds a run is judged by: a window lowers a critical check's failure threshold. */
    static Thresholds thresholds(CheckDefinition check, String window, int criticalThresholdInWindow) {
        if (window != null && check.critical()) {
            return new Thresholds(Math.min(check.failAfter(), criticalThresholdInWindow), check.recoverAfter(), window);
        }
        return new Thresholds(check.failAfter(), check.recoverAfter(), window);
    }

    static Decision decide(
            CheckState current,
            boolean ok,
            double durationMs,
            String failure,
            Instant at,
            Thresholds t,
            Long changeId) {
        if (ok) {
            int successes = current.consecutiveSuccesses() + 1;
            boolean recovers = current.status() == CheckStatus.DOWN && successes >= t.recoverAfter();
            CheckStatus status = current.status() == CheckStatus.DOWN && !recovers ? CheckStatus.DOWN : CheckStatus.UP;
            CheckState next = new CheckState(
                    status,
                    0,
                    successes,
                    status == CheckStatus.DOWN ? current.failingSince() : null,
                    status != current.status() ? at : current.changedAt(),
                    at,
                    true,
                    durationMs,
                    status == CheckStatus.DOWN ? current.lastFailure() : null,
                    status == CheckStatus.DOWN ? current.openChangeId() : null);
            if (recovers) {
                return new Decision(
                        next,
                        Transition.RECOVERED,
                        "passed " + times(successes) + " in a row (recovers after " + t.recoverAfter() + ")");
            }
            return new Decision(
                    next,
                    Transition.NONE,
                    status == CheckStatus.DOWN
                            ? "passed " + times(successes) + " in a row; recovers after " + t.recoverAfter()
                            : "passed");
        }
        int failures = current.consecutiveFailures() + 1;
        Instant since = current.consecutiveFailures() == 0 && current.status() != CheckStatus.DOWN
                ? at
                : current.failingSince() == null ? at : current.failingSince();
        boolean fails = current.status() != CheckStatus.DOWN && failures >= t.failAfter();
        CheckStatus status = fails ? CheckStatus.DOWN : current.status();
        CheckState next = new CheckState(
                status,
                failures,
                0,
                since,
                fails ? at : current.changedAt(),
                at,
                false,
                durationMs,
                failure,
                fails ? changeId : current.openChangeId());
        if (fails) {
            String reason = "failed " + times(failures) + " in a row (fails after " + t.failAfter() + ")";
            if (t.window() != null && t.failAfter() < 2) {
                reason = "failed inside " + t.window() + ", where a critical check fails after " + t.failAfter();
            } else if (t.window() != null) {
                reason += " inside " + t.window();
            }
            return new Decision(next, Transition.FAILED, reason);
        }
        return new Decision(
                next,
                Transition.NONE,
                status == CheckStatus.DOWN
                        ? "still failing"
                        : "failed " + times(failures) + "; fails after " + t.failAfter());
    }

    private static String times(int n) {
        return n == 1 ? "once" : n + " times";
    }
}
