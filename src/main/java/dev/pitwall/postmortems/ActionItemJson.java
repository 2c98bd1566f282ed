package dev.pitwall.postmortems;

import dev.pitwall.checks.CheckView;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

/**
 * An action item as the API returns it, with its safeguard check as it stands now.
 *
 * @param overdue open or in progress after its due date
 * @param check for a safeguard: the linked check's id, name and status ({@code missing} when it was
 *     deleted); null before one is created or linked
 */
record ActionItemJson(
        long id,
        long postmortemId,
        long incidentId,
        String title,
        String kind,
        String owner,
        LocalDate dueOn,
        String status,
        boolean overdue,
        String link,
        SafeguardCheck check,
        Instant doneAt,
        String doneBy,
        String doneReason,
        Instant createdAt,
        String createdBy,
        Instant updatedAt,
        String updatedBy) {

    record SafeguardCheck(long id, String name, String status, Instant linkedAt) {}

    /** @param check the item's check as it stands now; empty when it has none or it was deleted */
    static ActionItemJson of(ActionItem i, Optional<CheckView> check, LocalDate today) {
        SafeguardCheck safeguard = i.checkId() == null
                ? null
                : new SafeguardCheck(
                        i.checkId(), i.checkName(), check.map(CheckView::status).orElse("missing"), i.checkLinkedAt());
        return new ActionItemJson(
                i.id(),
                i.postmortemId(),
                i.incidentId(),
                i.title(),
                i.kind().label(),
                i.owner(),
                i.dueOn(),
                i.status().label(),
                i.overdue(today),
                i.link(),
                safeguard,
                i.doneAt(),
                i.doneBy(),
                i.doneReason(),
                i.createdAt(),
                i.createdBy(),
                i.updatedAt(),
                i.updatedBy());
    }
}
