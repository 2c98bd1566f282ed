package dev.pitwall.incidents;

import dev.pitwall.catalog.CatalogService;
import dev.pitwall.system.Actor;
import dev.pitwall.system.ConflictException;
import dev.pitwall.system.DurableEvents;
import dev.pitwall.system.InvalidInputException;
import dev.pitwall.system.NotFoundException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What people (and Pitwall on its own) do to incidents: declare, acknowledge, change severity and
 * status, assign roles, add notes and status updates, resolve, close. Every change is written on
 * the timeline with its actor, in the same transaction as the change.
 */
@Service
class IncidentService {

    static final int MAX_TITLE = 200;
    static final int MAX_TEXT = 10_000;
    static final int MAX_PERSON = 100;
    private static final Pattern KIND = Pattern.compile("[a-z][a-z0-9_]{0,39}");
    private static final Pattern PERSON = Pattern.compile("[^\\p{Cntrl}<>]{1," + MAX_PERSON + "}");

    private final IncidentRepository incidents;
    private final SignalLinkRepository signals;
    private final Notifications notifications;
    private final IncidentBroadcast broadcast;
    private final DurableEvents durableEvents;
    private final CatalogService catalog;
    private final Clock clock;

    IncidentService(
            IncidentRepository incidents,
            SignalLinkRepository signals,
            Notifications notifications,
            IncidentBroadcast broadcast,
            DurableEvents durableEvents,
            CatalogService catalog,
            Clock clock) {
        this.incidents = incidents;
        this.signals = signals;
        this.notifications = notifications;
        this.broadcast = broadcast;
        this.durableEvents = durableEvents;
        this.catalog = catalog;
        this.clock = clock;
    }

    // reading

    @Transactional(readOnly = true)
    Optional<IncidentView> find(long id) {
        return incidents.row(id).map(this::view);
    }

    @Transactional(readOnly = true)
    IncidentView get(long id) {
        return find(id).orElseThrow(() -> NotFoundException.of("incident", id));
    }

    @Transactional(readOnly = true)
    List<IncidentView> list(Collection<IncidentStatus> statuses, int limit, int offset) {
        return views(incidents.rows(statuses, limit, offset));
    }

    @Transactional(readOnly = true)
    long count(Collection<IncidentStatus> statuses) {
        return incidents.count(statuses);
    }

    @Transactional(readOnly = true)
    List<IncidentView> open() {
        return views(incidents.openRows());
    }

    @Transactional(readOnly = true)
    List<IncidentView> openOrResolvedSince(Instant since) {
        return views(incidents.openOrResolvedSince(since));
    }

    @Transactional(readOnly = true)
    List<TimelineEntry> timeline(long id, int limit) {
        get(id);
        return incidents.timeline(id, limit);
    }

    @Transactional(readOnly = true)
    long timelineSize(long id) {
        return incidents.timelineSize(id);
    }

    @Transactional(readOnly = true)
    List<TimelineEntry> pinned(long id) {
        return incidents.pinned(id);
    }

    @Transactional(readOnly = true)
    List<LinkedSignal> signals(long id, int limit) {
        get(id);
        return signals.signalsOf(id, limit);
    }

    @Transactional(readOnly = true)
    List<IncidentRepository.StatusUpdate> updates(long id, boolean publicOnly) {
        get(id);
        return incidents.updates(id, publicOnly);
    }

    @Transactional(readOnly = true)
    Map<Long, List<IncidentRepository.StatusUpdate>> publicUpdates(Collection<Long> ids) {
        return incidents.publicUpdates(ids);
    }

    @Transactional(readOnly = true)
    IncidentEvidence evidence(long id) {
        IncidentView incident = get(id);
        return signals.evidence(id, incident.impactStartedAt(), incident.environment(), incident.services());
    }

    @Transactional(readOnly = true)
    List<String> knownPeople() {
        return incidents.knownPeople(50);
    }

    // changing

    @Transactional
    IncidentView declare(Declaration d, Actor actor) {
        String title = checkTitle(d.title());
        String summary = checkText("summary", d.summary());
        if (d.services().size() > 50) {
            throw new InvalidInputException("services", "An incident names at most 50 services");
        }
        List<String> services = new ArrayList<>();
        for (int i = 0; i < d.services().size(); i++) {
            try {
                services.add(catalog.ensure(d.services().get(i)));
            } catch (InvalidInputException e) {
                throw new InvalidInputException("services[" + i + "]", e.getMessage());
            }
        }
        String environment = checkEnvironment(d.environment());
        Instant now = clock.instant();
        Instant impact = d.impactStartedAt() == null ? now : d.impactStartedAt();
        if (impact.isAfter(now.plus(Duration.ofMinutes(5)))) {
            throw new InvalidInputException("impactStartedAt", "Impact cannot start in the future");
        }
        IncidentSeverity severity = d.severity() == null ? IncidentSeverity.SEV3 : d.severity();
        long id = incidents.insert(
                new IncidentRepository.NewIncident(
                        title,
                        summary,
                        severity,
                        true,
                        environment,
                        d.detectionSource() == null ? DetectionSource.STAFF : d.detectionSource(),
                        impact,
                        d.impactStartedAt() != null,
                        now,
                        actor.display()),
                IncidentStatus.TRIAGE,
                now);
        incidents.addServices(id, services);
        timeline(
                id,
                now,
                "opened",
                "Declared " + severity.name() + " by " + actor.display()
                        + (services.isEmpty() ? "" : " for " + String.join(", ", services)),
                actor);
        IncidentView view = get(id);
        notifications.enqueue(view, NotificationEvent.OPENED, "declared by " + actor.display(), actor);
        broadcast.opened(id);
        return view;
    }

    @Transactional
    IncidentView acknowledge(long id, Actor actor) {
        IncidentView incident = changeable(id);
        if (incident.acknowledgedAt() != null) {
            return incident;
        }
        Instant now = clock.instant();
        incidents.setAcknowledged(id, now);
        String text = "Acknowledged by " + actor.display() + " after "
                + Durations.describe(Duration.between(incident.detectedAt(), now)) + " from detection";
        if (incident.status() == IncidentStatus.TRIAGE) {
            incidents.setStatus(id, IncidentStatus.INVESTIGATING, now);
            text += "; status triage → investigating";
        }
        timeline(id, now, "acknowledged", text, actor);
        IncidentView view = get(id);
        notifications.enqueue(view, NotificationEvent.ACKNOWLEDGED, "acknowledged by " + actor.display(), actor);
        return view;
    }

    @Transactional
    IncidentView change(long id, IncidentChanges changes, Actor actor) {
        IncidentView incident = changeable(id);
        Instant now = clock.instant();
        if (changes.title() != null && !changes.title().equals(incident.title())) {
            String title = checkTitle(changes.title());
            incidents.setTitle(id, title, now);
            timeline(id, now, "edit", "Title changed from '" + incident.title() + "' to '" + title + "'", actor);
        }
        if (changes.summary() != null && !changes.summary().equals(incident.summary())) {
            incidents.setSummary(id, checkText("summary", changes.summary()), now);
            timeline(id, now, "edit", "Summary updated", actor);
        }
        if (changes.environment() != null && !changes.environment().equals(incident.environment())) {
            String environment = checkEnvironment(changes.environment());
            incidents.setEnvironment(id, environment, now);
            timeline(id, now, "edit", "Environment set to " + (environment == null ? "none" : environment), actor);
        }
        if (changes.impactStartedAt() != null && !changes.impactStartedAt().equals(incident.impactStartedAt())) {
            if (changes.impactStartedAt().isAfter(now.plus(Duration.ofMinutes(5)))) {
                throw new InvalidInputException("impactStartedAt", "Impact cannot start in the future");
            }
            incidents.setImpactStart(id, changes.impactStartedAt(), now);
            timeline(
                    id,
                    now,
                    "edit",
                    "Impact start corrected from " + incident.impactStartedAt() + " to " + changes.impactStartedAt(),
                    actor);
        }
        if (changes.severity() != null && changes.severity() != incident.severity()) {
            setSeverity(incident, changes.severity(), true, "set by " + actor.display(), actor, now);
        }
        if (changes.status() != null && changes.status() != incident.status()) {
            if (changes.status() == IncidentStatus.RESOLVED) {
                return resolve(id, actor, null);
            }
            setStatus(get(id), changes.status(), actor, now, null);
        }
        broadcast.changed(id);
        return get(id);
    }

    @Transactional
    IncidentView assignRole(long id, IncidentRole role, String person, Actor actor) {
        IncidentView incident = changeable(id);
        String who = person == null || person.isBlank() ? null : person.trim();
        if (who != null && !PERSON.matcher(who).matches()) {
            throw new InvalidInputException("person", "A person is named in 1 to " + MAX_PERSON + " characters");
        }
        String before = incident.role(role);
        if (java.util.Objects.equals(before, who)) {
            return incident;
        }
        Instant now = clock.instant();
        incidents.setRole(id, role, who, now);
        String text = who == null
                ? before + " is no longer " + role.title()
                : who + " is now " + role.title() + (before == null ? "" : " (was " + before + ")");
        timeline(id, now, "role", text, actor);
        return get(id);
    }

    @Transactional
    TimelineEntry addNote(long id, String text, boolean pinned, Actor actor) {
        changeable(id);
        String note = checkText("text", text);
        if (note == null || note.isBlank()) {
            throw new InvalidInputException("text", "A note needs some text");
        }
        TimelineEntry entry = timeline(id, clock.instant(), "note", note, actor);
        if (pinned) {
            incidents.setPinned(entry.id(), true);
            entry = new TimelineEntry(entry.id(), id, entry.at(), entry.kind(), entry.text(), actor, true);
        }
        return entry;
    }

    @Transactional
    TimelineEntry pin(long id, long entryId, boolean pinned, Actor actor) {
        get(id);
        TimelineEntry entry = incidents
                .entry(id, entryId)
                .orElseThrow(() -> new NotFoundException("Incident " + id + " has no timeline entry " + entryId));
        incidents.setPinned(entryId, pinned);
        broadcast.changed(id);
        return new TimelineEntry(entry.id(), id, entry.at(), entry.kind(), entry.text(), entry.actor(), pinned);
    }

    @Transactional
    IncidentRepository.StatusUpdate postUpdate(
            long id, String body, boolean isPublic, IncidentStatus status, Actor actor) {
        IncidentView incident = changeable(id);
        String text = checkText("body", body);
        if (text == null || text.isBlank()) {
            throw new InvalidInputException("body", "A status update needs some text");
        }
        Instant now = clock.instant();
        if (status != null && status != incident.status()) {
            if (status == IncidentStatus.RESOLVED) {
                resolve(id, actor, null);
            } else {
                setStatus(incident, status, actor, now, null);
            }
        }
        IncidentStatus current = get(id).status();
        IncidentRepository.StatusUpdate update =
                incidents.insertUpdate(id, now, current, text, isPublic, actor.display());
        timeline(
                id,
                now,
                "update",
                (isPublic ? "Public" : "Internal") + " update (" + current.label() + "): " + text,
                actor);
        return update;
    }

    @Transactional
    IncidentView resolve(long id, Actor actor, String reason) {
        IncidentView incident = changeable(id);
        if (incident.status() == IncidentStatus.RESOLVED) {
            return incident;
        }
        Instant now = clock.instant();
        incidents.setStatus(id, IncidentStatus.RESOLVED, now);
        incidents.setQuietSince(id, null);
        timeline(
                id,
                now,
                "status",
                "Resolved by " + actor.display() + " after "
                        + Durations.describe(Duration.between(incident.impactStartedAt(), now)) + " of impact"
                        + (reason == null ? "" : ": " + reason),
                actor);
        durableEvents.publish(new IncidentResolved(id, now));
        IncidentView view = get(id);
        notifications.enqueue(
                view, NotificationEvent.RESOLVED, reason == null ? "resolved by " + actor.display() : reason, actor);
        return view;
    }

    @Transactional
    void close(long id, Actor actor) {
        IncidentView incident = get(id);
        if (incident.status() == IncidentStatus.CLOSED) {
            return;
        }
        Instant now = clock.instant();
        boolean wasResolved = incident.status() == IncidentStatus.RESOLVED;
        incidents.setStatus(id, IncidentStatus.CLOSED, now);
        timeline(id, now, "status", "Closed: its postmortem was published", actor);
        if (!wasResolved) {
            durableEvents.publish(new IncidentResolved(id, now));
        }
        broadcast.changed(id);
    }

    @Transactional
    void notifyActionItemOverdue(long id, String detail, Actor actor) {
        notifications.enqueue(get(id), NotificationEvent.ACTION_ITEM_OVERDUE, detail, actor);
    }

    @Transactional
    TimelineEntry addTimelineEntry(long id, String kind, String text, Actor actor) {
        get(id);
        if (kind == null || !KIND.matcher(kind).matches()) {
            throw new InvalidInputException("kind", "A timeline kind is 1 to 40 lower-case letters, digits or _");
        }
        String checked = checkText("text", text);
        if (checked == null || checked.isBlank()) {
            throw new InvalidInputException("text", "A timeline entry needs some text");
        }
        return timeline(id, clock.instant(), kind, checked, actor);
    }

    /** Resolves incidents whose signals have all been quiet for the configured period. */
    @Transactional
    List<Long> resolveQuiet(Duration quietPeriod) {
        if (quietPeriod.isZero()) {
            return List.of();
        }
        List<Long> due = incidents.quietBefore(clock.instant().minus(quietPeriod));
        for (long id : due) {
            resolve(
                    id,
                    Actor.PITWALL,
                    "every signal has been resolved for " + Durations.describe(quietPeriod) + " (auto-resolve)");
        }
        return due;
    }

    // shared with grouping

    void setSeverity(
            IncidentView incident, IncidentSeverity severity, boolean byHuman, String why, Actor actor, Instant now) {
        incidents.setSeverity(incident.id(), severity, byHuman, now);
        String detail = incident.severity().name() + " → " + severity.name() + " (" + why + ")";
        timeline(incident.id(), now, "severity", "Severity " + detail, actor);
        notifications.enqueue(get(incident.id()), NotificationEvent.SEVERITY_CHANGED, detail, actor);
    }

    private void setStatus(IncidentView incident, IncidentStatus to, Actor actor, Instant now, String why) {
        IncidentLifecycle.Transition transition = IncidentLifecycle.check(incident.status(), to);
        if (!transition.allowed()) {
            throw new ConflictException(
                    "Cannot move incident " + incident.id() + " to " + to.label() + ": " + transition.reason());
        }
        incidents.setStatus(incident.id(), to, now);
        if (to != IncidentStatus.MONITORING) {
            incidents.setQuietSince(incident.id(), null);
        } else if (signals.allResolved(incident.id())) {
            incidents.setQuietSince(incident.id(), now);
        }
        timeline(
                incident.id(),
                now,
                "status",
                "Status " + incident.status().label() + " → " + to.label() + (why == null ? "" : " (" + why + ")"),
                actor);
    }

    TimelineEntry timeline(long id, Instant at, String kind, String text, Actor actor) {
        TimelineEntry entry = incidents
                .appendTimeline(List.of(new IncidentRepository.NewEntry(id, at, kind, text, actor)))
                .getFirst();
        broadcast.timeline(List.of(entry));
        return entry;
    }

    private IncidentView changeable(long id) {
        IncidentView incident = get(id);
        if (incident.status() == IncidentStatus.CLOSED) {
            throw new ConflictException(
                    "Incident " + id + " is closed (its postmortem was published) and no longer changes");
        }
        return incident;
    }

    IncidentView view(IncidentRepository.Row row) {
        return views(List.of(row)).getFirst();
    }

    List<IncidentView> views(List<IncidentRepository.Row> rows) {
        List<Long> ids = rows.stream().map(IncidentRepository.Row::id).toList();
        Map<Long, List<String>> services = incidents.services(ids);
        Map<Long, IncidentRepository.Counts> counts = incidents.counts(ids);
        return rows.stream()
                .map(r -> {
                    IncidentRepository.Counts c = counts.getOrDefault(r.id(), IncidentRepository.Counts.NONE);
                    return new IncidentView(
                            r.id(),
                            r.title(),
                            r.summary(),
                            r.severity(),
                            r.status(),
                            services.getOrDefault(r.id(), List.of()),
                            r.environment(),
                            r.detectionSource(),
                            r.lead(),
                            r.communications(),
                            r.scribe(),
                            r.impactStartedAt(),
                            r.detectedAt(),
                            r.acknowledgedAt(),
                            r.mitigatedAt(),
                            r.resolvedAt(),
                            r.closedAt(),
                            c.signals(),
                            c.firing(),
                            c.events(),
                            c.reports(),
                            c.customers(),
                            r.createdBy(),
                            r.updatedAt());
                })
                .toList();
    }

    static String checkTitle(String title) {
        if (title == null || title.isBlank()) {
            throw new InvalidInputException("title", "An incident needs a title");
        }
        String trimmed = title.strip();
        if (trimmed.length() > MAX_TITLE) {
            throw new InvalidInputException(
                    "title", "A title has at most " + MAX_TITLE + " characters (got " + trimmed.length() + ")");
        }
        if (trimmed.chars().anyMatch(c -> Character.isISOControl(c))) {
            throw new InvalidInputException("title", "A title cannot contain control characters or line breaks");
        }
        return trimmed;
    }

    static String checkText(String field, String text) {
        if (text == null) {
            return null;
        }
        if (text.length() > MAX_TEXT) {
            throw new InvalidInputException(
                    field, field + " has at most " + MAX_TEXT + " characters (got " + text.length() + ")");
        }
        return text.strip();
    }

    static String checkEnvironment(String environment) {
        if (environment == null || environment.isBlank()) {
            return null;
        }
        String trimmed = environment.trim();
        if (trimmed.length() > 100 || trimmed.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidInputException("environment", "An environment is named in 1 to 100 characters");
        }
        return trimmed;
    }
}
