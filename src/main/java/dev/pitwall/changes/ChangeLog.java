package dev.pitwall.changes;

import dev.pitwall.system.InvalidInputException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The change log as other modules read it: one change, the changes around a moment (for triage),
 * the last successful deploy of a service, and "what changed" between two times. Every method is
 * a read-only transaction (on SQLite it runs on a reader connection, beside the writer).
 */
@Component
public class ChangeLog {

    static final int MAX_PAGE = 500;

    private final ChangeRepository repository;

    ChangeLog(ChangeRepository repository) {
        this.repository = repository;
    }

    /** The change with its commits, files and links. */
    @Transactional(readOnly = true)
    public Optional<RecordedChange> find(long id) {
        return repository.find(id);
    }

    /**
     * The changes that started before {@code to} and did not finish before {@code from}, so a
     * change still in progress counts however long ago it started, in one of {@code environments}
     * (all when empty), ordered by start, each with its commit messages and files.
     */
    @Transactional(readOnly = true)
    public List<RecordedChange> overlapping(Instant from, Instant to, Set<String> environments) {
        checkWindow(from, to);
        return repository.overlapping(from, to, environments == null ? Set.of() : environments, true);
    }

    /** The last deploy or rollback of the service in the environment that succeeded, by start time. */
    @Transactional(readOnly = true)
    public Optional<RecordedChange> lastSucceededDeploy(String service, String environment) {
        if (service == null || service.isBlank()) {
            return Optional.empty();
        }
        return repository.lastSucceededDeploy(
                service.strip(),
                environment == null || environment.isBlank() ? NewChange.DEFAULT_ENVIRONMENT : environment.strip());
    }

    /** What changed between two times, per service, with the versions at both ends. */
    @Transactional(readOnly = true)
    public ChangeDiff diff(Instant from, Instant to, Set<String> environments) {
        checkWindow(from, to);
        Set<String> envs = environments == null ? Set.of() : environments;
        return WhatChanged.between(from, to, envs, repository.overlapping(from, to, envs, false));
    }

    @Transactional(readOnly = true)
    ChangePage list(ChangeFilter filter, String cursor, int limit) {
        if (limit < 1 || limit > MAX_PAGE) {
            throw new InvalidInputException("limit", "limit is 1 to " + MAX_PAGE + ", not " + limit);
        }
        if (filter.from() != null && filter.to() != null && !filter.to().isAfter(filter.from())) {
            throw new InvalidInputException("to", "to must be after from");
        }
        return repository.list(filter, ChangeCursor.decode(cursor), limit);
    }

    @Transactional(readOnly = true)
    List<ChangeHistoryEntry> history(long id) {
        return repository.history(id);
    }

    private static void checkWindow(Instant from, Instant to) {
        if (from == null) {
            throw new InvalidInputException("from", "from is required");
        }
        if (to == null) {
            throw new InvalidInputException("to", "to is required");
        }
        if (!to.isAfter(from)) {
            throw new InvalidInputException("to", "to (" + to + ") must be after from (" + from + ")");
        }
    }
}
