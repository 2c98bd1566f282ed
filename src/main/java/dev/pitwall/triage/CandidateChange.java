package dev.pitwall.triage;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What the ranking knows about one recorded change. {@code finishedAt} is null while the change is
 * still rolling out; {@code environment} is null for a change that applies to every environment
 * (a shared DNS zone, a cluster-wide upgrade). {@code words} are the words of the description,
 * commit messages and files as the ranking matches them; they are worked out from those texts when
 * not given, and a store that keeps them can pass them in to save the work.
 */
public record CandidateChange(
        long id,
        String service,
        String environment,
        ChangeKind kind,
        String version,
        String status,
        Instant startedAt,
        Instant finishedAt,
        String description,
        List<String> commitMessages,
        List<String> files,
        int commitCount,
        Verification verification,
        ChangeWords words) {

    public CandidateChange {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(startedAt, "startedAt");
        if (finishedAt != null && finishedAt.isBefore(startedAt)) {
            throw new IllegalArgumentException("change " + id + " finished before it started");
        }
        description = description == null ? "" : description;
        commitMessages = commitMessages == null ? List.of() : List.copyOf(commitMessages);
        files = files == null ? List.of() : List.copyOf(files);
        commitCount = Math.max(commitCount, commitMessages.size());
        verification = verification == null ? Verification.NONE : verification;
        words = words == null ? ChangeWords.of(description, commitMessages, files) : words;
    }

    /** A change whose words are worked out from its texts. */
    public CandidateChange(
            long id,
            String service,
            String environment,
            ChangeKind kind,
            String version,
            String status,
            Instant startedAt,
            Instant finishedAt,
            String description,
            List<String> commitMessages,
            List<String> files,
            int commitCount,
            Verification verification) {
        this(
                id,
                service,
                environment,
                kind,
                version,
                status,
                startedAt,
                finishedAt,
                description,
                commitMessages,
                files,
                commitCount,
                verification,
                null);
    }

    /** Whether the change was still rolling out at {@code instant}: started before it, not finished by it. */
    public boolean inProgressAt(Instant instant) {
        return startedAt.isBefore(instant) && (finishedAt == null || finishedAt.isAfter(instant));
    }

    /** Whether the change overlaps {@code [from, to)}: started before {@code to}, not finished before {@code from}. */
    public boolean overlaps(Instant from, Instant to) {
        return startedAt.isBefore(to) && (finishedAt == null || !finishedAt.isBefore(from));
    }
}
