package dev.pitwall.incidents;

import dev.pitwall.system.Actor;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The incidents module's API for other modules (triage, postmortems, insights, demo). Reads are
 * read-only transactions; writes join the caller's transaction or run in their own.
 */
@Component
public class Incidents {

    /**
     * The signals an incident's evidence is read from: its first thousand. An alert storm attaches
     * thousands more that say what the first ones said.
     */
    public static final int EVIDENCE_SIGNALS = 1000;

    private final IncidentService service;

    Incidents(IncidentService service) {
        this.service = service;
    }

    public Optional<IncidentView> find(long id) {
        return service.find(id);
    }

    /** Every open incident (triage, investigating, identified, monitoring), oldest first. */
    public List<IncidentView> open() {
        return service.open();
    }

    /** The whole timeline of an incident in the order it happened; empty for an unknown incident. */
    public List<TimelineEntry> timeline(long id) {
        return service.find(id).isPresent() ? service.timeline(id, Integer.MAX_VALUE) : List.of();
    }

    /**
     * Writes an entry on an incident's timeline, such as triage's "confirmed cause" or "ruled out"
     * marks. {@code kind} is 1 to 40 lower-case letters, digits or underscores; the live incident
     * page shows the entry at once.
     *
     * @throws dev.pitwall.system.NotFoundException for an unknown incident
     * @throws dev.pitwall.system.InvalidInputException for a bad kind or an empty text
     */
    public void addTimelineEntry(long incidentId, String kind, String text, Actor actor) {
        service.addTimelineEntry(incidentId, kind, text, actor);
    }

    /**
     * Closes an incident once its postmortem is published. Closing an incident that was not
     * resolved resolves it too (and publishes {@link IncidentResolved}); closing twice does nothing.
     */
    public void close(long incidentId, Actor actor) {
        service.close(incidentId, actor);
    }

    /**
     * Tells the incident's notification targets (those that subscribe to the event
     * {@code action_item_overdue} and hear of its services and severity) that an action item of its
     * postmortem is overdue. {@code detail} names the item, its owner and its due date. Runs in the
     * caller's transaction: the notifications are stored with the caller's change.
     */
    public void notifyActionItemOverdue(long incidentId, String detail, Actor actor) {
        service.notifyActionItemOverdue(incidentId, detail, actor);
    }

    /** What the incident's signals say, for ranking suspects and drafting postmortems. */
    public IncidentEvidence evidence(long id) {
        return service.evidence(id);
    }
}
