package dev.pitwall.changes;

import java.time.Instant;

/**
 * A change was recorded or its status changed. A plain Spring event, published only after the
 * transaction that stored it committed, on the change log's own dispatch thread (in commit order,
 * outside any transaction): a listener is an ordinary {@code @EventListener} method, sees the
 * committed change through {@link ChangeLog}, and may open its own transaction. It is not durable:
 * use it to refresh views and rankings, not for hand-overs that must survive a crash.
 *
 * @param change the change as the transaction committed it, so that a listener of a burst of new
 *     changes need not read each back. Changes written by different threads (the API's writer,
 *     verification reports) may notify in an order other than their commits', so a listener that
 *     keeps a copy should trust it only for a change just {@code created} and read an update back.
 * @param created whether this transaction recorded the change (rather than changed it)
 */
public record ChangeRecorded(
        long changeId,
        String service,
        String environment,
        ChangeKind kind,
        Instant startedAt,
        RecordedChange change,
        boolean created) {}
