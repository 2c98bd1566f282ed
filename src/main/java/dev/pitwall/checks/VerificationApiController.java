package dev.pitwall.checks;

import dev.pitwall.system.InvalidInputException;
import dev.pitwall.system.NotFoundException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
            List<Map<String, Object>> checks,
            Map<String, Object> rollbackHook,
            List<CheckResult> results) {

        static VerificationReport of(VerificationService.Report report) {
            Verification v = report.verification();
            List<Map<String, Object>> checks = report.checks().stream()
                    .map(c -> {
                        Map<String, Object> m = new LinkedHashMap<>();
                        m.put("id", c.checkId());
                        m.put("name", c.checkName());
                        m.put("critical", c.critical());
                        m.put("results", c.results());
                        m.put("failures", c.failures());
                        m.put("lastOk", c.lastOk());
                        m.put("lastResultAt", c.lastResultAt());
                        m.put("lastFailure", c.lastFailure());
                        return m;
                    })
                    .toList();
            Map<String, Object> hook = new LinkedHashMap<>();
            hook.put("state", v.hookState());
            hook.put("url", v.hookUrl());
            hook.put("attempts", v.hookAttempts());
            hook.put("statusCode", v.hookStatusCode());
            hook.put("reply", v.hookReply());
            hook.put("error", v.hookError());
            hook.put("calledAt", v.hookCalledAt());
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
