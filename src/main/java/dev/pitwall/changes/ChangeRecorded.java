package dev.pitwall.changes;

import java.time.Instant;

/**
 * A change was recorded or its status changed. A plain Spring event, published only after the
 * transaction that stored it committed, on the change log's own dispatch thread (in commit order,
 * outside any transaction): a listener is an ordinary {@code @EventListener} method, sees the
 * committed change through {@link ChangeLog}, and may open its own transaction. It is not durable:
 * use it to refresh views and rankings, not for hand-overs that must survive a crash.
 */
public record ChangeRecorded(long changeId, String service, String environment, ChangeKind kind, Instant startedAt) {}
