package dev.pitwall.signals;

import dev.pitwall.system.WorkerThread;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit into the intake log. Request threads encode their observations and wait; one
 * thread takes everything waiting, appends it in a single transaction and then releases them all,
 * so a 2xx always follows a commit while a commit costs the same for one request or a thousand.
 * The queue is bounded: when it stays full for {@code admissionWait}, or the fold is more than
 * {@code maxBacklog} records behind, requests are refused with 503 before anything is stored.
 */
final class IntakeWriter extends WorkerThread {

    private static final Logger log = LoggerFactory.getLogger(IntakeWriter.class);
    private static final Duration IDLE_EVERY = Duration.ofSeconds(1);
    private static final Duration SPIN = Duration.ofNanos(20_000);

    private record Pending(byte[] entry, int records, CompletableFuture<Long> position) {}

    private final IntakeLog intakeLog;
    private final SignalsProperties.Intake settings;
    private final Runnable afterCommit;
    private final Clock clock;
    private final ArrayBlockingQueue<Pending> queue;
    private volatile boolean finished;

    IntakeWriter(IntakeLog intakeLog, SignalsProperties.Intake settings, Runnable afterCommit, Clock clock) {
        super("pitwall-intake-writer", true, Duration.ofSeconds(30));
        this.intakeLog = intakeLog;
        this.settings = settings;
        this.afterCommit = afterCommit;
        this.clock = clock;
        this.queue = new ArrayBlockingQueue<>(settings.queueLimit());
    }

    /** Appends the observations as one entry and returns its position once committed. */
    long append(List<Observation> observations) {
        if (!running()) {
            throw new IntakeRefusedException(
                    "Pitwall is starting or shutting down; send again shortly", Duration.ofSeconds(5));
        }
        long backlog = intakeLog.backlog();
        if (backlog > settings.maxBacklog()) {
            throw new IntakeRefusedException(
                    "Pitwall has " + backlog + " signals received but not yet processed (limit " + settings.maxBacklog()
                            + "); send again shortly",
                    Duration.ofSeconds(5));
        }
        Pending pending =
                new Pending(ObservationCodec.encode(observations), observations.size(), new CompletableFuture<>());
        if (!queue.offer(pending) && !offer(pending)) {
            throw new IntakeRefusedException(
                    "Pitwall's intake queue is full (" + settings.queueLimit() + " requests); send again shortly",
                    Duration.ofSeconds(1));
        }
        // The writer fails whatever it finds queued when it stops; one queued after that is taken back.
        if (finished && queue.remove(pending)) {
            throw new IntakeRefusedException("Pitwall is shutting down; send again shortly", Duration.ofSeconds(5));
        }
        return await(pending.position());
    }

    private boolean offer(Pending pending) {
        try {
            return queue.offer(pending, settings.admissionWait().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Waits for the commit without a timeout: a timed wait would put a timer in the scheduler for
     * every request. The writer completes every future it takes, and fails what is left when it stops.
     */
    private long await(CompletableFuture<Long> position) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return position.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof IntakeRefusedException refused) {
                        throw refused;
                    }
                    throw new IntakeRefusedException(
                            "Pitwall could not store the signals ("
                                    + e.getCause().getMessage() + "); nothing was stored, send again",
                            Duration.ofSeconds(5));
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    int queued() {
        return queue.size();
    }

    @Override
    protected void loop() {
        try {
            commitUntilStopped();
        } finally {
            // Whatever is still queued (or queued from now on, see append) is refused, never left waiting.
            finished = true;
            for (Pending left; (left = queue.poll()) != null; ) {
                left.position()
                        .completeExceptionally(new IntakeRefusedException(
                                "Pitwall is shutting down; send again shortly", Duration.ofSeconds(5)));
            }
        }
    }

    private void commitUntilStopped() {
        List<Pending> batch = new ArrayList<>(settings.maxBatch());
        List<byte[]> entries = new ArrayList<>(settings.maxBatch());
        long lastIdle = clock.millis();
        while (running() || !queue.isEmpty()) {
            try {
                Pending first = next();
                long now = clock.millis();
                if (first == null || now - lastIdle >= IDLE_EVERY.toMillis()) {
                    lastIdle = now;
                    idle();
                }
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, settings.maxBatch() - 1);
                commit(batch, entries, now);
            } catch (InterruptedException e) {
                if (!running()) {
                    continue;
                }
                Thread.currentThread().interrupt();
                return;
            } finally {
                batch.clear();
                entries.clear();
            }
        }
    }

    /**
     * The next request: under load it is usually on its way, so look for it a few microseconds
     * before going to sleep; each sleep and wake-up costs a context switch, which on a busy
     * two-core machine cost more than the commit itself.
     */
    private Pending next() throws InterruptedException {
        long spinUntil = System.nanoTime() + SPIN.toNanos();
        do {
            Pending first = queue.poll();
            if (first != null) {
                return first;
            }
            Thread.onSpinWait();
        } while (System.nanoTime() < spinUntil);
        return queue.poll(100, TimeUnit.MILLISECONDS);
    }

    private void commit(List<Pending> batch, List<byte[]> entries, long now) {
        int[] counts = new int[batch.size()];
        for (int i = 0; i < batch.size(); i++) {
            entries.add(batch.get(i).entry());
            counts[i] = batch.get(i).records();
        }
        long[] positions;
        try {
            positions = intakeLog.append(entries, counts, now);
        } catch (RuntimeException e) {
            log.error("Could not append {} intake entries; the senders were told to retry", batch.size(), e);
            for (Pending pending : batch) {
                pending.position().completeExceptionally(e);
            }
            return;
        }
        afterCommit.run();
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).position().complete(positions[i]);
        }
    }

    private void idle() {
        try {
            intakeLog.idle();
        } catch (RuntimeException e) {
            log.warn("Intake log housekeeping failed; trying again later: {}", e.getMessage());
        }
    }

    @Override
    protected void beforeStart() {
        finished = false;
    }

    /** Starts before the web server and stops after it, so that every accepted request is committed. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 4096;
    }
}
