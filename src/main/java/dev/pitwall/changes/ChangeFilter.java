package dev.pitwall.changes;

import java.time.Instant;

/**
 * What the change list is narrowed to; null fields do not narrow.
 *
 * @param text words looked up in the service, version, description, author, commit SHA and commit
 *     messages, without regard to case
 * @param from changes that started at or after this
 * @param to changes that started before this
 */
record ChangeFilter(
        String service,
        String environment,
        ChangeKind kind,
        ChangeStatus status,
        Instant from,
        Instant to,
        String text) {

    static ChangeFilter none() {
        return new ChangeFilter(null, null, null, null, null, null, null);
    }
}
