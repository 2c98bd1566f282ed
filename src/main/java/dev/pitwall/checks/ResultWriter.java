package dev.pitwall.checks;

import dev.pitwall.changes.VerificationReported;
import dev.pitwall.system.DurableEvents;
import dev.pitwall.system.WorkerThread;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Stores results in batches: one thread takes whatever runs finished since the last batch (up to a
 * thousand) and writes them in one transaction through the database's single writer, together with
 * what they mean: each check's thresholds ({@link ThresholdPolicy}), the verifications watching it,
 * and the durable {@link CheckFailed}, {@link CheckRecovered} and {@link VerificationReported}
 * events. No run waits for its own commit (except runs started by hand, whose caller wants the
 * stored result), so thousands of runs a second cost a few commits.
 */
@Component
class ResultWriter extends WorkerThread {

    private static final Logger log = LoggerFactory.getLogger(ResultWriter.class);
    private static final int BATCH = 1000;
    private static final int CAPACITY = 100_000;
    private static final long LINGER_NANOS = 50_000_000L;

    private record Pending(CheckResult result, Integer round, boolean needId, CompletableFuture<CheckResult> done) {}

    private final CheckRepository checks;
    private final ResultRepository results;
    private final VerificationRepository verifications;
    private final CheckDirectory directory;
    private final DurableEvents events;
    private final RollbackHooks hooks;
    private final Clock clock;
    private final int criticalThreshold;
    private final TransactionTemplate transactions;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>(CAPACITY);
    private final AtomicLong lastDropWarning = new AtomicLong();

    ResultWriter(
            CheckRepository checks,
            ResultRepository results,
            VerificationRepository verifications,
            CheckDirectory directory,
            DurableEvents events,
            RollbackHooks hooks,
            Clock clock,
            ChecksProperties properties,
            PlatformTransactionManager transactionManager) {
        super("pitwall-check-results", true, Duration.ofSeconds(10));
        this.checks = checks;
        this.results = results;
        this.verifications = verifications;
        this.directory = directory;
        this.events = events;
        this.hooks = hooks;
        this.clock = clock;
        this.criticalThreshold = Math.max(1, properties.verification().criticalThreshold());
        this.transactions = new TransactionTemplate(transactionManager);
        this.transactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /**
     * Queues a result; the future completes once it is committed.
     *
     * @param round the verification round that ran it, or null
     * @param needId whether the caller wants the stored id (costs a statement of its own)
     */
    CompletableFuture<CheckResult> submit(CheckResult result, Integer round, boolean needId) {
        CompletableFuture<CheckResult> done = new CompletableFuture<>();
        if (!queue.offer(new Pending(result, round, needId, done))) {
            long now = clock.millis();
            long last = lastDropWarning.get();
            if (now - last > 60_000 && lastDropWarning.compareAndSet(last, now)) {
                log.warn(
                        "{} check results are waiting to be stored; dropping new ones until the database catches up",
                        CAPACITY);
            }
            done.completeExceptionally(new IllegalStateException("too many results waiting to be stored"));
        }
        return done;
    }

    @Override
    protected void loop() {
        List<Pending> batch = new ArrayList<>(BATCH);
        while (running() || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                // a few milliseconds of patience turn a trickle of results into batches: a commit
                // and its queries cost the same for one result or a thousand
                long until = System.nanoTime() + LINGER_NANOS;
                while (batch.size() < BATCH) {
                    queue.drainTo(batch, BATCH - batch.size());
                    long left = until - System.nanoTime();
                    if (batch.size() >= BATCH || left <= 0) {
                        break;
                    }
                    Pending next = queue.poll(left, TimeUnit.NANOSECONDS);
                    if (next == null) {
                        break;
                    }
                    batch.add(next);
                }
                write(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                batch.clear();
            }
        }
    }

    private void write(List<Pending> batch) {
        RuntimeException failure = null;
        for (int attempt = 1; attempt <= 3; attempt++) {
            try {
                List<CheckResult> stored = transactions.execute(status -> store(batch));
                for (int i = 0; i < batch.size(); i++) {
                    CheckResult r = stored == null ? null : stored.get(i);
                    batch.get(i).done().complete(r == null ? batch.get(i).result() : r);
                }
                return;
            } catch (RuntimeException e) {
                failure = e;
                log.warn("Storing {} check results failed (attempt {} of 3)", batch.size(), attempt, e);
                try {
                    Thread.sleep(100L * attempt);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        RuntimeException cause = failure;
        batch.forEach(p -> p.done().completeExceptionally(cause));
    }

    /** What one verification saw in this batch. */
    private static final class Touched {
        final Verification verification;
        final Map<Long, VerifiedCheck> checks = new LinkedHashMap<>();
        final Set<Long> changed = new LinkedHashSet<>();
        CheckResult failing;
        VerifiedCheck failingCheck;

        Touched(Verification verification) {
            this.verification = verification;
        }
    }

    /** Stores the batch; returns each pending result as stored (null for a check deleted meanwhile), in order. */
    private List<CheckResult> store(List<Pending> batch) {
        Set<Long> ids = new LinkedHashSet<>();
        batch.forEach(p -> ids.add(p.result().checkId()));
        Map<Long, StoredCheck> definitions = new HashMap<>();
        List<Long> unknown = new ArrayList<>();
        for (Long id : ids) {
            StoredCheck known = directory.get(id);
            if (known == null) {
                unknown.add(id);
            } else {
                definitions.put(id, known);
            }
        }
        checks.byIds(unknown).forEach(c -> definitions.put(c.id(), c));
        Map<Long, CheckState> states = checks.statesForUpdate(definitions.keySet());
        Map<Long, Verification> watching = verifications.runningWatching(definitions.keySet());
        Map<Long, Touched> touched = new LinkedHashMap<>();
        Map<Long, CheckState> changedStates = new LinkedHashMap<>();
        List<Object> published = new ArrayList<>();
        List<CheckResult> plain = new ArrayList<>();
        List<CheckResult> out = new ArrayList<>(batch.size());
        List<Integer> withId = new ArrayList<>();

        for (Pending p : batch) {
            CheckResult r = p.result();
            StoredCheck stored = definitions.get(r.checkId());
            if (stored == null) {
                out.add(null); // the check was deleted while it ran
                continue;
            }
            CheckDefinition check = stored.definition();
            Verification v = watching.get(r.checkId());
            boolean inWindow = v != null
                    && !r.startedAt().isBefore(v.startedAt())
                    && !r.startedAt().isAfter(v.endsAt());
            if (inWindow && r.verificationId() == null) {
                r = r.withVerification(v.id());
            }
            CheckState state = states.getOrDefault(r.checkId(), CheckState.initial());
            ThresholdPolicy.Thresholds thresholds =
                    ThresholdPolicy.thresholds(check, inWindow ? v.window() : null, criticalThreshold);
            ThresholdPolicy.Decision decision = ThresholdPolicy.decide(
                    state,
                    r.ok(),
                    r.durationMs(),
                    r.failure(),
                    r.startedAt(),
                    thresholds,
                    inWindow ? v.changeId() : null);
            states.put(r.checkId(), decision.next());
            changedStates.put(r.checkId(), decision.next());
            if (decision.transition() == ThresholdPolicy.Transition.FAILED) {
                published.add(new CheckFailed(
                        stored.id(),
                        check.name(),
                        check.service(),
                        check.environment(),
                        check.critical(),
                        r.failure() + " (" + decision.reason() + ")",
                        withoutMethod(r.failedTarget()),
                        inWindow ? v.changeId() : null,
                        inWindow ? v.changeLabel() : null,
                        inWindow ? v.changeFinishedAt() : null,
                        decision.next().failingSince(),
                        r.startedAt()));
            } else if (decision.transition() == ThresholdPolicy.Transition.RECOVERED) {
                published.add(new CheckRecovered(
                        stored.id(), check.name(), check.service(), check.environment(), r.startedAt()));
            }
            if (inWindow) {
                Touched t = touched.computeIfAbsent(v.id(), id -> {
                    Touched fresh = new Touched(v);
                    verifications.checks(id).forEach(c -> fresh.checks.put(c.checkId(), c));
                    return fresh;
                });
                VerifiedCheck before = t.checks.get(r.checkId());
                if (before != null) {
                    Integer round = Long.valueOf(v.id()).equals(r.verificationId()) ? p.round() : null;
                    VerifiedCheck after = before.saw(r, round);
                    t.checks.put(r.checkId(), after);
                    t.changed.add(r.checkId());
                    int threshold =
                            after.critical() ? Math.min(criticalThreshold, after.failAfter()) : after.failAfter();
                    if (t.failing == null && after.consecutiveFailures() >= threshold) {
                        t.failing = r;
                        t.failingCheck = after;
                    }
                }
            }
            if (p.needId()) {
                withId.add(out.size());
            } else {
                plain.add(r);
            }
            out.add(r);
        }

        results.insertAll(plain);
        for (int index : withId) {
            CheckResult r = out.get(index);
            out.set(index, r.withId(results.insert(r)));
        }
        checks.saveStates(changedStates);
        Instant now = clock.instant();
        for (Touched t : touched.values()) {
            t.changed.forEach(id -> verifications.save(t.checks.get(id)));
            Verification v = t.verification;
            if (t.failing != null) {
                fail(v, t.failing, t.failingCheck, now, published);
            } else if (v.firstPassAt() == null && fullPass(t.checks.values())) {
                verifications.firstPass(v.id(), now);
            }
        }
        published.forEach(events::publish);
        return out;
    }

    /** Every check of the verification passed in the same (latest) round. */
    private static boolean fullPass(Iterable<VerifiedCheck> checks) {
        Integer round = null;
        for (VerifiedCheck c : checks) {
            if (c.lastRound() < 1 || !Boolean.TRUE.equals(c.lastOk())) {
                return false;
            }
            if (round == null) {
                round = c.lastRound();
            } else if (round != c.lastRound()) {
                return false;
            }
        }
        return round != null;
    }

    private void fail(Verification v, CheckResult failing, VerifiedCheck check, Instant now, List<Object> published) {
        Duration after = Duration.between(v.changeFinishedAt(), failing.startedAt());
        String summary = "check '" + check.checkName() + "' failed " + seconds(after) + " after " + v.changeLabel()
                + " finished: " + failing.failure();
        String hookUrl = hooks.urlFor(v.service()).orElse(null);
        if (!verifications.fail(v.id(), now, check.checkId(), failing.failure(), summary, hookUrl)) {
            return;
        }
        published.add(new VerificationReported(v.changeId(), Verification.Status.FAILED.reported(), summary, now));
        if (hookUrl != null) {
            hooks.schedule(v.id(), now);
        }
    }

    static String seconds(Duration d) {
        long s = Math.max(0, d.toSeconds());
        if (s < 120) {
            return s + " s";
        }
        return s / 60 + " min";
    }

    private static String withoutMethod(String target) {
        int space = target.indexOf(' ');
        return space > 0 && target.substring(0, space).chars().allMatch(Character::isUpperCase)
                ? target.substring(space + 1)
                : target;
    }

    int waiting() {
        return queue.size();
    }

    /** Stops after the runner (so finished runs are still stored) and before the database closes. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 1600;
    }
}
