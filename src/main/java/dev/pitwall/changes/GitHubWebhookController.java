package dev.pitwall.changes;

import dev.pitwall.system.CurrentActor;
import dev.pitwall.system.InvalidInputException;
import dev.pitwall.system.Problems;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * GitHub's webhook. GitHub sends no bearer token, so this path is open to the network and each
 * delivery is authenticated by its HMAC signature ({@code X-Hub-Signature-256}) instead.
 */
@RestController
class GitHubWebhookController {

    private static final Set<String> HANDLED = Set.of("deployment", "deployment_status");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    record SecretRequest(String secret) {}

    private final GitHubIntegration integration;
    private final GitHubDeployments deployments;

    GitHubWebhookController(GitHubIntegration integration, GitHubDeployments deployments) {
        this.integration = integration;
        this.deployments = deployments;
    }

    // Authenticated by the signature below, not by a token (SecurityConfiguration lets it through).
    @PostMapping(path = "/api/v1/integrations/github", consumes = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("permitAll()")
    ResponseEntity<?> receive(
            @RequestHeader(name = "X-GitHub-Event", required = false) String event,
            @RequestHeader(name = "X-GitHub-Delivery", required = false) String delivery,
            @RequestHeader(name = "X-Hub-Signature-256", required = false) String signature,
            @RequestBody byte[] body) {
        if (!integration.verify(body, signature)) {
            String detail = !integration.hasSecret()
                    ? "No GitHub webhook secret is set in Pitwall: set one under Changes → Integrations (or"
                            + " integrations.github.secret_env in pitwall.yaml) and the same in GitHub's webhook settings"
                    : signature == null
                            ? "The delivery has no X-Hub-Signature-256 header: give the webhook a secret in GitHub"
                            : "X-Hub-Signature-256 does not match: the webhook's secret in GitHub differs from Pitwall's";
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(Problems.of(HttpStatus.UNAUTHORIZED, detail));
        }
        if (event == null || !HANDLED.contains(event)) {
            return ResponseEntity.accepted()
                    .body(Map.of(
                            "result",
                            "ignored",
                            "reason",
                            "Pitwall records deployment and deployment_status events, not "
                                    + (event == null ? "events without X-GitHub-Event" : event)));
        }
        if (delivery == null || delivery.isBlank() || delivery.length() > 200) {
            throw new InvalidInputException("X-GitHub-Delivery", "The delivery id header X-GitHub-Delivery is missing");
        }
        JsonNode payload;
        try {
            payload = JSON.readTree(body);
        } catch (JacksonException e) {
            throw new InvalidInputException(null, "The body is not valid JSON: " + e.getOriginalMessage());
        }
        GitHubDeployments.Outcome outcome = deployments.handle(delivery.strip(), event, payload);
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("result", outcome.result());
        if (outcome.change() != null) {
            reply.put("changeId", outcome.change().id());
            reply.put("status", outcome.change().status());
        }
        HttpStatus status = switch (outcome.result()) {
            case "created" -> HttpStatus.CREATED;
            case "duplicate", "unchanged", "updated", "known" -> HttpStatus.OK;
            default -> HttpStatus.ACCEPTED;
        };
        return ResponseEntity.status(status).body(reply);
    }

    @GetMapping("/api/v1/integrations/github/settings")
    @PreAuthorize("hasAuthority('SCOPE_admin')")
    GitHubIntegration.Settings settings() {
        return integration.settings();
    }

    /** Sets the webhook secret (an empty one removes it); the reply says only whether one is set. */
    @PutMapping("/api/v1/integrations/github/settings")
    @PreAuthorize("hasAuthority('SCOPE_admin')")
    GitHubIntegration.Settings setSecret(@RequestBody SecretRequest request) {
        if (request.secret() != null && request.secret().length() > 500) {
            throw new InvalidInputException("secret", "The secret has at most 500 characters");
        }
        return integration.setSecret(request.secret(), CurrentActor.get());
    }
}
