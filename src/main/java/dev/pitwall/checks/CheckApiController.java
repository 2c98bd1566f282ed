package dev.pitwall.checks;

import dev.pitwall.system.InvalidInputException;
import dev.pitwall.system.Problems;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Checks over HTTP. Definitions travel in the pitwall.yaml format, as JSON or YAML; a check is
 * addressed by id or by name. Checks declared in pitwall.yaml answer 409 to changes.
 */
@RestController
@RequestMapping("/api/v1/checks")
class CheckApiController {

    private final CheckService checks;

    CheckApiController(CheckService checks) {
        this.checks = checks;
    }

    @GetMapping
    @PreAuthorize("hasAuthority('SCOPE_read')")
    List<CheckView> list(
            @RequestParam(required = false) String service,
            @RequestParam(required = false) String environment,
            @RequestParam(required = false) String status) {
        return checks.list().stream()
                .filter(c -> service == null || c.service().equalsIgnoreCase(service))
                .filter(c -> environment == null || c.environment().equalsIgnoreCase(environment))
                .filter(c -> status == null || c.status().equalsIgnoreCase(status))
                .toList();
    }

    @PostMapping(
            consumes = {
                MediaType.APPLICATION_JSON_VALUE,
                "application/yaml",
                "application/x-yaml",
                "text/yaml",
                MediaType.TEXT_PLAIN_VALUE
            })
    @PreAuthorize("hasAuthority('SCOPE_admin')")
    ResponseEntity<CheckView> create(@RequestBody String body) {
        CheckView created = checks.create(body, "api");
        return ResponseEntity.created(URI.create("/api/v1/checks/" + created.id()))
                .body(created);
    }

    /** Runs a definition once without saving it, to try it while writing it. */
    @PostMapping(
            path = "/try",
            consumes = {
                MediaType.APPLICATION_JSON_VALUE,
                "application/yaml",
                "application/x-yaml",
                "text/yaml",
                MediaType.TEXT_PLAIN_VALUE
            })
    @PreAuthorize("hasAuthority('SCOPE_admin')")
    CheckResult trial(@RequestBody String body) {
        return checks.trial(body);
    }

    @GetMapping("/{ref}")
    @PreAuthorize("hasAuthority('SCOPE_read')")
    CheckView get(@PathVariable String ref) {
        return checks.get(ref);
    }

    @PutMapping(
            path = "/{ref}",
            consumes = {
                MediaType.APPLICATION_JSON_VALUE,
                "application/yaml",
                "application/x-yaml",
                "text/yaml",
                MediaType.TEXT_PLAIN_VALUE
            })
    @PreAuthorize("hasAuthority('SCOPE_admin')")
    CheckView replace(@PathVariable String ref, @RequestBody String body) {
        return checks.replace(ref, body, "api");
    }

    @DeleteMapping("/{ref}")
    @PreAuthorize("hasAuthority('SCOPE_admin')")
    ResponseEntity<Void> delete(@PathVariable String ref) {
        checks.delete(ref);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{ref}/pause")
    @PreAuthorize("hasAuthority('SCOPE_admin')")
    CheckView pause(@PathVariable String ref) {
        return checks.pause(ref, true);
    }

    @PostMapping("/{ref}/resume")
    @PreAuthorize("hasAuthority('SCOPE_admin')")
    CheckView resume(@PathVariable String ref) {
        return checks.pause(ref, false);
    }

    /** Runs the check now; the reply is the stored result with every step and assertion. */
    @PostMapping("/{ref}/run")
    @PreAuthorize("hasAuthority('SCOPE_admin')")
    CheckResult run(@PathVariable String ref) {
        return checks.runNow(ref);
    }

    @GetMapping("/{ref}/results")
    @PreAuthorize("hasAuthority('SCOPE_read')")
    List<CheckResult> results(
            @PathVariable String ref,
            @RequestParam(defaultValue = "50") int limit,
            @RequestParam(required = false) Long before,
            @RequestParam(defaultValue = "false") boolean failed) {
        if (limit < 1 || limit > 500) {
            throw new InvalidInputException("limit", "limit is between 1 and 500, not " + limit);
        }
        return checks.results(ref, limit, before, failed);
    }

    @GetMapping("/{ref}/results/{id}")
    @PreAuthorize("hasAuthority('SCOPE_read')")
    CheckResult result(@PathVariable String ref, @PathVariable long id) {
        return checks.result(ref, id);
    }

    /** Runs, failures and latency of a check over a range such as {@code 24h} or {@code 30d}. */
    record UptimeReport(String range, long runs, long failures, Double uptimePercent, double avgMs, double maxMs) {}

    @GetMapping("/{ref}/uptime")
    @PreAuthorize("hasAuthority('SCOPE_read')")
    UptimeReport uptime(@PathVariable String ref, @RequestParam(defaultValue = "24h") String range) {
        ResultRepository.Uptime uptime = checks.uptime(ref, range(range));
        return new UptimeReport(
                range, uptime.runs(), uptime.failures(), uptime.percent(), uptime.avgMs(), uptime.maxMs());
    }

    @GetMapping("/{ref}/latency")
    @PreAuthorize("hasAuthority('SCOPE_read')")
    List<ResultRepository.Point> latency(@PathVariable String ref, @RequestParam(defaultValue = "24h") String range) {
        return checks.latency(ref, range(range));
    }

    /** {@code 1h}, {@code 24h}, {@code 7d}, {@code 30d}, {@code 90d} or {@code 365d}. */
    static Duration range(String text) {
        String value = text.trim().toLowerCase(Locale.ROOT);
        try {
            Duration d;
            if (value.endsWith("h")) {
                d = Duration.ofHours(Long.parseLong(value.substring(0, value.length() - 1)));
            } else if (value.endsWith("d")) {
                d = Duration.ofDays(Long.parseLong(value.substring(0, value.length() - 1)));
            } else {
                throw new NumberFormatException();
            }
            if (d.isNegative() || d.isZero() || d.compareTo(Duration.ofDays(366)) > 0) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException e) {
            throw new InvalidInputException(
                    "range",
                    "range is a number of hours or days up to 366d, such as 24h or 30d," + " not '" + text + "'");
        }
    }

    /** Every mistake of a definition, each with its field and line. */
    @ExceptionHandler(CheckDefinitionException.class)
    ResponseEntity<ProblemDetail> invalidDefinition(CheckDefinitionException e) {
        return problem(e);
    }

    static ResponseEntity<ProblemDetail> problem(CheckDefinitionException e) {
        ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setTitle("Invalid check");
        if (e.field() != null) {
            problem.setProperty("field", e.field());
        }
        problem.setProperty(
                "errors",
                e.errors().stream()
                        .map(err -> Map.of("field", err.field(), "line", err.line(), "message", err.message()))
                        .toList());
        return ResponseEntity.badRequest()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }
}
