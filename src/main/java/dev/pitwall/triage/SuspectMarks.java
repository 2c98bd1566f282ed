package dev.pitwall.triage;

import dev.pitwall.changes.ChangeLog;
import dev.pitwall.changes.RecordedChange;
import dev.pitwall.incidents.IncidentStatus;
import dev.pitwall.incidents.IncidentView;
import dev.pitwall.incidents.Incidents;
import dev.pitwall.system.Actor;
import dev.pitwall.system.ConflictException;
import dev.pitwall.system.InvalidInputException;
import dev.pitwall.system.LiveUpdates;
import dev.pitwall.system.NotFoundException;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Responders' marks on suspect changes: "confirmed cause", "ruled out", or none. Each mark is
 * written on the incident's timeline with who made it, in the same transaction. A marked change
 * stays in the incident's list even when it drops out of the ten most suspect; a change that was
 * not ranked at all (another environment, before the look-back) can be marked too, and is then
 * listed with rank 0 and what the ranking says about it.
 */
@Service
class SuspectMarks {

    static final int MAX_NOTE = 2000;

    private final Incidents incidents;
    private final ChangeLog changeLog;
    private final SuspectRanker ranker;
    private final SuspectRepository repository;
    private final LiveUpdates live;
    private final Clock clock;
    private final TransactionTemplate reads;
    private final TransactionTemplate writes;

    SuspectMarks(
            Incidents incidents,
            ChangeLog changeLog,
            SuspectRanker ranker,
            SuspectRepository repository,
            LiveUpdates live,
            Clock clock,
            PlatformTransactionManager transactions) {
        this.incidents = incidents;
        this.changeLog = changeLog;
        this.ranker = ranker;
        this.repository = repository;
        this.live = live;
        this.clock = clock;
        this.reads = new TransactionTemplate(transactions);
        this.reads.setReadOnly(true);
        this.writes = new TransactionTemplate(transactions);
        this.writes.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /**
     * Sets (or with {@link SuspectMark#NONE} clears) the mark on a change for an incident.
     *
     * @throws NotFoundException for an unknown incident or change
     * @throws InvalidInputException for a missing mark or a note over {@value #MAX_NOTE} characters
     * @throws ConflictException for a closed incident (its postmortem is published)
     */
    void mark(long incidentId, long changeId, SuspectMark mark, String note, Actor actor) {
        if (mark == null) {
            throw new InvalidInputException("mark", "The mark is required: confirmed_cause, ruled_out or none");
        }
        String checkedNote = checkNote(note);
        IncidentView incident =
                incidents.find(incidentId).orElseThrow(() -> NotFoundException.of("incident", incidentId));
        if (incident.status() == IncidentStatus.CLOSED) {
            throw new ConflictException("Incident " + incidentId
                    + " is closed: its postmortem was published, so its suspects' marks no longer change");
        }
        RecordedChange change = changeLog.find(changeId).orElseThrow(() -> NotFoundException.of("change", changeId));
        ranker.exclusively(() -> {
            ranker.rankIfNeverRanked(incident);
            boolean listed = Boolean.TRUE.equals(reads.execute(s -> repository.suspects(incidentId).stream()
                    .anyMatch(row -> row.suspect().changeId() == changeId)));
            SuspectRepository.SuspectRow unranked =
                    listed || mark == SuspectMark.NONE ? null : ranker.unrankedRow(incident, change);
            writes.executeWithoutResult(status -> {
                Optional<Long> previousTop = repository.lockRanking(incidentId);
                Optional<SuspectRepository.StoredMark> existing = repository.mark(incidentId, changeId);
                String label = RankedSuspect.label(change.service(), change.version(), kindLabel(change), changeId);
                if (mark == SuspectMark.NONE) {
                    if (existing.isEmpty()) {
                        return;
                    }
                    repository.deleteMark(incidentId, changeId);
                    repository.removeUnranked(incidentId, changeId);
                    incidents.addTimelineEntry(
                            incidentId,
                            "suspect_mark_cleared",
                            "Mark cleared on " + label + " (was "
                                    + existing.get().mark().words() + ")"
                                    + (checkedNote == null ? "" : " — " + checkedNote),
                            actor);
                } else {
                    if (existing.isPresent()
                            && existing.get().mark() == mark
                            && Objects.equals(existing.get().note(), checkedNote)) {
                        return;
                    }
                    repository.saveMark(
                            incidentId,
                            changeId,
                            new SuspectRepository.StoredMark(
                                    mark, change.service(), checkedNote, actor.display(), clock.instant()));
                    if (unranked != null) {
                        repository.addSuspect(incidentId, unranked);
                    }
                    String what = mark == SuspectMark.CONFIRMED_CAUSE ? "Confirmed cause: " : "Ruled out as cause: ";
                    incidents.addTimelineEntry(
                            incidentId,
                            mark.label(),
                            what + label + (checkedNote == null ? "" : " — " + checkedNote),
                            actor);
                }
                ranker.announceTop(incident, previousTop);
                live.publishAfterCommit(SuspectRanker.topic(incidentId), "panels", "");
            });
            return null;
        });
    }

    private static String kindLabel(RecordedChange change) {
        return change.kind().name().toLowerCase(java.util.Locale.ROOT);
    }

    static String checkNote(String note) {
        if (note == null || note.isBlank()) {
            return null;
        }
        String stripped = note.strip();
        if (stripped.length() > MAX_NOTE) {
            throw new InvalidInputException(
                    "note",
                    "A note has at most " + MAX_NOTE + " characters (got " + stripped.length()
                            + "); put the details in an incident note");
        }
        // one line on the timeline
        return stripped.replaceAll("\\p{Cntrl}+", " ");
    }
}
