package dev.pitwall.postmortems;

import java.time.Instant;
import java.time.LocalDate;

/**
 * Something the team will do after an incident, owned by someone, by a date.
 *
 * @param owner who owns it (a username or a team); null when nobody does yet
 * @param dueOn the day it is due (UTC); null without a due date
 * @param link where the work is tracked, such as an issue tracker URL
 * @param checkId for a safeguard check, the check that guards against a repeat (null before one is
 *     created or linked); {@code checkName} is its name at that time
 * @param doneReason why it is done (for a safeguard: which verification it passed) or cancelled
 * @param overdueNotifiedOn the due date for which the owner was last told the item is overdue
 */
public record ActionItem(
        long id,
        long postmortemId,
        long incidentId,
        String title,
        ActionItemKind kind,
        String owner,
        LocalDate dueOn,
        ActionItemStatus status,
        String link,
        Long checkId,
        String checkName,
        Instant checkLinkedAt,
        Instant doneAt,
        String doneBy,
        String doneReason,
        LocalDate overdueNotifiedOn,
        Instant createdAt,
        String createdBy,
        Instant updatedAt,
        String updatedBy) {

    /** Open or in progress after its due date. */
    public boolean overdue(LocalDate today) {
        return status.isOpen() && dueOn != null && dueOn.isBefore(today);
    }

    public boolean safeguard() {
        return kind == ActionItemKind.SAFEGUARD_CHECK;
    }
}
