package dev.pitwall.checks;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Every check's definition in memory, so that scheduling thousands of runs a minute reads no
 * database. A change on this node refreshes it at once; changes made by other nodes sharing the
 * database are seen within two seconds (a revision counter tells when to look).
 */
@Component
class CheckDirectory implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(CheckDirectory.class);

    private final CheckRepository repository;
    private final CheckSecrets secrets;
    private final TransactionTemplate readOnly;
    private ScheduledExecutorService poller;
    private volatile Map<Long, StoredCheck> checks = Map.of();
    private volatile long revision = -1;
    private volatile boolean running;

    CheckDirectory(CheckRepository repository, CheckSecrets secrets, PlatformTransactionManager transactions) {
        this.repository = repository;
        this.secrets = secrets;
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
    }

    StoredCheck get(long id) {
        return checks.get(id);
    }

    Collection<StoredCheck> all() {
        return checks.values();
    }

    /** Reloads what changed since the last look. Safe to call from any thread. */
    synchronized void refresh() {
        readOnly.executeWithoutResult(status -> {
            long current = repository.revision();
            if (current == revision) {
                return;
            }
            Map<Long, Integer> versions = repository.versions();
            Map<Long, StoredCheck> next = new HashMap<>();
            List<Long> changed = versions.entrySet().stream()
                    .filter(e -> {
                        StoredCheck known = checks.get(e.getKey());
                        return known == null || known.version() != e.getValue();
                    })
                    .map(Map.Entry::getKey)
                    .toList();
            for (Map.Entry<Long, Integer> e : versions.entrySet()) {
                StoredCheck known = checks.get(e.getKey());
                if (known != null && known.version() == e.getValue()) {
                    next.put(e.getKey(), known);
                }
            }
            for (StoredCheck check : repository.byIds(changed)) {
                next.put(check.id(), check);
            }
            secrets.reload(repository.sealedSecrets());
            checks = Map.copyOf(next);
            revision = current;
        });
    }

    Set<Long> ids() {
        return checks.keySet();
    }

    @Override
    public void start() {
        refresh();
        running = true;
        // made on each start: a paused application context (tests) stops and starts it again
        poller = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("pitwall-check-directory").factory());
        poller.scheduleWithFixedDelay(
                () -> {
                    try {
                        refresh();
                    } catch (RuntimeException e) {
                        log.warn("Could not refresh the checks; keeping the last known definitions", e);
                    }
                },
                2,
                2,
                TimeUnit.SECONDS);
    }

    @Override
    public void stop() {
        running = false;
        if (poller != null) {
            poller.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Up before the scheduler and the runner that read it. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 2048;
    }
}
