package dev.pitwall.postmortems;

import dev.pitwall.system.CurrentActor;
import dev.pitwall.system.InvalidInputException;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Action items across postmortems, and the checks of safeguard items. Reading needs read, changing admin. */
@RestController
@RequestMapping("/api/v1/action-items")
class ActionItemApiController {

    /** An action item as clients send it; {@code dueOn} is a date such as 2026-12-01. */
    record ItemRequest(
            String title, String kind, String owner, String dueOn, String status, String link, String reason) {

        ActionItemPatch patch() {
            return new ActionItemPatch(title, kind, owner, dueOn, status, link, reason);
        }
    }

    /** Either a {@code definition} to create (YAML or JSON, as in pitwall.yaml) or an {@code existing} check's name or id. */
    record CheckRequest(String definition, String existing) {}

    record Template(long actionItemId, String definition) {}

    private final ActionItemService items;

    ActionItemApiController(ActionItemService items) {
        this.items = items;
    }

    /** Open action items across every postmortem, those due first; {@code owner}, {@code overdue=true} filter. */
    @GetMapping
    @PreAuthorize("hasAuthority('SCOPE_read')")
    List<ActionItemJson> open(
            @RequestParam(required = false) String owner,
            @RequestParam(defaultValue = "false") boolean overdue,
            @RequestParam(defaultValue = "200") int limit) {
        if (limit < 1 || limit > 1000) {
            throw new InvalidInputException("limit", "limit is 1 to 1000");
        }
        return items.json(items.open(owner, overdue, limit));
    }

    @GetMapping("/{id}")
    @PreAuthorize("hasAuthority('SCOPE_read')")
    ActionItemJson get(@PathVariable long id) {
        return items.json(items.get(id));
    }

    @PatchMapping("/{id}")
    @PreAuthorize("hasAuthority('SCOPE_admin')")
    ActionItemJson update(@PathVariable long id, @RequestBody ItemRequest r) {
        return items.json(items.update(id, r.patch(), CurrentActor.get()));
    }

    @DeleteMapping("/{id}")
    @PreAuthorize("hasAuthority('SCOPE_admin')")
    ResponseEntity<Void> delete(@PathVariable long id) {
        items.delete(id, CurrentActor.get());
        return ResponseEntity.noContent().build();
    }

    /** The check a safeguard item offers to create, prefilled from its incident. */
    @GetMapping("/{id}/check-template")
    @PreAuthorize("hasAuthority('SCOPE_read')")
    Template template(@PathVariable long id) {
        return new Template(id, items.safeguardTemplate(id));
    }

    /** Creates the safeguard's check from {@code definition}, or links the {@code existing} one. */
    @PostMapping("/{id}/check")
    @PreAuthorize("hasAuthority('SCOPE_admin')")
    ResponseEntity<ActionItemJson> check(@PathVariable long id, @RequestBody CheckRequest r) {
        boolean create = r.definition() != null && !r.definition().isBlank();
        boolean link = r.existing() != null && !r.existing().isBlank();
        if (create == link) {
            throw new InvalidInputException(
                    "definition", "Send either definition (a check to create) or existing (a check's name or id)");
        }
        ActionItem item = create
                ? items.createSafeguardCheck(id, r.definition(), "api", CurrentActor.get())
                : items.linkSafeguardCheck(id, r.existing(), CurrentActor.get());
        return ResponseEntity.status(create ? HttpStatus.CREATED : HttpStatus.OK)
                .body(items.json(item));
    }
}
