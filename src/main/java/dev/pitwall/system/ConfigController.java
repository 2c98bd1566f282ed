package dev.pitwall.system;

import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
class ConfigController {

    private final ConfigLoader loader;

    ConfigController(ConfigLoader loader) {
        this.loader = loader;
    }

    /** Re-reads {@code pitwall.yaml}; on any error nothing changes and every problem is listed. */
    @PostMapping("/api/v1/config/reload")
    @PreAuthorize("hasAuthority('SCOPE_admin')")
    ResponseEntity<?> reload() {
        ConfigLoader.Result result = loader.load();
        if (result.applied()) {
            return ResponseEntity.ok(Map.of("file", result.file(), "applied", result.sections()));
        }
        ProblemDetail problem = Problems.of(
                HttpStatus.BAD_REQUEST,
                result.file() + " has " + result.errors().size()
                        + " error(s); the previous configuration stays in effect. First: "
                        + result.errors().getFirst());
        problem.setTitle("Invalid configuration");
        List<Map<String, Object>> errors = result.errors().stream()
                .map(e -> Map.<String, Object>of(
                        "file", e.file(), "line", e.line(), "field", e.field(), "message", e.message()))
                .toList();
        problem.setProperty("errors", errors);
        return ResponseEntity.badRequest()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }
}
