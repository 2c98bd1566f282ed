package dev.pitwall.system;

import java.lang.reflect.InvocationTargetException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
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
import tools.jackson.databind.json.JsonMapper;

/**
 * Delivers outbox entries to their listeners: woken after each commit that published events and
 * polling in between for entries of other nodes and retries. Each delivery runs in a transaction
 * that also deletes the entry, so a listener's database work is done exactly once.
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
        this.json = json;
        this.clock = clock;
        this.transactions = new TransactionTemplate(transactionManager);
        this.transactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
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
        List<OutboxRepository.Entry> due = transactions.execute(s -> outbox.due(clock.millis(), BATCH));
        if (due == null) {
            return 0;
        }
        for (OutboxRepository.Entry entry : due) {
            if (!running()) {
                break;
            }
            deliver(entry);
        }
        return due.size();
    }

    private void deliver(OutboxRepository.Entry entry) {
        DurableListenerRegistry.Listener listener = listeners.get(entry.listener());
        try {
            transactions.executeWithoutResult(status -> {
                if (!outbox.lock(entry.id())) {
                    return;
                }
                if (listener == null) {
                    log.warn("Dropping outbox entry {}: no listener {} in this version", entry.id(), entry.listener());
                } else {
                    invoke(listener, entry);
                }
                outbox.delete(entry.id());
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

    private void invoke(DurableListenerRegistry.Listener listener, OutboxRepository.Entry entry) {
        if (!entry.eventType().startsWith("dev.pitwall.")) {
            throw new IllegalStateException("Refusing to load event type " + entry.eventType());
        }
        try {
            Class<?> type = Class.forName(entry.eventType(), true, getClass().getClassLoader());
            Object event = json.readValue(entry.payload(), type);
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
