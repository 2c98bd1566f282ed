package dev.pitwall.changes;

import dev.pitwall.system.Actor;
import dev.pitwall.system.CurrentActor;
import dev.pitwall.system.InvalidInputException;
import java.net.URI;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** CDEvents in CloudEvents structured JSON mode (or bare), with an ingest token. */
@RestController
class CdEventsController {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ChangeService changes;
    private final ChangeWriter writer;

    CdEventsController(ChangeService changes, ChangeWriter writer) {
        this.changes = changes;
        this.writer = writer;
    }

    @PostMapping(
            path = "/api/v1/integrations/cdevents",
            consumes = {"application/cloudevents+json", "application/json"})
    @PreAuthorize("hasAuthority('SCOPE_ingest')")
    ResponseEntity<?> receive(@RequestBody byte[] body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JacksonException e) {
            throw new InvalidInputException(null, "The body is not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new InvalidInputException(null, "The body must be one CDEvent (a JSON object)");
        }
        CdEvents.Parsed parsed = CdEvents.parse(root);
        if (parsed.change() == null) {
            return ResponseEntity.accepted().body(Map.of("result", "ignored", "reason", parsed.ignoredBecause()));
        }
        Actor actor = CurrentActor.get();
        ChangeService.Recorded recorded =
                writer.write(() -> changes.record(parsed.change(), ChangeSource.CDEVENTS, actor));
        if (!recorded.created()) {
            return ResponseEntity.ok(recorded.change());
        }
        return ResponseEntity.created(
                        URI.create("/api/v1/changes/" + recorded.change().id()))
                .body(recorded.change());
    }
}
