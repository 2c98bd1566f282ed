package dev.pitwall.triage;

import dev.pitwall.changes.ChangeRecorded;
import dev.pitwall.changes.RecordedChange;
import dev.pitwall.incidents.IncidentChanged;
import dev.pitwall.incidents.IncidentOpened;
import dev.pitwall.incidents.IncidentView;
import dev.pitwall.incidents.Incidents;
import dev.pitwall.system.WorkerThread;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Keeps every open incident's suspects current, on one thread of its own. An incident is ranked
 * when it opens, when something about it changes (a signal attached, repeated or resolved, a
 * corrected impact start, a new title) and when a change is recorded or updated in its
 * environment while it is open.
 *
 * <p>The listeners only note what needs doing and return: {@code IncidentChanged} arrives on the
 * thread that committed the signals (the intake must not wait for a ranking) and
 * {@code ChangeRecorded} on the change log's dispatch thread. Bursts coalesce: an incident noted
 * many times while a ranking runs is ranked once more, after every change noted meanwhile has
 * been read into the index. A change to an incident that the ranking does not weigh (its roles,
 * a note, the timeline entries triage itself writes) ranks nothing: the incident's facts are
 * compared with those of its last ranking.
 *
 * <p>At start the worker fills {@link RecentChanges} and ranks every open incident again, since
 * changes may have been recorded while the server was down. The events are plain (not durable):
 * after a crash the ranking catches up at the next start.
 */
@Component
class RankingWorker extends WorkerThread {

    private static final Logger log = LoggerFactory.getLogger(RankingWorker.class);
    private static final Duration TRIM_EVERY = Duration.ofMinutes(5);
    private static final int READ_ATTEMPTS = 3;
    /**
     * An incident whose own facts changed is ranked again at most this often: a burst of alerts
     * attaches signals to it in every commit of intake (hundreds a second), and each ranking reads
     * the evidence of up to 5,000 of its signals. The first change after a quiet second ranks at
     * once; an incident opened, or one whose environment got a new change, is never held back.
     */
    static final Duration SETTLE = Duration.ofSeconds(1);
    /**
     * The same for an incident past the signals its evidence is read from (its first
     * {@value Incidents#EVIDENCE_SIGNALS}): more alerts of a storm do not change that evidence.
     */
    static final Duration SETTLE_STORM = Duration.ofSeconds(10);

    private final RecentChanges changes;
    private final SuspectRanker ranker;
    private final Incidents incidents;
    private final Clock clock;

    private final Object monitor = new Object();
    // Guarded by monitor: incident id → whether changes arrived for it (then it is ranked even
    // if its own facts are unchanged), and the changes recorded or updated.
    private final Map<Long, Boolean> dueIncidents = new LinkedHashMap<>();
    /**
     * Changes to put in the index, in the order they were noted: with the change as its event
     * carried it when it was just recorded, empty when it has to be read back (an update, a retry,
     * or more than one event before the index caught up).
     */
    private final Map<Long, Optional<RecordedChange>> recordedChanges = new LinkedHashMap<>();

    /** Changes whose reading failed, with the attempts so far; touched only by the worker thread. */
    private final Map<Long, Integer> failedReads = new HashMap<>();

    /**
     * When each incident ranked a moment ago may be ranked again for a change of its own
     * (System.nanoTime), for {@link #SETTLE}; worker thread only.
     */
    private final Map<Long, Long> settledAt = new HashMap<>();

    /** Incidents held back by {@link #SETTLE}, with when they may be ranked; worker thread only. */
    private final Map<Long, Long> heldBack = new LinkedHashMap<>();

    /** The open incidents as the worker last saw them; touched only by the worker thread. */
    private final Map<Long, OpenIncident> open = new HashMap<>();

    private volatile boolean idle;

    RankingWorker(RecentChanges changes, SuspectRanker ranker, Incidents incidents, Clock clock) {
        super("pitwall-triage", true, Duration.ofSeconds(15));
        this.changes = changes;
        this.ranker = ranker;
        this.incidents = incidents;
        this.clock = clock;
    }

    /** What decides whether a recorded change concerns an open incident. */
    private record OpenIncident(String environment, Instant windowStart) {
        boolean concerns(CandidateChange change) {
            return (environment == null || change.environment() == null || environment.equals(change.environment()))
                    && (change.finishedAt() == null || !change.finishedAt().isBefore(windowStart));
        }
    }

    @EventListener
    void on(IncidentOpened event) {
        due(event.incidentId(), true);
    }

    @EventListener
    void on(IncidentChanged event) {
        due(event.incidentId(), false);
    }

    @EventListener
    void on(ChangeRecorded event) {
        synchronized (monitor) {
            Optional<RecordedChange> known = event.created() ? Optional.of(event.change()) : Optional.empty();
            recordedChanges.merge(event.changeId(), known, (earlier, later) -> Optional.empty());
            idle = false;
            monitor.notifyAll();
        }
    }

    private void due(long incidentId, boolean changesArrived) {
        synchronized (monitor) {
            dueIncidents.merge(incidentId, changesArrived, Boolean::logicalOr);
            idle = false;
            monitor.notifyAll();
        }
    }

    /** Whether everything noted so far has been ranked (for tests and the benchmark). */
    boolean isIdle() {
        return idle && changes.isWarm();
    }

    @Override
    protected void wakeForStop() {
        synchronized (monitor) {
            monitor.notifyAll();
        }
    }

    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 1024;
    }

    @Override
    protected void loop() {
        try {
            warm();
        } catch (RuntimeException e) {
            if (!running()) {
                return;
            }
            // Rankings still work without the index (they read their windows from the database).
            log.error("Triage could not load the recent changes; suspects are ranked from the database", e);
        }
        Instant nextTrim = clock.instant().plus(TRIM_EVERY);
        while (running()) {
            Map<Long, Optional<RecordedChange>> changeIds;
            Map<Long, Boolean> due;
            synchronized (monitor) {
                long heldFor = heldBack.values().stream()
                        .mapToLong(at -> at - System.nanoTime())
                        .min()
                        .orElse(Long.MAX_VALUE);
                if (recordedChanges.isEmpty() && dueIncidents.isEmpty() && heldFor > 0) {
                    idle = heldBack.isEmpty();
                    try {
                        monitor.wait(Math.max(1, Math.min(TRIM_EVERY.toMillis(), heldFor / 1_000_000)));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                    continue;
                }
                changeIds = new LinkedHashMap<>(recordedChanges);
                recordedChanges.clear();
                due = new LinkedHashMap<>(dueIncidents);
                dueIncidents.clear();
            }
            changeIds.forEach((changeId, known) -> refresh(changeId, known, due));
            if (!clock.instant().isBefore(nextTrim)) {
                changes.trim();
                nextTrim = clock.instant().plus(TRIM_EVERY);
            }
            rankDue(due);
        }
    }

    /** Ranks the due incidents, holding back for {@link #SETTLE} those ranked a moment ago for a change of their own. */
    private void rankDue(Map<Long, Boolean> due) {
        long now = System.nanoTime();
        heldBack.entrySet().removeIf(held -> {
            if (held.getValue() - now <= 0) {
                due.putIfAbsent(held.getKey(), false);
                return true;
            }
            return false;
        });
        settledAt.values().removeIf(at -> at - now <= 0);
        due.forEach((incidentId, changesArrived) -> {
            Long settled = settledAt.get(incidentId);
            if (!changesArrived && settled != null) {
                heldBack.putIfAbsent(incidentId, settled);
                return;
            }
            heldBack.remove(incidentId);
            int signals = rank(incidentId, changesArrived);
            Duration settle = signals > Incidents.EVIDENCE_SIGNALS ? SETTLE_STORM : SETTLE;
            settledAt.put(incidentId, System.nanoTime() + settle.toNanos());
        });
    }

    /** Puts a recorded change into the index and notes the open incidents it concerns. */
    private void refresh(long changeId, Optional<RecordedChange> known, Map<Long, Boolean> due) {
        try {
            changes.refresh(changeId, known)
                    .ifPresent(change -> open.forEach((incidentId, incident) -> {
                        if (incident.concerns(change)) {
                            due.put(incidentId, true);
                        }
                    }));
        } catch (RuntimeException e) {
            if (!running()) {
                return;
            }
            // Until it is read the index lacks this change (or holds it as it was): try again a
            // few times, then leave it to its next event or the next start.
            int attempt = failedReads.merge(changeId, 1, Integer::sum);
            if (attempt < READ_ATTEMPTS) {
                log.warn("Triage could not read change {} (attempt {}); trying again", changeId, attempt, e);
                synchronized (monitor) {
                    recordedChanges.put(changeId, Optional.empty());
                }
            } else {
                failedReads.remove(changeId);
                log.error(
                        "Triage could not read change {}; rankings miss it until it changes again or the server"
                                + " restarts",
                        changeId,
                        e);
            }
            return;
        }
        failedReads.remove(changeId);
    }

    private void warm() {
        long started = System.nanoTime();
        changes.warm();
        RecentChanges.Stats stats = changes.stats();
        log.info(
                "Triage holds {} recent changes in memory (about {} MB) from {}, loaded in {} ms",
                stats.changes(),
                stats.estimatedBytes() / (1024 * 1024),
                stats.coveredFrom(),
                (System.nanoTime() - started) / 1_000_000);
        List<IncidentView> openIncidents = incidents.open();
        synchronized (monitor) {
            openIncidents.forEach(incident -> dueIncidents.merge(incident.id(), true, Boolean::logicalOr));
        }
    }

    /** Ranks the incident if it is open; returns how many signals it holds (0 when it is not ranked). */
    private int rank(long incidentId, boolean changesArrived) {
        if (!running()) {
            return 0;
        }
        try {
            Optional<IncidentView> incident = incidents.find(incidentId);
            if (incident.isEmpty() || !incident.get().isOpen()) {
                open.remove(incidentId);
                ranker.forget(incidentId);
                return 0;
            }
            IncidentView view = incident.get();
            open.put(
                    incidentId,
                    new OpenIncident(
                            view.environment(), view.impactStartedAt().minus(SuspectFinder.DEFAULT_LOOK_BACK)));
            ranker.rank(view, changesArrived);
            return view.signals();
        } catch (RuntimeException e) {
            if (running()) {
                log.warn(
                        "Ranking the suspects of incident {} failed; it is ranked again at its next change",
                        incidentId,
                        e);
            }
            return 0;
        }
    }
}
