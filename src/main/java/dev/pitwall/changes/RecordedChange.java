package dev.pitwall.changes;

import java.time.Instant;
import java.util.List;

/**
 * A change as the change log stores it.
 *
 * @param externalId the sender's idempotency key, unique per {@code source}; may be null
 * @param previousVersion the version the service ran before (from the last successful deploy of
 *     the same service and environment when the sender did not say)
 * @param commits the commits it shipped, when the sender listed them (may be empty while
 *     {@code commitCount} is not, in lists that leave them out)
 * @param finishedAt null while the change is in progress
 * @param verificationSummary one sentence from the post-deploy verification, or null
 */
public record RecordedChange(
        long id,
        String externalId,
        ChangeSource source,
        String service,
        String environment,
        ChangeKind kind,
        String version,
        String previousVersion,
        String commitSha,
        List<Commit> commits,
        List<String> files,
        String author,
        String description,
        List<Link> links,
        Instant startedAt,
        Instant finishedAt,
        ChangeStatus status,
        ChangeVerification verification,
        String verificationSummary,
        int commitCount) {

    public RecordedChange {
        commits = commits == null ? List.of() : List.copyOf(commits);
        files = files == null ? List.of() : List.copyOf(files);
        links = links == null ? List.of() : List.copyOf(links);
        verification = verification == null ? ChangeVerification.NONE : verification;
    }

    /** Whether the change sets the version a service runs (deploys and rollbacks do). */
    public boolean setsVersion() {
        return kind == ChangeKind.DEPLOY || kind == ChangeKind.ROLLBACK;
    }

    public boolean finished() {
        return status != ChangeStatus.IN_PROGRESS;
    }
}
