package dev.pitwall.triage;

import dev.pitwall.system.CurrentActor;
import dev.pitwall.system.InvalidInputException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * An incident's suspect changes. Reading needs {@code read}; marking needs {@code admin}, the scope
 * of every responder action in the incidents API.
 */
@RestController
@RequestMapping("/api/v1/incidents/{incidentId}/suspects")
class SuspectApiController {

    /** {@code mark}: {@code confirmed_cause}, {@code ruled_out} or {@code none} (clears it). */
    record MarkRequest(String mark, String note) {}

    private final IncidentSuspects suspects;
    private final SuspectMarks marks;

    SuspectApiController(IncidentSuspects suspects, SuspectMarks marks) {
        this.suspects = suspects;
        this.marks = marks;
    }

    @GetMapping
    @PreAuthorize("hasAuthority('SCOPE_read')")
    SuspectList suspects(@PathVariable long incidentId) {
        return suspects.suspects(incidentId);
    }

    @PutMapping("/{changeId}/mark")
    @PreAuthorize("hasAuthority('SCOPE_admin')")
    SuspectList mark(@PathVariable long incidentId, @PathVariable long changeId, @RequestBody MarkRequest request) {
        if (request == null || request.mark() == null || request.mark().isBlank()) {
            throw new InvalidInputException("mark", "The mark is required: confirmed_cause, ruled_out or none");
        }
        SuspectMark mark = SuspectMark.parse(request.mark())
                .orElseThrow(() -> new InvalidInputException(
                        "mark", "Unknown mark '" + request.mark() + "': use confirmed_cause, ruled_out or none"));
        marks.mark(incidentId, changeId, mark, request.note(), CurrentActor.get());
        return suspects.suspects(incidentId);
    }
}
