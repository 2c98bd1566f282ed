package dev.pitwall.incidents;

import dev.pitwall.system.CurrentActor;
import dev.pitwall.system.InvalidInputException;
import java.net.URI;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The incident API. Reading needs {@code read}; declaring needs {@code ingest} (scripts and
 * pipelines declare too); responding (acknowledge, edit, roles, notes, updates, resolve) needs
 * {@code admin}, the scope of the operations a responder does in the UI.
 */
@RestController
@RequestMapping("/api/v1/incidents")
class IncidentApiController {

    record DeclareRequest(
            String title,
            String summary,
            IncidentSeverity severity,
            List<String> services,
            String environment,
            DetectionSource detectionSource,
            Instant impactStartedAt) {}

    record PatchRequest(
            String title,
            String summary,
            IncidentSeverity severity,
            IncidentStatus status,
            String environment,
            Instant impactStartedAt) {}

    record RoleRequest(String role, String person) {}

    record NoteRequest(String text, Boolean pinned) {}

    record PinRequest(Boolean pinned) {}

    record ResolveRequest(String reason) {}

    /** A page of incidents with the total, for clients that page through them. */
    record Page(List<IncidentView> incidents, long total, int limit, int offset) {}

    private final IncidentService incidents;

    IncidentApiController(IncidentService incidents) {
        this.incidents = incidents;
    }

    /** {@code status}: open (default), resolved, closed, all, or one status such as monitoring. */
    @GetMapping
    @PreAuthorize("hasAuthority('SCOPE_read')")
    Page list(
            @RequestParam(defaultValue = "open") String status,
            @RequestParam(defaultValue = "50") int limit,
            @RequestParam(defaultValue = "0") int offset) {
        if (limit < 1 || limit > 500) {
            throw new InvalidInputException("limit", "limit is 1 to 500");
        }
        if (offset < 0) {
            throw new InvalidInputException("offset", "offset cannot be negative");
        }
        Set<IncidentStatus> statuses = statuses(status);
        return new Page(incidents.list(statuses, limit, offset), incidents.count(statuses), limit, offset);
    }

    @PostMapping
    @PreAuthorize("hasAuthority('SCOPE_ingest')")
    ResponseEntity<IncidentView> declare(@RequestBody DeclareRequest request) {
        IncidentView view = incidents.declare(
                new Declaration(
                        request.title(),
                        request.summary(),
                        request.severity(),
                        request.services(),
                        request.environment(),
                        request.detectionSource(),
                        request.impactStartedAt()),
                CurrentActor.get());
        return ResponseEntity.created(URI.create("/api/v1/incidents/" + view.id()))
                .body(view);
    }

    @GetMapping("/{id}")
    @PreAuthorize("hasAuthority('SCOPE_read')")
    IncidentView get(@PathVariable long id) {
        return incidents.get(id);
    }

    @GetMapping("/{id}/timeline")
    @PreAuthorize("hasAuthority('SCOPE_read')")
    List<TimelineEntry> timeline(@PathVariable long id, @RequestParam(defaultValue = "1000") int limit) {
        if (limit < 1 || limit > 100_000) {
            throw new InvalidInputException("limit", "limit is 1 to 100000");
        }
        return incidents.timeline(id, limit);
    }

    @GetMapping("/{id}/signals")
    @PreAuthorize("hasAuthority('SCOPE_read')")
    List<LinkedSignal> signals(@PathVariable long id, @RequestParam(defaultValue = "500") int limit) {
        if (limit < 1 || limit > 10_000) {
            throw new InvalidInputException("limit", "limit is 1 to 10000");
        }
        return incidents.signals(id, limit);
    }

    @GetMapping("/{id}/updates")
    @PreAuthorize("hasAuthority('SCOPE_read')")
    List<IncidentRepository.StatusUpdate> updates(@PathVariable long id) {
        return incidents.updates(id, false);
    }

    @GetMapping("/{id}/evidence")
    @PreAuthorize("hasAuthority('SCOPE_read')")
    IncidentEvidence evidence(@PathVariable long id) {
        return incidents.evidence(id);
    }

    @PatchMapping("/{id}")
    @PreAuthorize("hasAuthority('SCOPE_admin')")
    IncidentView patch(@PathVariable long id, @RequestBody PatchRequest request) {
        return incidents.change(
                id,
                new IncidentChanges(
                        request.title(),
                        request.summary(),
                        request.severity(),
                        request.status(),
                        request.environment(),
                        request.impactStartedAt()),
                CurrentActor.get());
    }

    @PostMapping("/{id}/acknowledge")
    @PreAuthorize("hasAuthority('SCOPE_admin')")
    IncidentView acknowledge(@PathVariable long id) {
        return incidents.acknowledge(id, CurrentActor.get());
    }

    @PostMapping("/{id}/resolve")
    @PreAuthorize("hasAuthority('SCOPE_admin')")
    IncidentView resolve(@PathVariable long id, @RequestBody(required = false) ResolveRequest request) {
        String reason = request == null ? null : IncidentService.checkText("reason", request.reason());
        return incidents.resolve(id, CurrentActor.get(), reason == null || reason.isBlank() ? null : reason);
    }

    /** {@code {"role": "lead", "person": "alice"}}; an empty person clears the role. */
    @PostMapping("/{id}/roles")
    @PreAuthorize("hasAuthority('SCOPE_admin')")
    IncidentView role(@PathVariable long id, @RequestBody RoleRequest request) {
        IncidentRole role = IncidentRole.parse(request.role())
                .orElseThrow(() -> new InvalidInputException(
                        "role", "Unknown role '" + request.role() + "'; use lead, communications or scribe"));
        return incidents.assignRole(id, role, request.person(), CurrentActor.get());
    }

    @PostMapping("/{id}/notes")
    @PreAuthorize("hasAuthority('SCOPE_admin')")
    ResponseEntity<TimelineEntry> note(@PathVariable long id, @RequestBody NoteRequest request) {
        TimelineEntry entry =
                incidents.addNote(id, request.text(), Boolean.TRUE.equals(request.pinned()), CurrentActor.get());
        return ResponseEntity.status(201).body(entry);
    }

    @PostMapping("/{id}/timeline/{entryId}/pin")
    @PreAuthorize("hasAuthority('SCOPE_admin')")
    TimelineEntry pin(
            @PathVariable long id, @PathVariable long entryId, @RequestBody(required = false) PinRequest request) {
        boolean pinned = request == null || request.pinned() == null || request.pinned();
        return incidents.pin(id, entryId, pinned, CurrentActor.get());
    }

    /** {@code {"body": "…", "public": true, "status": "identified"}}; internal unless public is true. */
    @PostMapping("/{id}/updates")
    @PreAuthorize("hasAuthority('SCOPE_admin')")
    ResponseEntity<IncidentRepository.StatusUpdate> update(
            @PathVariable long id, @RequestBody Map<String, Object> request) {
        Object body = request.get("body");
        Object isPublic = request.get("public");
        Object status = request.get("status");
        if (body != null && !(body instanceof String)) {
            throw new InvalidInputException("body", "body must be a string");
        }
        if (isPublic != null && !(isPublic instanceof Boolean)) {
            throw new InvalidInputException("public", "public must be true or false");
        }
        IncidentStatus newStatus = null;
        if (status != null) {
            newStatus = IncidentStatus.parse(status.toString())
                    .orElseThrow(() -> new InvalidInputException(
                            "status", "Unknown status '" + status + "'; use one of: " + IncidentStatus.allowed()));
        }
        IncidentRepository.StatusUpdate update =
                incidents.postUpdate(id, (String) body, Boolean.TRUE.equals(isPublic), newStatus, CurrentActor.get());
        return ResponseEntity.status(201).body(update);
    }

    static Set<IncidentStatus> statuses(String status) {
        return switch (status.trim().toLowerCase()) {
            case "open" ->
                EnumSet.of(
                        IncidentStatus.TRIAGE,
                        IncidentStatus.INVESTIGATING,
                        IncidentStatus.IDENTIFIED,
                        IncidentStatus.MONITORING);
            case "all" -> EnumSet.noneOf(IncidentStatus.class);
            default ->
                EnumSet.of(IncidentStatus.parse(status)
                        .orElseThrow(() -> new InvalidInputException(
                                "status",
                                "Unknown status '" + status + "'; use open, all or one of: "
                                        + IncidentStatus.allowed())));
        };
    }
}
