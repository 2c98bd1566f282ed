package dev.pitwall.checks;

import dev.pitwall.system.InvalidInputException;
import dev.pitwall.system.NotFoundException;
import java.time.Instant;
import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Post-deploy verifications over HTTP, for CI ({@code pitwall check wait-verification}) and
 * dashboards. The change's own resource lives in the changes module; this is served by checks.
 */
@RestController
class VerificationApiController {

    /**
     * @param passed true once a round passed in full or the window ended without a failure: what
     *     a pipeline waits for
     */
    record VerificationReport(
            long changeId,
            String status,
            boolean passed,
            String summary,
            String change,
            String service,
            String environment,
            Instant startedAt,
            Instant endsAt,
            Instant firstPassAt,
            Instant failedAt,
            String failure,
            Instant endedAt,
            int rounds,
            List<WatchedCheck> checks,
            RollbackHookReply rollbackHook,
            List<CheckResult> results) {

        static VerificationReport of(VerificationService.Report report) {
            Verification v = report.verification();
            List<WatchedCheck> checks = report.checks().stream()
                    .map(c -> new WatchedCheck(
                            c.checkId(),
                            c.checkName(),
                            c.critical(),
                            c.results(),
                            c.failures(),
                            c.lastOk(),
                            c.lastResultAt(),
                            c.lastFailure()))
                    .toList();
            RollbackHookReply hook = new RollbackHookReply(
                    v.hookState(),
                    v.hookUrl(),
                    v.hookAttempts(),
                    v.hookStatusCode(),
                    v.hookReply(),
                    v.hookError(),
                    v.hookCalledAt());
            boolean passed = v.status() == Verification.Status.PASSED
                    || v.status() == Verification.Status.NONE
                    || (v.status() == Verification.Status.RUNNING && v.firstPassAt() != null);
            return new VerificationReport(
                    v.changeId(),
                    v.status().label(),
                    passed,
                    v.summary(),
                    v.changeLabel(),
                    v.service(),
                    v.environment(),
                    v.startedAt(),
                    v.endsAt(),
                    v.firstPassAt(),
                    v.failedAt(),
                    v.failure(),
                    v.endedAt(),
                    v.rounds(),
                    checks,
                    hook,
                    report.results());
        }
    }

    /** A check the verification watches, with what it saw of it. */
    record WatchedCheck(
            long id,
            String name,
            boolean critical,
            int results,
            int failures,
            Boolean lastOk,
            Instant lastResultAt,
            String lastFailure) {}

    /**
     * What became of the service's rollback hook.
     *
     * @param state {@code none}, {@code pending}, {@code delivered} or {@code failed}
     */
    record RollbackHookReply(
            String state, String url, int attempts, Integer statusCode, String reply, String error, Instant calledAt) {}

    private final VerificationService verifications;

    VerificationApiController(VerificationService verifications) {
        this.verifications = verifications;
    }

    @GetMapping("/api/v1/changes/{changeId}/verification")
    @PreAuthorize("hasAuthority('SCOPE_read')")
    VerificationReport forChange(@PathVariable long changeId, @RequestParam(defaultValue = "50") int results) {
        if (results < 0 || results > 500) {
            throw new InvalidInputException("results", "results is between 0 and 500, not " + results);
        }
        return verifications
                .forChange(changeId, results)
                .map(VerificationReport::of)
                .orElseThrow(() -> new NotFoundException("No post-deploy verification for change " + changeId
                        + " (yet): it starts when the change is recorded as finished, if it is a successful deploy,"
                        + " rollback, config change or feature flag"));
    }

    @GetMapping("/api/v1/verifications")
    @PreAuthorize("hasAuthority('SCOPE_read')")
    List<VerificationReport> recent(@RequestParam(defaultValue = "20") int limit) {
        if (limit < 1 || limit > 200) {
            throw new InvalidInputException("limit", "limit is between 1 and 200, not " + limit);
        }
        return verifications.recent(limit).stream()
                .map(v -> VerificationReport.of(new VerificationService.Report(v, List.of(), List.of())))
                .toList();
    }
}
