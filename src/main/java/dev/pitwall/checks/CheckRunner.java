package dev.pitwall.checks;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Runs checks on this node with a cap on how many run at once ({@code pitwall.checks.max-concurrency});
 * the rest wait in a bounded queue without holding a thread. Hands every stored run to the
 * {@link ResultWriter} without waiting for it, except runs started by hand, whose caller wants the
 * stored result back. A scheduled run of a check whose previous run is still going is skipped, so
 * a hung target cannot pile up runs.
 */
@Component
class CheckRunner implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(CheckRunner.class);

    /** One run to make. {@code store} is false for trial runs of unsaved definitions. */
    record Job(
            Long checkId,
            CheckDefinition check,
            String origin,
            Instant scheduledAt,
            Long verificationId,
            Integer round,
            boolean keepExcerpts,
            boolean store,
            CompletableFuture<CheckResult> done) {}

    private final JourneyRunner journeys;
    private final ResultWriter writer;
    private final Clock clock;
    private final int maxPending;
    private final Semaphore permits;
    private final Queue<Job> pending = new ConcurrentLinkedQueue<>();
    private final AtomicInteger pendingCount = new AtomicInteger();
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    private final AtomicLong lastSaturationWarning = new AtomicLong();
    private final Timer lateness;
    private final Counter skippedOverlap;
    private final Counter skippedSaturated;
    private final Counter passed;
    private final Counter failed;
    private volatile boolean running;
    private volatile boolean stopping;

    CheckRunner(
            JourneyRunner journeys,
            ResultWriter writer,
            Clock clock,
            ChecksProperties properties,
            ObjectProvider<MeterRegistry> meters) {
        this.journeys = journeys;
        this.writer = writer;
        this.clock = clock;
        this.maxPending = properties.maxPending();
        this.permits = new Semaphore(Math.max(1, properties.maxConcurrency()));
        MeterRegistry registry = meters.getIfAvailable(SimpleMeterRegistry::new);
        this.lateness = Timer.builder("pitwall.checks.start.lateness")
                .description("How late scheduled check runs start against their schedule")
                .register(registry);
        this.skippedOverlap = Counter.builder("pitwall.checks.skipped")
                .tag("reason", "previous run still going")
                .register(registry);
        this.skippedSaturated = Counter.builder("pitwall.checks.skipped")
                .tag("reason", "too many runs waiting")
                .register(registry);
        this.passed = Counter.builder("pitwall.checks.runs").tag("ok", "true").register(registry);
        this.failed = Counter.builder("pitwall.checks.runs").tag("ok", "false").register(registry);
        registry.gauge("pitwall.checks.waiting", pendingCount);
    }

    /** Queues a run; the future completes with the (stored, when {@code store}) result. */
    CompletableFuture<CheckResult> submit(
            Long checkId,
            CheckDefinition check,
            String origin,
            Instant scheduledAt,
            Long verificationId,
            Integer round,
            boolean keepExcerpts,
            boolean store) {
        CompletableFuture<CheckResult> done = new CompletableFuture<>();
        Job job = new Job(checkId, check, origin, scheduledAt, verificationId, round, keepExcerpts, store, done);
        boolean guarded = checkId != null && !origin.equals("manual") && !origin.equals("trial");
        if (guarded && !inFlight.add(key(job))) {
            skippedOverlap.increment();
            done.cancel(false);
            return done;
        }
        if (guarded && pendingCount.get() >= maxPending) {
            inFlight.remove(key(job));
            skippedSaturated.increment();
            warnSaturated();
            done.cancel(false);
            return done;
        }
        pending.add(job);
        pendingCount.incrementAndGet();
        drain();
        return done;
    }

    private void drain() {
        while (!pending.isEmpty() && permits.tryAcquire()) {
            Job job = pending.poll();
            if (job == null) {
                permits.release();
                return;
            }
            pendingCount.decrementAndGet();
            start(job);
        }
    }

    private void start(Job job) {
        CompletableFuture<CheckResult> run;
        try {
            run = journeys.run(job.checkId(), job.check(), job.origin(), job.scheduledAt(), job.keepExcerpts());
        } catch (RuntimeException e) {
            run = CompletableFuture.failedFuture(e);
        }
        if (job.scheduledAt() != null) {
            lateness.record(Duration.between(job.scheduledAt(), clock.instant()).abs());
        }
        run.whenComplete((result, failure) -> {
            permits.release();
            if (job.checkId() != null) {
                inFlight.remove(key(job));
            }
            drain();
            if (failure != null) {
                log.warn("A run of check '{}' failed unexpectedly", job.check().name(), failure);
                job.done().completeExceptionally(failure);
                return;
            }
            (result.ok() ? passed : failed).increment();
            if (!job.store() || stopping) {
                // shutting down: an aborted run says nothing about the target
                job.done().complete(result);
                return;
            }
            CheckResult tagged = result.withVerification(job.verificationId());
            writer.submit(tagged, job.round(), job.origin().equals("manual")).whenComplete((stored, error) -> {
                if (error != null) {
                    job.done().completeExceptionally(error);
                } else {
                    job.done().complete(stored);
                }
            });
        });
    }

    private static String key(Job job) {
        return job.checkId() + "/" + job.origin();
    }

    private void warnSaturated() {
        long now = clock.millis();
        long last = lastSaturationWarning.get();
        if (now - last > 60_000 && lastSaturationWarning.compareAndSet(last, now)) {
            log.warn(
                    "More than {} check runs are waiting for a turn; skipping scheduled runs. Raise"
                            + " pitwall.checks.max-concurrency or lengthen intervals (see docs/checks.md)",
                    maxPending);
        }
    }

    int waiting() {
        return pendingCount.get();
    }

    @Override
    public void start() {
        stopping = false;
        running = true;
    }

    @Override
    public void stop() {
        stopping = true;
        running = false;
        Job job;
        while ((job = pending.poll()) != null) {
            pendingCount.decrementAndGet();
            job.done().cancel(false);
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops before the result writer, after the scheduler. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 1200;
    }
}
