package dev.pitwall.changes;

import dev.pitwall.catalog.CatalogService;
import dev.pitwall.system.Actor;
import dev.pitwall.system.ConflictException;
import dev.pitwall.system.DurableEvents;
import dev.pitwall.system.InvalidInputException;
import dev.pitwall.system.NotFoundException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records changes and their status changes, whichever way they come in. Each write is one short
 * transaction that also stores the status history and, when a change reaches a final status, the
 * durable {@link ChangeFinished} (exactly once per change: only the move out of
 * {@code in_progress}, or a change recorded already final, publishes it).
 */
@Component
class ChangeService {

    /** A change as stored, and whether this call stored it (false: the external id was known). */
    record Recorded(RecordedChange change, boolean created) {}

    private final ChangeRepository repository;
    private final CatalogService catalog;
    private final DurableEvents events;
    private final ChangeNotifications notifications;
    private final Clock clock;

    ChangeService(
            ChangeRepository repository,
            CatalogService catalog,
            DurableEvents events,
            ChangeNotifications notifications,
            Clock clock) {
        this.repository = repository;
        this.catalog = catalog;
        this.events = events;
        this.notifications = notifications;
        this.clock = clock;
    }

    @Transactional
    public Recorded record(NewChange input, ChangeSource source, Actor actor) {
        NewChange change = input.withService(catalog.ensure(input.service()));
        Instant now = clock.instant();
        Instant finishedAt = change.finishedAt();
        if (change.status() != ChangeStatus.IN_PROGRESS && finishedAt == null) {
            finishedAt = now.isBefore(change.startedAt()) ? change.startedAt() : now;
        }
        ChangeRepository.RunningVersion running = repository
                .runningVersion(change.service(), change.environment(), change.startedAt())
                .orElse(null);
        String previousVersion = change.previousVersion() != null
                ? change.previousVersion()
                : running == null ? null : running.version();
        String version = change.version();
        if (version == null && change.kind() == ChangeKind.ROLLBACK && running != null) {
            // a rollback that does not say where to goes back to what ran before the current version
            version = running.previousVersion();
        }
        Optional<Long> id = repository.insert(change, source, version, previousVersion, actor.display(), now);
        if (id.isEmpty()) {
            // the external id is known: answer with the stored change, store nothing
            return new Recorded(
                    repository
                            .find(repository.idOf(source, change.externalId()).orElseThrow())
                            .orElseThrow(),
                    false);
        }
        RecordedChange stored = new RecordedChange(
                id.get(),
                change.externalId(),
                source,
                change.service(),
                change.environment(),
                change.kind(),
                version,
                previousVersion,
                change.commitSha(),
                change.commits(),
                change.files(),
                change.author(),
                change.description(),
                change.links(),
                change.startedAt(),
                finishedAt,
                change.status(),
                ChangeVerification.NONE,
                null,
                change.commits().size());
        if (stored.finished()) {
            events.publish(finishedEvent(stored));
        }
        notifications.afterCommit(stored, true);
        return new Recorded(stored, true);
    }

    @Transactional
    public RecordedChange update(long id, ChangeUpdate update, Actor actor) {
        RecordedChange current = repository.find(id).orElseThrow(() -> NotFoundException.of("change", id));
        Instant now = clock.instant();
        ChangeStatus target = update.status() == null ? current.status() : update.status();
        if (update.status() == null && update.finishedAt() != null && !current.finished()) {
            throw new InvalidInputException(
                    "status", "Send the final status (succeeded, failed or rolled_back) together with finishedAt");
        }
        boolean statusChanges = target != current.status();
        if (statusChanges || update.finishedAt() != null) {
            ChangeStatusPolicy.Decision decision = ChangeStatusPolicy.decide(current.status(), target);
            if (!decision.allowed()) {
                throw new ConflictException("Change " + id + " cannot go from " + ChangeFields.label(current.status())
                        + " to " + ChangeFields.label(target) + ": " + decision.reason());
            }
            Instant finishedAt = update.finishedAt() != null
                    ? update.finishedAt()
                    : current.finishedAt() != null
                            ? current.finishedAt()
                            : now.isBefore(current.startedAt()) ? current.startedAt() : now;
            if (finishedAt.isBefore(current.startedAt())) {
                throw new InvalidInputException(
                        "finishedAt",
                        "finishedAt (" + finishedAt + ") is before the change's startedAt (" + current.startedAt()
                                + ")");
            }
            if (!repository.updateStatus(id, current.status(), target, finishedAt, now)) {
                throw new ConflictException("Change " + id + " was changed at the same time; read it and try again");
            }
            repository.addHistory(
                    id,
                    now,
                    target,
                    current.verification(),
                    statusChanges
                            ? "Status " + ChangeFields.label(current.status()) + " → " + ChangeFields.label(target)
                                    + ": " + decision.reason()
                            : "Finish time corrected to " + finishedAt,
                    actor.display());
        }
        if (update.version() != null || update.description() != null || update.links() != null) {
            repository.updateDescription(id, update.version(), update.description(), update.links(), now);
        }
        RecordedChange updated = repository.find(id).orElseThrow();
        if (!current.finished() && updated.finished()) {
            events.publish(finishedEvent(updated));
        }
        notifications.afterCommit(updated, false);
        return updated;
    }

    private static ChangeFinished finishedEvent(RecordedChange change) {
        return new ChangeFinished(
                change.id(),
                change.service(),
                change.environment(),
                change.kind(),
                change.status(),
                change.version(),
                change.previousVersion(),
                change.finishedAt());
    }
}
