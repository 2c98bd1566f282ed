package dev.pitwall.checks;

import java.util.List;
import java.util.Map;

/**
 * One step of a finished run as it is stored and shown, secrets masked. The response excerpt and
 * headers are kept for failed steps and for runs started by hand; passing scheduled runs keep only
 * timings, so that storage stays small at thousands of runs a minute.
 *
 * @param target the URL (or {@code host:port}, DNS name) actually reached
 * @param skipped true when an earlier step failed and this one did not run
 * @param error why the step could not complete (refused, timed out, blocked target), or null
 * @param excerpt the first 4 KB of the response body, or null
 */
record StepResult(
        String name,
        String kind,
        String target,
        boolean ok,
        boolean skipped,
        Integer status,
        StepTimings timings,
        List<AssertionResult> assertions,
        String error,
        String excerpt,
        Map<String, String> headers,
        Long tlsDaysLeft,
        List<String> answers) {

    static final int MAX_EXCERPT = 4096;

    static StepResult skipped(StepDefinition step) {
        return new StepResult(
                step.name(),
                step.kind(),
                step.target(),
                false,
                true,
                null,
                null,
                List.of(),
                null,
                null,
                null,
                null,
                null);
    }

    /** Why this step failed, in one phrase, or null when it passed. */
    String failure() {
        if (ok || skipped) {
            return null;
        }
        if (error != null) {
            return error;
        }
        return assertions.stream()
                .filter(a -> !a.passed())
                .findFirst()
                .map(AssertionResult::describe)
                .orElse("failed");
    }

    /** The same step without its excerpt and headers, as passing scheduled runs are stored. */
    StepResult withoutExcerpt() {
        return new StepResult(
                name, kind, target, ok, skipped, status, timings, assertions, error, null, null, tlsDaysLeft, answers);
    }
}
