package dev.pitwall.signals;

import dev.pitwall.accounts.AccountService;
import dev.pitwall.accounts.Scope;
import dev.pitwall.accounts.TokenPrincipal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * PagerDuty Events API v2, so that an existing PagerDuty integration works by changing its URL.
 * The {@code routing_key} is a Pitwall API token with the {@code ingest} scope (PagerDuty senders
 * put the key in the body, so this path takes no bearer token). Replies are PagerDuty's: 202 with
 * {@code status}, {@code message} and {@code dedup_key}, or 400 with {@code errors}.
 */
@RestController
class PagerDutyController {

    private final PagerDutyFormat format;
    private final AccountService accounts;
    private final Intake intake;
    private final Clock clock;

    PagerDutyController(PagerDutyFormat format, AccountService accounts, Intake intake, Clock clock) {
        this.format = format;
        this.accounts = accounts;
        this.intake = intake;
        this.clock = clock;
    }

    // Open to anyone at the door: the routing_key in the body is checked below, like a bearer token.
    @PostMapping("/v2/enqueue")
    @PreAuthorize("permitAll()")
    ResponseEntity<Map<String, Object>> enqueue(@RequestBody(required = false) byte[] body) {
        if (body == null || body.length == 0) {
            return invalid(List.of("The body is empty; send an event as JSON"));
        }
        PagerDutyFormat.Parsed event = format.read(body, clock.instant());
        List<String> errors = new ArrayList<>(event.errors());
        if (event.routingKey() != null) {
            Optional<TokenPrincipal> token = accounts.authenticate(event.routingKey());
            if (token.isEmpty()) {
                errors.addFirst("Invalid routing key: 'routing_key' must be a Pitwall API token with the ingest"
                        + " scope (create one with `pitwall token create NAME --scope ingest`)");
            } else if (!token.get().has(Scope.INGEST)) {
                errors.addFirst("Invalid routing key: the token '" + token.get().name() + "' lacks the ingest scope");
            }
        }
        if (!errors.isEmpty()) {
            return invalid(errors);
        }
        intake.accept(List.of(event.observation()));
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("status", "success");
        reply.put("message", "Event processed");
        reply.put("dedup_key", event.dedupKey());
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(reply);
    }

    private static ResponseEntity<Map<String, Object>> invalid(List<String> errors) {
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("status", "invalid event");
        reply.put("message", "Event object is invalid");
        reply.put("errors", errors);
        return ResponseEntity.badRequest().body(reply);
    }
}
