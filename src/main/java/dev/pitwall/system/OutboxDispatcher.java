package dev.pitwall.system;

import java.lang.reflect.InvocationTargetException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Delivers outbox entries to their listeners: woken after each commit that published events and
 * polling in between for entries of other nodes and retries. Each delivery runs in a transaction
 * that also deletes the entry, so a listener's database work is done exactly once; consecutive
 * entries for the same listener share one such transaction.
 */
@Component
class OutboxDispatcher extends WorkerThread {

    private static final Logger log = LoggerFactory.getLogger(OutboxDispatcher.class);
    private static final int BATCH = 100;
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(10);

    private final OutboxRepository outbox;
    private final DurableListenerRegistry listeners;
    private final JsonMapper json;
    private final Clock clock;
    private final TransactionTemplate transactions;
    private final TransactionTemplate reads;
    private final Duration pollInterval;
    private final Semaphore wakeUp = new Semaphore(0);

    OutboxDispatcher(
            OutboxRepository outbox,
            DurableListenerRegistry listeners,
            JsonMapper json,
            Clock clock,
            PlatformTransactionManager transactionManager,
            @Value("${pitwall.outbox.poll-interval:1s}") Duration pollInterval) {
        super("pitwall-outbox", true, Duration.ofSeconds(10));
        this.outbox = outbox;
        this.listeners = listeners;
        this.json = OutboxRepository.payloadMapper(json);
        this.clock = clock;
        this.transactions = new TransactionTemplate(transactionManager);
        this.transactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        // finding what is due needs no write lock (on SQLite a reader, beside the one writer)
        this.reads = new TransactionTemplate(transactionManager);
        this.reads.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.reads.setReadOnly(true);
        this.pollInterval = pollInterval;
    }

    void wake() {
        wakeUp.release();
    }

    @Override
    protected void wakeForStop() {
        wake();
    }

    /** Stops after the web server (which stops at a higher phase) so in-flight requests still publish. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 1024;
    }

    @Override
    protected void loop() {
        while (running()) {
            try {
                int delivered = deliverDue();
                if (delivered < BATCH) {
                    wakeUp.tryAcquire(pollInterval.toMillis(), TimeUnit.MILLISECONDS);
                    wakeUp.drainPermits();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                if (running()) {
                    log.warn("Outbox delivery pass failed; retrying", e);
                    try {
                        wakeUp.tryAcquire(pollInterval.toMillis(), TimeUnit.MILLISECONDS);
                    } catch (InterruptedException interrupted) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
        }
    }

    /** Delivers every due entry once; returns how many were looked at. Visible for tests. */
    int deliverDue() {
        List<OutboxRepository.Entry> due = reads.execute(s -> outbox.due(clock.millis(), BATCH));
        if (due == null) {
            return 0;
        }
        int from = 0;
        while (from < due.size() && running()) {
            int to = from + 1;
            while (to < due.size()
                    && due.get(to).listener().equals(due.get(from).listener())) {
                to++;
            }
            deliver(due.subList(from, to));
            from = to;
        }
        return due.size();
    }

    /**
     * Delivers a run of entries for one listener, in order, in one transaction that also deletes
     * them: a burst of events (a change recorded per request) then costs one commit, not one each.
     * Failures are rare, so instead of a savepoint per entry a run in which one fails is rolled back
     * whole (the listener's database work with it) and its entries are delivered again one
     * transaction each, where only the failing one is put off.
     */
    private void deliver(List<OutboxRepository.Entry> run) {
        DurableListenerRegistry.Listener listener = listeners.get(run.getFirst().listener());
        if (run.size() > 1) {
            try {
                // read before the transaction: on SQLite it holds the one write connection
                Map<Long, Object> events = new HashMap<>();
                for (OutboxRepository.Entry entry : run) {
                    events.put(entry.id(), read(listener, entry));
                }
                transactions.executeWithoutResult(status -> {
                    Set<Long> locked = new HashSet<>(outbox.lock(
                            run.stream().map(OutboxRepository.Entry::id).toList()));
                    for (OutboxRepository.Entry entry : run) {
                        if (locked.contains(entry.id())) {
                            invoke(listener, entry, events.get(entry.id()));
                        }
                    }
                    outbox.delete(locked);
                });
                return;
            } catch (RuntimeException e) {
                log.debug(
                        "A run of {} outbox entries for {} failed; delivering them one by one",
                        run.size(),
                        run.getFirst().listener(),
                        e);
            }
        }
        for (OutboxRepository.Entry entry : run) {
            if (!running()) {
                return;
            }
            deliver(listener, entry);
        }
    }

    private void deliver(DurableListenerRegistry.Listener listener, OutboxRepository.Entry entry) {
        try {
            Object event = read(listener, entry);
            transactions.executeWithoutResult(status -> {
                if (outbox.lock(List.of(entry.id())).isEmpty()) {
                    return;
                }
                invoke(listener, entry, event);
                outbox.delete(List.of(entry.id()));
            });
        } catch (RuntimeException e) {
            Throwable cause = e instanceof ListenerFailed failed ? failed.getCause() : e;
            long backoff = Math.min(MAX_BACKOFF.toMillis(), 1000L << Math.min(entry.attempts(), 20));
            log.warn(
                    "Listener {} failed on outbox entry {} (attempt {}); retrying in {} ms",
                    entry.listener(),
                    entry.id(),
                    entry.attempts() + 1,
                    backoff,
                    cause);
            String message = cause.getClass().getSimpleName() + ": " + cause.getMessage();
            transactions.executeWithoutResult(
                    s -> outbox.retryLater(entry.id(), clock.millis() + backoff, truncate(message)));
        }
    }

    /** The entry's event, read from its payload; null when no listener takes it (it is dropped). */
    private Object read(DurableListenerRegistry.Listener listener, OutboxRepository.Entry entry) {
        if (listener == null) {
            return null;
        }
        if (!entry.eventType().startsWith("dev.pitwall.")) {
            throw new ListenerFailed(new IllegalStateException("Refusing to load event type " + entry.eventType()));
        }
        try {
            Class<?> type = Class.forName(entry.eventType(), true, getClass().getClassLoader());
            return json.readValue(entry.payload(), type);
        } catch (ReflectiveOperationException | JacksonException e) {
            throw new ListenerFailed(e);
        }
    }

    private void invoke(DurableListenerRegistry.Listener listener, OutboxRepository.Entry entry, Object event) {
        if (listener == null) {
            log.warn("Dropping outbox entry {}: no listener {} in this version", entry.id(), entry.listener());
            return;
        }
        try {
            listener.method().invoke(listener.bean(), event);
        } catch (InvocationTargetException e) {
            throw new ListenerFailed(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new ListenerFailed(e);
        }
    }

    private static String truncate(String text) {
        return text.length() <= 2000 ? text : text.substring(0, 2000);
    }

    private static final class ListenerFailed extends RuntimeException {
        ListenerFailed(Throwable cause) {
            super(cause);
        }
    }
}
