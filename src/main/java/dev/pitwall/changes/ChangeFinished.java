package dev.pitwall.changes;

import java.time.Instant;

/**
 * A change reached a final status. Published durably (in the transaction that finished it), so
 * that post-deploy verification starts even if the server stops right after the commit.
 *
 * @param previousVersion the version the service ran before, when known (for rollbacks and hooks)
 */
public record ChangeFinished(
        long changeId,
        String service,
        String environment,
        ChangeKind kind,
        ChangeStatus status,
        String version,
        String previousVersion,
        Instant finishedAt) {}
