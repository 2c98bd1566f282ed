package dev.pitwall.triage;

import dev.pitwall.catalog.CatalogService;
import dev.pitwall.changes.RecordedChange;
import dev.pitwall.incidents.IncidentEvidence;
import dev.pitwall.incidents.IncidentView;
import dev.pitwall.incidents.Incidents;
import dev.pitwall.system.Actor;
import dev.pitwall.system.LiveUpdates;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Ranks one incident's suspects in the running server and stores them: the incident's facts from
 * its evidence, the dependency graph from the catalog, the history from confirmed causes, the
 * candidates from {@link RecentChanges}; then the ten most suspect (and those during the
 * incident, and every marked change) replace the stored ones, a new top suspect is written on the
 * timeline, and open incident pages reload the panel.
 *
 * <p>Rankings are serialized (one at a time in this server): the worker and a first on-demand
 * ranking never store over each other, and marks never interleave with a ranking.
 */
@Component
class SuspectRanker {

    /** How many of the top suspect's reasons its timeline entry names. */
    static final int TOP_REASONS = 3;
    /** Evidence this strong is worth naming on the timeline; weaker only when there is nothing stronger. */
    static final double STRONG = 1.0;

    private final Incidents incidents;
    private final CatalogService catalog;
    private final RecentChanges changes;
    private final SuspectRepository repository;
    private final LiveUpdates live;
    private final Clock clock;
    private final SuspectFinder finder;
    private final TransactionTemplate reads;
    private final TransactionTemplate writes;
    private final ReentrantLock lock = new ReentrantLock();
    /** The facts each open incident was last ranked with: a signal that changes none is no reason to rank. */
    private final Map<Long, IncidentFacts> rankedWith = new ConcurrentHashMap<>();

    SuspectRanker(
            Incidents incidents,
            CatalogService catalog,
            RecentChanges changes,
            SuspectRepository repository,
            LiveUpdates live,
            Clock clock,
            PlatformTransactionManager transactions) {
        this.incidents = incidents;
        this.catalog = catalog;
        this.changes = changes;
        this.repository = repository;
        this.live = live;
        this.clock = clock;
        this.finder = new SuspectFinder(changes);
        this.reads = new TransactionTemplate(transactions);
        this.reads.setReadOnly(true);
        this.writes = new TransactionTemplate(transactions);
        this.writes.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /**
     * Ranks the incident and stores the result, unless {@code changesArrived} is false, the
     * incident's facts are those it was last ranked with and a ranking is stored: then nothing
     * that the ranking weighs has changed. Returns whether it ranked.
     */
    boolean rank(IncidentView incident, boolean changesArrived) {
        lock.lock();
        try {
            IncidentFacts facts = facts(incident);
            if (!changesArrived
                    && facts.equals(rankedWith.get(incident.id()))
                    && Boolean.TRUE.equals(reads.execute(s -> repository.hasRanking(incident.id())))) {
                return false;
            }
            Instant now = clock.instant();
            ServiceGraph graph = graph(facts.services());
            Context context = context(incident.id());
            List<CandidateChange> candidates = finder.candidates(facts, now);
            Suspects suspects = finder.rank(facts, graph, context.history(), candidates);

            // Marked changes stay listed: explained anew when they are still candidates.
            Set<Long> listed = new HashSet<>();
            suspects.ranked().forEach(s -> listed.add(s.change().id()));
            suspects.duringIncident().forEach(s -> listed.add(s.change().id()));
            List<CandidateChange> markedElsewhere = candidates.stream()
                    .filter(c -> context.marked().contains(c.id()) && !listed.contains(c.id()))
                    .toList();
            List<Suspect> extras = finder.explain(facts, graph, context.history(), markedElsewhere);

            List<SuspectRepository.SuspectRow> rows = new ArrayList<>();
            suspects.ranked().forEach(s -> rows.add(row(SuspectRepository.RANKED, s, facts)));
            suspects.duringIncident().forEach(s -> rows.add(row(SuspectRepository.DURING, s, facts)));
            extras.forEach(s -> rows.add(row(sectionOf(s.change().startedAt(), facts), s, facts)));

            writes.executeWithoutResult(status -> {
                Optional<Long> previousTop = repository.lockRanking(incident.id());
                repository.replaceSuspects(incident.id(), rows);
                repository.saveRanking(incident.id(), now, facts.impactStart(), suspects.candidates());
                announceTop(incident, previousTop);
                live.publishAfterCommit(topic(incident.id()), "panels", "");
            });
            if (incident.isOpen()) {
                rankedWith.put(incident.id(), facts);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Ranks an incident that has never been ranked; does nothing for one that has. */
    void rankIfNeverRanked(IncidentView incident) {
        lock.lock();
        try {
            if (!Boolean.TRUE.equals(reads.execute(s -> repository.hasRanking(incident.id())))) {
                rank(incident, true);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Runs work that changes stored suspects (a mark) while no ranking runs. */
    <T> T exclusively(java.util.function.Supplier<T> work) {
        lock.lock();
        try {
            return work.get();
        } finally {
            lock.unlock();
        }
    }

    /** An incident that is no longer open is no longer ranked by the worker. */
    void forget(long incidentId) {
        rankedWith.remove(incidentId);
    }

    /**
     * The stored row for a change a responder marks that is not among the stored suspects: how
     * the ranking weighs it now, at place 0.
     */
    SuspectRepository.SuspectRow unrankedRow(IncidentView incident, RecordedChange change) {
        IncidentFacts facts = facts(incident);
        ServiceGraph graph = graph(facts.services());
        Context context = context(incident.id());
        Suspect suspect = finder.explain(facts, graph, context.history(), List.of(RecentChanges.candidate(change)))
                .getFirst();
        return row(sectionOf(change.startedAt(), facts), suspect, facts);
    }

    /**
     * Writes "Top suspect: …" on the timeline of an open incident when the first suspect that is
     * not ruled out is another change than before; call inside the write transaction that holds
     * {@link SuspectRepository#lockRanking}.
     */
    void announceTop(IncidentView incident, Optional<Long> previousTop) {
        Optional<RankedSuspect> top = repository.suspects(incident.id()).stream()
                .filter(row -> row.section().equals(SuspectRepository.RANKED))
                .map(SuspectRepository.SuspectRow::suspect)
                .filter(s -> s.rank() > 0 && s.mark() != SuspectMark.RULED_OUT)
                .findFirst();
        Long topId = top.map(RankedSuspect::changeId).orElse(null);
        if (Objects.equals(topId, previousTop.orElse(null))) {
            return;
        }
        repository.setTop(incident.id(), topId);
        if (top.isPresent() && incident.isOpen()) {
            incidents.addTimelineEntry(incident.id(), "top_suspect", topSuspectText(top.get()), Actor.PITWALL);
        }
    }

    /**
     * "Top suspect: proposals-app 2.14.0 (deploy, change #42) — post-deploy verification failed;
     * finished 14 min before impact; …": its strongest reasons for it, leaving out weak ones (the
     * same environment) when there are strong ones.
     */
    static String topSuspectText(RankedSuspect top) {
        List<Evidence> forIt =
                top.evidence().stream().filter(e -> e.score() > 0).toList();
        List<Evidence> strong = forIt.stream().filter(e -> e.score() >= STRONG).toList();
        String reasons = (strong.isEmpty() ? forIt : strong)
                .stream().limit(TOP_REASONS).map(Evidence::reason).collect(Collectors.joining("; "));
        return "Top suspect: " + top.label() + (reasons.isEmpty() ? "" : " — " + reasons);
    }

    static String topic(long incidentId) {
        return "incident-" + incidentId;
    }

    /** What the ranking knows about the incident, from what its signals and its responders say. */
    IncidentFacts facts(IncidentView incident) {
        IncidentEvidence evidence = incidents.evidence(incident.id());
        Set<String> texts = new LinkedHashSet<>();
        // The title and summary are the responders' own words for the problem (a declared
        // incident has no others); for a grouped one the title repeats its first signal's.
        add(texts, incident.title());
        add(texts, incident.summary());
        evidence.texts().forEach(text -> add(texts, text));
        return new IncidentFacts(
                evidence.impactStart(),
                evidence.environment(),
                new LinkedHashSet<>(evidence.services()),
                List.copyOf(texts),
                evidence.failingChecks().stream()
                        .map(check -> new FailingCheck(check.name(), check.url()))
                        .toList(),
                // A check that failed in a change's verification window names the change.
                new HashSet<>(evidence.changeIds()),
                Set.of());
    }

    /**
     * The part of the catalog's graph the place rule looks at: what the affected services depend
     * on, one and two hops away.
     */
    ServiceGraph graph(Set<String> affected) {
        dev.pitwall.catalog.ServiceGraph catalogGraph = catalog.graph();
        Map<String, Set<String>> dependencies = new HashMap<>();
        Set<String> frontier = new LinkedHashSet<>(affected);
        for (int hop = 0; hop < 2 && !frontier.isEmpty(); hop++) {
            Set<String> next = new LinkedHashSet<>();
            for (String service : frontier) {
                if (!dependencies.containsKey(service)) {
                    Set<String> direct = catalogGraph.dependenciesOf(service);
                    dependencies.put(service, direct);
                    next.addAll(direct);
                }
            }
            frontier = next;
        }
        return new ServiceGraph(dependencies);
    }

    private record Context(CauseHistory history, Set<Long> marked) {}

    private Context context(long incidentId) {
        return reads.execute(s -> new Context(
                new CauseHistory(repository.confirmedCausesBefore(incidentId)), repository.markedChanges(incidentId)));
    }

    private static String sectionOf(Instant startedAt, IncidentFacts facts) {
        return startedAt.isBefore(facts.impactStart()) ? SuspectRepository.RANKED : SuspectRepository.DURING;
    }

    private static SuspectRepository.SuspectRow row(String section, Suspect suspect, IncidentFacts facts) {
        CandidateChange change = suspect.change();
        Verification verification =
                facts.verificationFailed().contains(change.id()) ? Verification.FAILED : change.verification();
        return new SuspectRepository.SuspectRow(
                section,
                new RankedSuspect(
                        suspect.rank(),
                        change.id(),
                        change.service(),
                        change.environment(),
                        change.kind().label(),
                        change.version(),
                        change.description().isEmpty() ? null : change.description(),
                        change.startedAt(),
                        change.finishedAt(),
                        verification.label(),
                        suspect.score(),
                        suspect.evidence(),
                        SuspectMark.NONE,
                        null,
                        null,
                        null));
    }

    private static void add(Set<String> texts, String text) {
        if (text != null && !text.isBlank()) {
            texts.add(text.strip());
        }
    }
}
