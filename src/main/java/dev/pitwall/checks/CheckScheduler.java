package dev.pitwall.checks;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.ExecutionContext;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Starts every check once per interval, cluster-wide, each at its own offset within the interval.
 *
 * <p>The checks are split into {@code schedule-shards} shards (by id). Each shard is one
 * db-scheduler task instance, so on several nodes sharing a PostgreSQL each shard runs on exactly
 * one node at a time. A shard's execution plans the starts of its checks in the next
 * {@code schedule-window} (5 s) into an in-memory timer, and reschedules itself
 * {@code schedule-lead} (3 s) before that window ends. The database is touched once per shard and
 * window, not once per run (10,000 checks a minute cost about two task executions a second), and
 * db-scheduler's polling delay is absorbed by the lead, so runs start on time, not on the next poll.
 *
 * <p>A check starts at {@code offset + k * interval} (epoch milliseconds), where the offset is a
 * hash of its id: runs spread over the interval and keep their rhythm across restarts and nodes.
 */
@Component
class CheckScheduler implements SmartLifecycle {

    static final String TASK = "checks-schedule";
    private static final Logger log = LoggerFactory.getLogger(CheckScheduler.class);

    private final CheckDirectory directory;
    private final CheckRunner runner;
    private final Clock clock;
    private final ObjectProvider<SchedulerClient> scheduler;
    private final int shards;
    private final long window;
    private final long lead;
    private final AtomicLongArray plannedUntil;
    private final Map<Long, Long> plannedInterval = new ConcurrentHashMap<>();
    private ScheduledThreadPoolExecutor timer;
    private volatile boolean running;

    CheckScheduler(
            CheckDirectory directory,
            CheckRunner runner,
            Clock clock,
            ObjectProvider<SchedulerClient> scheduler,
            ChecksProperties properties) {
        this.directory = directory;
        this.runner = runner;
        this.clock = clock;
        this.scheduler = scheduler;
        this.shards = Math.max(1, properties.scheduleShards());
        this.window = Math.max(1000, properties.scheduleWindow().toMillis());
        this.lead = Math.max(500, properties.scheduleLead().toMillis());
        this.plannedUntil = new AtomicLongArray(shards);
    }

    /** Makes sure every shard has its task instance (the first start of a database, or more shards). */
    @EventListener(ApplicationReadyEvent.class)
    void ensureShards() {
        SchedulerClient client = scheduler.getIfAvailable();
        if (client == null) {
            return;
        }
        Instant now = clock.instant();
        for (int shard = 0; shard < shards; shard++) {
            client.scheduleIfNotExists(new TaskInstance<Void>(TASK, "shard-" + shard), now);
        }
    }

    /** One execution of a shard's task: plan the next window and come back before it ends. */
    CompletionHandler<Void> plan(TaskInstance<Void> instance, ExecutionContext context) {
        int shard = Integer.parseInt(instance.getId().substring("shard-".length()));
        if (shard >= shards) {
            return (complete, ops) -> ops.remove();
        }
        long now = clock.millis();
        long from = context.getExecution().executionTime.toEpochMilli() + lead;
        if (from < now - window) {
            // the cluster was down or far behind: start from now rather than replay missed windows
            from = now;
        }
        long to = from + window;
        if (running) {
            planWindow(shard, from, to, now);
        }
        Instant next = Instant.ofEpochMilli(to - lead);
        return (complete, ops) -> ops.reschedule(complete, next);
    }

    private void planWindow(int shard, long from, long to, long now) {
        int planned = 0;
        for (StoredCheck check : directory.all()) {
            if (Math.floorMod(check.id(), shards) != shard || check.definition().paused()) {
                continue;
            }
            planned += planCheck(check, from, to, now);
        }
        plannedUntil.accumulateAndGet(shard, to, Math::max);
        if (log.isDebugEnabled()) {
            log.debug(
                    "Shard {} planned {} runs in [{}, {})",
                    shard,
                    planned,
                    Instant.ofEpochMilli(from),
                    Instant.ofEpochMilli(to));
        }
    }

    private int planCheck(StoredCheck check, long from, long to, long now) {
        long interval = check.definition().interval().toMillis();
        long offset = offset(check.id(), interval);
        long first = offset + Math.ceilDiv(from - offset, interval) * interval;
        int planned = 0;
        for (long at = first; at < to; at += interval) {
            long due = at;
            long id = check.id();
            timer.schedule(() -> fire(id, due), Math.max(0, due - now), TimeUnit.MILLISECONDS);
            planned++;
        }
        plannedInterval.put(check.id(), interval);
        return planned;
    }

    /**
     * A check created or changed on this node joins the window already planned for its shard, so it
     * starts within its first interval, not after the next window. Unchanged intervals are already planned.
     */
    void changed(StoredCheck check) {
        if (!running || check.definition().paused()) {
            return;
        }
        long interval = check.definition().interval().toMillis();
        Long planned = plannedInterval.get(check.id());
        if (planned != null && planned == interval) {
            return;
        }
        int shard = (int) Math.floorMod(check.id(), (long) shards);
        long now = clock.millis();
        long until = plannedUntil.get(shard);
        if (until > now) {
            planCheck(check, now, until, now);
        }
    }

    private void fire(long id, long due) {
        StoredCheck check = directory.get(id);
        if (check == null) {
            plannedInterval.remove(id);
            return;
        }
        if (check.definition().paused() || !running) {
            return;
        }
        long interval = check.definition().interval().toMillis();
        if (Math.floorMod(due - offset(id, interval), interval) != 0) {
            return; // planned under an interval the check no longer has
        }
        runner.submit(id, check.definition(), "schedule", Instant.ofEpochMilli(due), null, null, false, true);
    }

    /** Where in its interval a check starts: a hash of its id, so checks spread out and keep their rhythm. */
    static long offset(long checkId, long interval) {
        long mixed = checkId * 0x9E3779B97F4A7C15L;
        mixed ^= mixed >>> 31;
        return Math.floorMod(mixed, interval);
    }

    @Override
    public void start() {
        for (int shard = 0; shard < shards; shard++) {
            plannedUntil.set(shard, 0);
        }
        plannedInterval.clear();
        timer = new ScheduledThreadPoolExecutor(
                1, Thread.ofPlatform().daemon().name("pitwall-check-timer").factory());
        timer.setRemoveOnCancelPolicy(true);
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops first, so nothing new starts while the runner and the writer finish. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 1000;
    }
}
