package dev.pitwall.signals;

import dev.pitwall.system.WorkerThread;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Folds the intake log into signals on its own thread: a batch of entries is decoded, applied by
 * {@link SignalRecorder} (which publishes {@link SignalsUpdated} in the same transaction) and marked
 * folded in that transaction too, so after a crash the fold resumes exactly where its last commit
 * left off. While entries keep arriving it pauses briefly between folds so that each transaction
 * takes a larger batch; a caller waiting for its entry cuts the pause short.
 *
 * <p>An entry that keeps failing (a bug, not an outage) is moved to {@code signals_intake_rejected}
 * after a few tries alone, so one bad entry cannot stop all intake; a database outage is simply
 * retried.
 */
final class SignalFolder extends WorkerThread {

    private static final Logger log = LoggerFactory.getLogger(SignalFolder.class);
    private static final int MAX_ENTRIES = 10_000;
    private static final int ATTEMPTS_BEFORE_REJECTING = 5;
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final IntakeLog intakeLog;
    private final SignalRecorder recorder;
    private final SignalRepository repository;
    private final TransactionTemplate transactions;
    private final SignalsProperties.Intake settings;
    private final Clock clock;
    private final Duration idlePoll;
    private final Semaphore work = new Semaphore(0);
    private final Semaphore hurry = new Semaphore(0);
    private final Object foldedMonitor = new Object();
    private volatile boolean idle;
    private final AtomicLong commits = new AtomicLong();
    private volatile boolean urgent;
    private int entryLimit = MAX_ENTRIES;
    private int failures;

    SignalFolder(
            IntakeLog intakeLog,
            SignalRecorder recorder,
            SignalRepository repository,
            PlatformTransactionManager transactionManager,
            SignalsProperties.Intake settings,
            Clock clock,
            Duration idlePoll) {
        super("pitwall-signal-fold", true, Duration.ofSeconds(30));
        this.intakeLog = intakeLog;
        this.recorder = recorder;
        this.repository = repository;
        this.transactions = new TransactionTemplate(transactionManager);
        this.settings = settings;
        this.clock = clock;
        this.idlePoll = idlePoll;
    }

    /** New entries were committed: wakes the fold if it is idle, and only then (this runs per commit). */
    void wake() {
        commits.incrementAndGet();
        if (idle && work.availablePermits() == 0) {
            work.release();
        }
    }

    /** Waits until the entry at this position is folded; false when the timeout passed first. */
    boolean await(long position, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        urgent = true;
        hurry.release();
        work.release();
        while (!intakeLog.isFolded(position)) {
            long remaining = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (remaining <= 0) {
                return false;
            }
            synchronized (foldedMonitor) {
                try {
                    foldedMonitor.wait(Math.min(remaining, 50));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
        return true;
    }

    @Override
    protected void loop() {
        while (running()) {
            long commitsBefore = commits.get();
            int folded = foldSafely();
            if (folded > 0) {
                synchronized (foldedMonitor) {
                    foldedMonitor.notifyAll();
                }
                // Let a batch gather: only a caller waiting for its entry cuts this short.
                if (!urgent && folded < settings.foldRecords()) {
                    pause(hurry, settings.foldPause());
                }
                urgent = false;
            } else {
                idle = true;
                // An append that came in while this fold looked is not lost: it counted a commit.
                if (folded < 0 || commits.get() == commitsBefore) {
                    pause(work, folded < 0 ? backoff() : idlePoll);
                }
                idle = false;
            }
        }
    }

    private Duration backoff() {
        return Duration.ofMillis(Math.min(MAX_BACKOFF.toMillis(), 100L << Math.min(failures, 10)));
    }

    private void pause(Semaphore until, Duration duration) {
        try {
            if (until.tryAcquire(duration.toMillis(), TimeUnit.MILLISECONDS)) {
                until.drainPermits();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            halt();
        }
    }

    /** Folds one batch; returns the records folded, 0 when there was nothing, -1 after a failure. */
    int foldSafely() {
        try {
            int folded = foldOnce();
            failures = 0;
            entryLimit = MAX_ENTRIES;
            return folded;
        } catch (UnreadableEntry e) {
            log.error("Intake entry {} cannot be read; keeping it in signals_intake_rejected", e.entry.position(), e);
            reject(e.entry, e);
            return 1;
        } catch (RuntimeException e) {
            failures++;
            if (!running()) {
                return 0;
            }
            if (transientFailure(e)) {
                log.warn("Folding intake failed (attempt {}); retrying: {}", failures, e.getMessage());
                return -1;
            }
            if (entryLimit > 1) {
                log.warn("Folding a batch of intake failed; retrying entry by entry", e);
                entryLimit = 1;
                failures = 0;
                return -1;
            }
            if (failures < ATTEMPTS_BEFORE_REJECTING) {
                log.warn("Folding an intake entry failed (attempt {}); retrying", failures, e);
                return -1;
            }
            List<IntakeLog.Entry> stuck = transactions.execute(s -> intakeLog.unfolded(1, 1));
            if (stuck != null && !stuck.isEmpty()) {
                log.error(
                        "Intake entry {} failed {} times; keeping it in signals_intake_rejected and going on",
                        stuck.getFirst().position(),
                        failures,
                        e);
                reject(stuck.getFirst(), e);
            }
            failures = 0;
            return -1;
        }
    }

    private int foldOnce() {
        List<List<IntakeLog.Entry>> done = new ArrayList<>(1);
        Integer records = transactions.execute(status -> {
            if (!repository.lockSignalWrites(false)) {
                return 0;
            }
            List<IntakeLog.Entry> entries = intakeLog.unfolded(settings.foldRecords(), entryLimit);
            if (entries.isEmpty()) {
                return 0;
            }
            List<Observation> observations = new ArrayList<>();
            for (IntakeLog.Entry entry : entries) {
                try {
                    observations.addAll(ObservationCodec.decode(entry.records()));
                } catch (RuntimeException e) {
                    throw new UnreadableEntry(entry, e);
                }
            }
            recorder.record(observations);
            intakeLog.markFolded(entries);
            done.add(entries);
            return observations.size();
        });
        if (!done.isEmpty()) {
            intakeLog.folded(done.getFirst());
        }
        return records == null ? 0 : records;
    }

    private void reject(IntakeLog.Entry entry, Exception cause) {
        String error = cause.getClass().getSimpleName() + ": " + cause.getMessage();
        transactions.executeWithoutResult(s -> {
            repository.lockSignalWrites(true);
            repository.reject(
                    entry.position(),
                    entry.records(),
                    error.length() > 2000 ? error.substring(0, 2000) : error,
                    clock.instant());
            intakeLog.markFolded(List.of(entry));
        });
        intakeLog.folded(List.of(entry));
    }

    private static boolean transientFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof TransientDataAccessException
                    || t instanceof DataAccessResourceFailureException
                    || t instanceof CannotCreateTransactionException) {
                return true;
            }
        }
        return false;
    }

    private static final class UnreadableEntry extends RuntimeException {
        final IntakeLog.Entry entry;

        UnreadableEntry(IntakeLog.Entry entry, Throwable cause) {
            super("Intake entry " + entry.position() + " cannot be decoded: " + cause.getMessage(), cause);
            this.entry = entry;
        }
    }

    @Override
    protected void wakeForStop() {
        work.release();
        hurry.release();
    }

    /** Stops before the intake writer; what it has not folded yet waits in the log for the next start. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 3072;
    }
}
