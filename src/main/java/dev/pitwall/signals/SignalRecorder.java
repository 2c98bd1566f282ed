package dev.pitwall.signals;

import dev.pitwall.catalog.CatalogService;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Applies observations to their signals inside the caller's transaction and publishes
 * {@link SignalsUpdated} in it. Repeats of one fingerprint are merged in memory, so a batch costs
 * one read and one write per distinct signal, in sorted fingerprint order; a status change starts a
 * new {@link SignalUpdate} so that listeners see "resolved, then reopened" as it happened.
 */
@Component
class SignalRecorder {

    private final SignalRepository repository;
    private final UnaryOperator<String> catalog;
    private final ApplicationEventPublisher events;
    private final Severity fallbackSeverity;
    // Names the catalog has confirmed, so that a fold does not ask it again for every batch.
    private final Map<String, String> knownServices = new ConcurrentHashMap<>();

    @Autowired
    SignalRecorder(
            SignalRepository repository,
            CatalogService catalog,
            ApplicationEventPublisher events,
            SignalsProperties properties) {
        this(repository, catalog::ensure, events, properties.defaultSeverity());
    }

    /** @param catalog makes sure a service exists and returns its name as the catalog spells it */
    SignalRecorder(
            SignalRepository repository,
            UnaryOperator<String> catalog,
            ApplicationEventPublisher events,
            Severity fallbackSeverity) {
        this.repository = repository;
        this.catalog = catalog;
        this.events = events;
        this.fallbackSeverity = fallbackSeverity;
    }

    /** One {@link SignalUpdate} in the making: a run of receptions of one signal with one change. */
    private static final class Segment {
        final SignalState state;
        final SignalUpdate.Change change;
        int received;
        SignalStatus status;
        Severity severity;
        String title;
        String description;
        String service;
        String environment;
        Map<String, String> labels;
        Instant startedAt;
        Instant lastSeenAt;
        long count;
        SignalUpdate.Report report;
        SignalUpdate.CheckContext check;

        Segment(SignalState state, SignalUpdate.Change change) {
            this.state = state;
            this.change = change;
        }

        void capture() {
            received++;
            status = state.status;
            severity = state.severity;
            title = state.title;
            description = state.description;
            service = state.service;
            environment = state.environment;
            labels = state.labels;
            startedAt = state.startedAt;
            lastSeenAt = state.lastSeenAt;
            count = state.count;
            report = state.report;
            check = state.check;
        }

        SignalUpdate update() {
            return new SignalUpdate(
                    state.id,
                    state.fingerprint,
                    state.source,
                    change,
                    status,
                    severity,
                    title,
                    description,
                    service,
                    environment,
                    labels,
                    startedAt,
                    lastSeenAt,
                    count,
                    received,
                    report,
                    check);
        }
    }

    /**
     * Applies the observations in order. Must run inside a transaction that holds
     * {@link SignalRepository#lockSignalWrites}.
     */
    List<SignalUpdate> record(List<Observation> observations) {
        if (observations.isEmpty()) {
            return List.of();
        }
        TreeSet<String> fingerprints = new TreeSet<>();
        for (Observation o : observations) {
            fingerprints.add(o.fingerprint());
        }
        Map<String, SignalState> states = repository.findByFingerprints(fingerprints);
        Map<SignalState, Segment> open = new IdentityHashMap<>();
        Map<String, String> serviceNames = new HashMap<>();
        List<Segment> segments = new ArrayList<>();
        TreeMap<String, SignalState> touched = new TreeMap<>();
        for (Observation o : observations) {
            SignalState state = states.get(o.fingerprint());
            SignalUpdate.Change change;
            if (state == null) {
                state = SignalState.create(o, fallbackSeverity);
                if (state == null) {
                    continue;
                }
                states.put(o.fingerprint(), state);
                change = SignalUpdate.Change.CREATED;
            } else {
                change = state.apply(o);
            }
            if (state.service != null) {
                state.service = serviceNames.computeIfAbsent(state.service, this::catalogName);
            }
            touched.put(state.fingerprint, state);
            Segment segment = open.get(state);
            if (segment == null || change != SignalUpdate.Change.REPEATED) {
                segment = new Segment(state, change);
                open.put(state, segment);
                segments.add(segment);
            }
            segment.capture();
        }
        List<SignalState> created = new ArrayList<>();
        List<SignalState> changed = new ArrayList<>();
        for (SignalState state : touched.values()) {
            (state.isNew() ? created : changed).add(state);
        }
        repository.insert(created);
        repository.update(changed);
        List<SignalUpdate> updates = new ArrayList<>(segments.size());
        for (Segment segment : segments) {
            updates.add(segment.update());
        }
        if (!updates.isEmpty()) {
            events.publishEvent(new SignalsUpdated(updates));
        }
        return updates;
    }

    /** The service as the catalog spells it, created on first sight; names intake validated already. */
    private String catalogName(String service) {
        String known = knownServices.get(service);
        if (known != null) {
            return known;
        }
        if (!IntakeLimits.validServiceName(service)) {
            return null;
        }
        String name = catalog.apply(service);
        rememberAfterCommit(service, name);
        return name;
    }

    /** A rolled-back fold may have created the catalog entry in vain: remember it only once committed. */
    private void rememberAfterCommit(String service, String name) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                if (knownServices.size() > 10_000) {
                    knownServices.clear();
                }
                knownServices.put(service, name);
            }
        });
    }
}
