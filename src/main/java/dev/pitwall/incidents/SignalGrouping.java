package dev.pitwall.incidents;

import dev.pitwall.catalog.CatalogService;
import dev.pitwall.catalog.ServiceGraph;
import dev.pitwall.signals.Severity;
import dev.pitwall.signals.SignalSource;
import dev.pitwall.signals.SignalStatus;
import dev.pitwall.signals.SignalUpdate;
import dev.pitwall.signals.SignalsUpdated;
import dev.pitwall.system.Actor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Turns committed batches of signals into incidents, inside the transaction that stores the
 * signals (so an incident exists exactly when its signals do). Runs on the intake fold thread for
 * up to thousands of signals a second, so it reads what it needs once per batch (the open
 * incidents, the signals it already knows, the held signals of the batch's groups) and writes in
 * batches; it never calls the network.
 */
@Component
class SignalGrouping {

    private static final int PENDING_LIMIT = 5_000;
    private static final int REPORT_TEXTS_PER_INCIDENT = 50;
    /**
     * Signals of one commit of intake attached to one incident with a timeline entry each; the rest
     * share one entry. An alert storm attaches hundreds per commit, and a timeline of "Signal
     * attached" lines buries what the responders wrote (the signals list has every one).
     */
    static final int ATTACHED_ENTRIES = 3;

    private static final int ATTACHED_TITLES = 5;

    private final SignalLinkRepository links;
    private final IncidentRepository incidents;
    private final IncidentService service;
    private final Notifications notifications;
    private final IncidentBroadcast broadcast;
    private final GroupingSettings settings;
    private final CatalogService catalog;
    private final Clock clock;
    private final Grouping grouping = new Grouping();

    SignalGrouping(
            SignalLinkRepository links,
            IncidentRepository incidents,
            IncidentService service,
            Notifications notifications,
            IncidentBroadcast broadcast,
            GroupingSettings settings,
            CatalogService catalog,
            Clock clock) {
        this.links = links;
        this.incidents = incidents;
        this.service = service;
        this.notifications = notifications;
        this.broadcast = broadcast;
        this.settings = settings;
        this.catalog = catalog;
        this.clock = clock;
    }

    @EventListener
    void on(SignalsUpdated event) {
        if (event.updates().isEmpty()) {
            return;
        }
        new Batch(event.updates().stream().map(this::complete).toList()).run();
    }

    /**
     * Grouping runs inside the signals' transaction: if it threw, the whole batch of intake would
     * roll back and be retried forever. So a signal missing what grouping needs is completed with
     * neutral values rather than refused.
     */
    private SignalUpdate complete(SignalUpdate u) {
        if (u.source() != null
                && u.change() != null
                && u.status() != null
                && u.severity() != null
                && u.title() != null
                && !u.title().isBlank()
                && u.fingerprint() != null
                && u.lastSeenAt() != null) {
            return u;
        }
        Instant seen = u.lastSeenAt() == null ? clock.instant() : u.lastSeenAt();
        return new SignalUpdate(
                u.signalId(),
                u.fingerprint() == null ? "signal-" + u.signalId() : u.fingerprint(),
                u.source() == null ? SignalSource.GENERIC : u.source(),
                u.change() == null ? SignalUpdate.Change.CREATED : u.change(),
                u.status() == null ? SignalStatus.FIRING : u.status(),
                u.severity() == null ? Severity.WARNING : u.severity(),
                u.title() == null || u.title().isBlank() ? "Untitled signal #" + u.signalId() : u.title(),
                u.description(),
                u.service(),
                u.environment(),
                u.labels(),
                u.startedAt(),
                seen,
                Math.max(1, u.count()),
                u.received(),
                u.report(),
                u.check());
    }

    /** The work on one batch, with what it has read and what it will write. */
    private final class Batch {
        private final List<SignalUpdate> updates;
        private final Instant now = clock.instant();
        private final GroupingRules rules = settings.current();
        private final Map<Long, Long> incidentOf = new HashMap<>();
        private final Map<Long, IncidentRepository.Row> openRows = new LinkedHashMap<>();
        private final Map<Long, OpenIncident> open = new LinkedHashMap<>();
        private final List<IncidentRepository.NewEntry> entries = new ArrayList<>();
        private final Set<Long> changed = new LinkedHashSet<>();
        private final Set<Long> quietCandidates = new LinkedHashSet<>();
        private final Map<Long, Instant> earliestStart = new HashMap<>();
        private final Set<Long> attachedNow = new HashSet<>();
        /** Signals to attach, by incident, with their reasons; written together before the batch ends. */
        private final Map<Long, Map<Long, String>> attachments = new LinkedHashMap<>();
        /** Signals attached beyond {@link #ATTACHED_ENTRIES}, by incident, for one shared entry. */
        private final Map<Long, List<SignalUpdate>> moreAttached = new LinkedHashMap<>();

        private final Map<Long, Integer> attachedEntries = new HashMap<>();

        private Map<String, List<PendingSignal>> pending;
        private boolean wordsLoaded;
        private ServiceGraph graph;

        Batch(List<SignalUpdate> updates) {
            this.updates = updates;
        }

        void run() {
            incidents.lockGrouping();
            Map<Long, SignalLinkRepository.Known> known =
                    links.known(updates.stream().map(SignalUpdate::signalId).toList());
            List<SignalUpdate> fresh = new ArrayList<>();
            List<SignalUpdate> seen = new ArrayList<>();
            Set<Long> first = new HashSet<>();
            for (SignalUpdate u : updates) {
                if (!known.containsKey(u.signalId()) && first.add(u.signalId())) {
                    fresh.add(u);
                } else {
                    seen.add(u);
                }
                SignalLinkRepository.Known k = known.get(u.signalId());
                if (k != null && k.incidentId() != null) {
                    incidentOf.put(u.signalId(), k.incidentId());
                }
            }
            links.insert(fresh);
            links.update(seen);
            loadOpen();
            for (SignalUpdate u : updates) {
                handle(u);
            }
            finish();
        }

        private void loadOpen() {
            List<IncidentRepository.Row> rows = incidents.openRows();
            Map<Long, List<String>> services = incidents.services(
                    rows.stream().map(IncidentRepository.Row::id).toList());
            for (IncidentRepository.Row row : rows) {
                openRows.put(row.id(), row);
                open.put(
                        row.id(),
                        new OpenIncident(
                                row.id(),
                                row.status(),
                                row.environment(),
                                row.title(),
                                services.getOrDefault(row.id(), List.of()),
                                Set.of()));
            }
        }

        private void handle(SignalUpdate u) {
            Long incidentId = incidentOf.get(u.signalId());
            if (incidentId != null && open.containsKey(incidentId)) {
                onAttached(u, incidentId);
                return;
            }
            if (u.status() == SignalStatus.RESOLVED) {
                return;
            }
            GroupingDecision decision = grouping.decide(u, facts(u));
            switch (decision.action()) {
                case ATTACH -> attach(u, decision.incidentId(), decision.policy() + ": " + decision.reason());
                case OPEN -> openIncident(u, decision);
                case HOLD -> {}
            }
        }

        private void onAttached(SignalUpdate u, long incidentId) {
            changed.add(incidentId);
            switch (u.change()) {
                case RESOLVED -> {
                    entry(incidentId, "signal", "Signal resolved: " + describe(u), sourceActor(u));
                    quietCandidates.add(incidentId);
                }
                case REOPENED -> {
                    entry(incidentId, "signal", "Signal firing again: " + describe(u), sourceActor(u));
                    backToInvestigating(incidentId, "signal '" + u.title() + "' is firing again");
                }
                case ACKNOWLEDGED ->
                    entry(incidentId, "signal", "Signal acknowledged at its source: " + describe(u), sourceActor(u));
                case CREATED, REPEATED -> {}
            }
        }

        private GroupingFacts facts(SignalUpdate u) {
            if (u.source() == SignalSource.REPORT && u.service() == null && !wordsLoaded) {
                loadWords();
            }
            if (graph == null) {
                graph = rules.followDependencies() ? catalog.graph() : ServiceGraph.empty();
            }
            return new GroupingFacts(
                    List.copyOf(open.values()),
                    graph,
                    rules,
                    () -> pendingFor(u).stream()
                            .filter(p -> !attachedNow.contains(p.signalId()))
                            .toList(),
                    now);
        }

        private List<PendingSignal> pendingFor(SignalUpdate u) {
            if (pending == null) {
                Set<String> keys = new HashSet<>();
                for (SignalUpdate s : updates) {
                    Long incident = incidentOf.get(s.signalId());
                    if ((incident == null || !open.containsKey(incident)) && s.status() != SignalStatus.RESOLVED) {
                        keys.add(Grouping.groupKey(s));
                    }
                }
                Duration longest = rules.warningWindow().compareTo(rules.reportWindow()) > 0
                        ? rules.warningWindow()
                        : rules.reportWindow();
                pending = keys.isEmpty() ? Map.of() : links.pending(keys, now.minus(longest), PENDING_LIMIT);
            }
            return pending.getOrDefault(Grouping.groupKey(u), List.of());
        }

        private void loadWords() {
            Map<Long, List<String>> texts = links.reportTexts(open.keySet(), REPORT_TEXTS_PER_INCIDENT);
            for (OpenIncident incident : List.copyOf(open.values())) {
                Set<String> words = new HashSet<>(ReportWords.of(incident.title()));
                texts.getOrDefault(incident.id(), List.of()).forEach(t -> words.addAll(ReportWords.of(t)));
                open.put(incident.id(), withWords(incident, words));
            }
            wordsLoaded = true;
        }

        private void attach(SignalUpdate u, long incidentId, String reason) {
            attachments.computeIfAbsent(incidentId, k -> new LinkedHashMap<>()).put(u.signalId(), reason);
            incidentOf.put(u.signalId(), incidentId);
            attachedNow.add(u.signalId());
            changed.add(incidentId);
            earliestStart.merge(incidentId, SignalLinkRepository.startOf(u), (a, b) -> a.isBefore(b) ? a : b);
            if (attachedEntries.merge(incidentId, 1, Integer::sum) <= ATTACHED_ENTRIES) {
                entry(incidentId, "signal", "Signal attached: " + describe(u) + " (" + reason + ")", sourceActor(u));
            } else {
                moreAttached.computeIfAbsent(incidentId, k -> new ArrayList<>()).add(u);
            }
            checkContext(incidentId, u);
            OpenIncident incident = open.get(incidentId);
            if (u.service() != null && !incident.hasService(u.service())) {
                incidents.addServices(incidentId, List.of(u.service()));
                List<String> services = new ArrayList<>(incident.services());
                services.add(u.service());
                incident = new OpenIncident(
                        incident.id(),
                        incident.status(),
                        incident.environment(),
                        incident.title(),
                        services,
                        incident.words());
                open.put(incidentId, incident);
            }
            if (u.source() == SignalSource.REPORT && wordsLoaded) {
                Set<String> words = new HashSet<>(incident.words());
                words.addAll(ReportWords.of(
                        u.report() == null ? u.title() : u.report().text()));
                open.put(incidentId, withWords(incident, words));
            }
            IncidentRepository.Row row = openRows.get(incidentId);
            IncidentSeverity suggested = severityFor(u);
            if (row != null && !row.severityByHuman() && suggested.worseThan(row.severity())) {
                incidents.setSeverity(incidentId, suggested, false, now);
                String detail = row.severity().name() + " → " + suggested.name() + " (a "
                        + u.severity().label()
                        + " signal joined; severity escalates on its own until a person sets it)";
                entry(incidentId, "severity", "Severity " + detail, Actor.PITWALL);
                openRows.put(incidentId, withSeverity(row, suggested));
                notifications.enqueue(
                        service.view(incidents.row(incidentId).orElseThrow()),
                        NotificationEvent.SEVERITY_CHANGED,
                        detail,
                        Actor.PITWALL);
            }
            if (incident.status() == IncidentStatus.MONITORING && u.status() != SignalStatus.RESOLVED) {
                backToInvestigating(incidentId, "a new signal joined while monitoring");
            }
        }

        private void openIncident(SignalUpdate u, GroupingDecision decision) {
            Instant start = SignalLinkRepository.startOf(u);
            IncidentSeverity severity = severityFor(u);
            for (PendingSignal p : pendingFor(u)) {
                IncidentSeverity held = IncidentSeverity.of(p.severity());
                if (decision.alsoAttach().contains(p.signalId()) && held.worseThan(severity)) {
                    severity = held;
                }
            }
            long id = incidents.insert(
                    new IncidentRepository.NewIncident(
                            titleFor(u),
                            null,
                            severity,
                            false,
                            u.environment(),
                            DetectionSource.of(u.source()),
                            start,
                            false,
                            u.lastSeenAt().isBefore(now) ? u.lastSeenAt() : now,
                            Actor.PITWALL.display()),
                    IncidentStatus.TRIAGE,
                    now);
            List<String> services = u.service() == null ? List.of() : List.of(u.service());
            incidents.addServices(id, services);
            IncidentRepository.Row row = incidents.row(id).orElseThrow();
            openRows.put(id, row);
            open.put(id, new OpenIncident(id, IncidentStatus.TRIAGE, u.environment(), row.title(), services, Set.of()));
            String reason = decision.policy() + ": " + decision.reason();
            entry(id, "opened", "Opened by Pitwall: " + decision.reason(), Actor.PITWALL);
            attach(u, id, reason);
            List<Long> others = decision.alsoAttach().stream()
                    .filter(s -> s != u.signalId() && !attachedNow.contains(s))
                    .toList();
            if (!others.isEmpty()) {
                links.attach(others, id, reason, now);
                others.forEach(s -> {
                    attachedNow.add(s);
                    incidentOf.put(s, id);
                });
                flushAttachments();
                Map<Long, String> titles = links.titles(others);
                entry(
                        id,
                        "signal",
                        others.size() + " held signal(s) that made the count attached: "
                                + String.join(
                                        "; ", titles.values().stream().limit(20).toList()),
                        Actor.PITWALL);
                long[] earliest = links.earliest(id);
                if (earliest != null) {
                    earliestStart.merge(id, Instant.ofEpochMilli(earliest[0]), (a, b) -> a.isBefore(b) ? a : b);
                    incidents.setDetectedAt(id, Instant.ofEpochMilli(earliest[1]));
                }
            }
            notifications.enqueue(
                    service.view(incidents.row(id).orElseThrow()),
                    NotificationEvent.OPENED,
                    decision.reason(),
                    Actor.PITWALL);
            broadcast.opened(id);
        }

        private void backToInvestigating(long incidentId, String why) {
            OpenIncident incident = open.get(incidentId);
            if (incident == null || incident.status() != IncidentStatus.MONITORING) {
                return;
            }
            incidents.setStatus(incidentId, IncidentStatus.INVESTIGATING, now);
            incidents.setQuietSince(incidentId, null);
            entry(incidentId, "status", "Status monitoring → investigating (" + why + ")", Actor.PITWALL);
            open.put(
                    incidentId,
                    new OpenIncident(
                            incidentId,
                            IncidentStatus.INVESTIGATING,
                            incident.environment(),
                            incident.title(),
                            incident.services(),
                            incident.words()));
            quietCandidates.remove(incidentId);
        }

        private void flushAttachments() {
            attachments.forEach((incidentId, signals) -> links.attach(signals, incidentId, now));
            attachments.clear();
        }

        private void finish() {
            flushAttachments();
            for (long id : quietCandidates) {
                OpenIncident incident = open.get(id);
                if (incident == null || !links.allResolved(id)) {
                    continue;
                }
                incidents.setQuietSince(id, now);
                if (incident.status() != IncidentStatus.MONITORING) {
                    incidents.setStatus(id, IncidentStatus.MONITORING, now);
                    String after = rules.autoResolveAfter().isZero()
                            ? "a person resolves it"
                            : "Pitwall resolves it after " + Durations.describe(rules.autoResolveAfter())
                                    + " without a signal firing again";
                    entry(
                            id,
                            "status",
                            "Status " + incident.status().label() + " → monitoring: every signal has resolved; "
                                    + after,
                            Actor.PITWALL);
                }
            }
            moreAttached.forEach(this::moreAttachedEntry);
            earliestStart.forEach(incidents::pullImpactStart);
            if (!entries.isEmpty()) {
                broadcast.timeline(incidents.appendTimeline(entries, broadcast::watched));
            }
            if (!changed.isEmpty()) {
                incidents.touch(changed, now);
                changed.forEach(broadcast::changed);
            }
        }

        /** "212 more signals attached: Alertmanager alert 'a' (warning, svc0), … and 207 more". */
        private void moreAttachedEntry(long incidentId, List<SignalUpdate> signals) {
            StringBuilder text = new StringBuilder()
                    .append(signals.size())
                    .append(signals.size() == 1 ? " more signal attached: " : " more signals attached: ");
            for (int i = 0; i < Math.min(ATTACHED_TITLES, signals.size()); i++) {
                text.append(i == 0 ? "" : "; ").append(describe(signals.get(i)));
            }
            if (signals.size() > ATTACHED_TITLES) {
                text.append(" and ").append(signals.size() - ATTACHED_TITLES).append(" more");
            }
            SignalSource source = signals.getFirst().source();
            boolean oneSource = signals.stream().allMatch(u -> u.source() == source);
            entry(incidentId, "signal", text.toString(), oneSource ? sourceActor(signals.getFirst()) : Actor.PITWALL);
        }

        private void entry(long incidentId, String kind, String text, Actor actor) {
            entries.add(new IncidentRepository.NewEntry(incidentId, now, kind, text, actor));
        }

        /** "check 'member can list line items' failed 14 s after deploy proposals-app 2.14.0". */
        private void checkContext(long incidentId, SignalUpdate u) {
            SignalUpdate.CheckContext check = u.check();
            if (check == null || check.changeId() == null) {
                return;
            }
            String change = check.change() == null ? "change #" + check.changeId() : "deploy " + check.change();
            String when = check.changeFinishedAt() == null
                    ? "during the verification of " + change
                    : Durations.describe(Duration.between(check.changeFinishedAt(), SignalLinkRepository.startOf(u)))
                            + " after " + change;
            entry(
                    incidentId,
                    "check",
                    "check '" + check.checkName() + "' failed " + when
                            + (check.reason() == null ? "" : ": " + check.reason()),
                    sourceActor(u));
        }
    }

    static String describe(SignalUpdate u) {
        StringBuilder out = new StringBuilder();
        out.append(sourceName(u.source()))
                .append(" '")
                .append(u.title())
                .append("' (")
                .append(u.severity().label());
        if (u.service() != null) {
            out.append(", ").append(u.service());
        }
        if (u.environment() != null) {
            out.append(", ").append(u.environment());
        }
        if (u.report() != null && u.report().customerId() != null) {
            out.append(", customer ").append(u.report().customerId());
        }
        return out.append(')').toString();
    }

    static String sourceName(SignalSource source) {
        return switch (source) {
            case ALERTMANAGER -> "Alertmanager alert";
            case PAGERDUTY -> "PagerDuty event";
            case GENERIC -> "Signal";
            case REPORT -> "Customer report";
            case CHECK -> "Check";
        };
    }

    /** Signals speak for their sender on the timeline. */
    static Actor sourceActor(SignalUpdate u) {
        return switch (u.source()) {
            case ALERTMANAGER -> new Actor(Actor.Kind.SYSTEM, "alertmanager", "Alertmanager");
            case PAGERDUTY -> new Actor(Actor.Kind.SYSTEM, "pagerduty", "PagerDuty sender");
            case GENERIC -> new Actor(Actor.Kind.SYSTEM, "signals-api", "Signals API");
            case REPORT -> new Actor(Actor.Kind.SYSTEM, "customer-report", "Customer report");
            case CHECK -> new Actor(Actor.Kind.SYSTEM, "checks", "Synthetic check");
        };
    }

    static IncidentSeverity severityFor(SignalUpdate u) {
        IncidentSeverity bySignal = IncidentSeverity.of(u.severity());
        if (u.source() == SignalSource.REPORT) {
            IncidentSeverity byReport =
                    u.report() != null && u.report().widespread() ? IncidentSeverity.SEV2 : IncidentSeverity.SEV3;
            return bySignal.worseThan(byReport) ? bySignal : byReport;
        }
        return bySignal;
    }

    static String titleFor(SignalUpdate u) {
        String title = u.title() == null || u.title().isBlank()
                ? "Untitled signal"
                : u.title().strip();
        if (u.source() == SignalSource.REPORT) {
            title = "Customers report: " + title;
        }
        if (u.service() != null && !title.toLowerCase().contains(u.service().toLowerCase())) {
            title = u.service() + ": " + title;
        }
        title = title.replaceAll("\\p{Cntrl}", " ");
        return title.length() > IncidentService.MAX_TITLE
                ? title.substring(0, IncidentService.MAX_TITLE - 1) + "…"
                : title;
    }

    private static OpenIncident withWords(OpenIncident i, Set<String> words) {
        return new OpenIncident(i.id(), i.status(), i.environment(), i.title(), i.services(), words);
    }

    private static IncidentRepository.Row withSeverity(IncidentRepository.Row r, IncidentSeverity severity) {
        return new IncidentRepository.Row(
                r.id(),
                r.title(),
                r.summary(),
                severity,
                r.severityByHuman(),
                r.status(),
                r.environment(),
                r.detectionSource(),
                r.lead(),
                r.communications(),
                r.scribe(),
                r.impactStartedAt(),
                r.impactStartEdited(),
                r.detectedAt(),
                r.acknowledgedAt(),
                r.mitigatedAt(),
                r.resolvedAt(),
                r.closedAt(),
                r.quietSince(),
                r.createdBy(),
                r.updatedAt());
    }
}
