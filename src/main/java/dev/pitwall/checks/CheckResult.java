package dev.pitwall.checks;

import java.time.Instant;
import java.util.List;

/**
 * One run of a check: when it was due and when it started, how long it took, whether it passed,
 * and every step with its timings and assertions. {@code failure} is one sentence naming the
 * failed step and assertion with expected and actual.
 *
 * @param id the stored result's id; null until stored (and for trial runs, never stored)
 * @param origin {@code schedule}, {@code manual}, {@code verification}, {@code trial} or {@code cli}
 * @param verificationId the post-deploy verification that saw this run, or null
 */
record CheckResult(
        Long id,
        Long checkId,
        String checkName,
        Instant scheduledAt,
        Instant startedAt,
        double durationMs,
        boolean ok,
        String origin,
        Long verificationId,
        String failedStep,
        String failure,
        List<StepResult> steps) {

    CheckResult withId(long value) {
        return new CheckResult(
                value,
                checkId,
                checkName,
                scheduledAt,
                startedAt,
                durationMs,
                ok,
                origin,
                verificationId,
                failedStep,
                failure,
                steps);
    }

    CheckResult withVerification(Long value) {
        return new CheckResult(
                id,
                checkId,
                checkName,
                scheduledAt,
                startedAt,
                durationMs,
                ok,
                origin,
                value,
                failedStep,
                failure,
                steps);
    }

    /** What a failing run reached: the target of its failed step. */
    String failedTarget() {
        return steps.stream()
                .filter(s -> !s.ok() && !s.skipped())
                .findFirst()
                .map(StepResult::target)
                .orElse(steps.isEmpty() ? "" : steps.getFirst().target());
    }

    /** How late the run started against its schedule, in milliseconds; null when it had none. */
    public Long lateMillis() {
        return scheduledAt == null ? null : startedAt.toEpochMilli() - scheduledAt.toEpochMilli();
    }
}
