package dev.pitwall.checks;

import dev.pitwall.system.InvalidInputException;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The secret store of checks: names and dates can be listed, values only written. */
@RestController
@RequestMapping("/api/v1/check-secrets")
class CheckSecretApiController {

    record SecretRequest(String value) {}

    private final CheckService checks;

    CheckSecretApiController(CheckService checks) {
        this.checks = checks;
    }

    @GetMapping
    @PreAuthorize("hasAuthority('SCOPE_read')")
    List<CheckService.SecretView> list() {
        return checks.secrets();
    }

    @PutMapping("/{name}")
    @PreAuthorize("hasAuthority('SCOPE_admin')")
    ResponseEntity<Void> put(@PathVariable String name, @RequestBody SecretRequest request) {
        if (request == null || request.value() == null) {
            throw new InvalidInputException("value", "Send {\"value\": \"…\"}");
        }
        checks.putSecret(name, request.value());
        return ResponseEntity.noContent().build();
    }

    @DeleteMapping("/{name}")
    @PreAuthorize("hasAuthority('SCOPE_admin')")
    ResponseEntity<Void> delete(@PathVariable String name) {
        checks.deleteSecret(name);
        return ResponseEntity.noContent().build();
    }
}
