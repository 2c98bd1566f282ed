package dev.pitwall.checks;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.ExecutionContext;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import dev.pitwall.catalog.CatalogEntry;
import dev.pitwall.catalog.CatalogService;
import dev.pitwall.changes.ChangeFinished;
import dev.pitwall.changes.VerificationReported;
import dev.pitwall.system.DurableEventListener;
import dev.pitwall.system.DurableEvents;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Post-deploy verification. When a change finishes ({@link ChangeFinished}) and
 * {@link VerificationPolicy} says it is verified, every active check of the changed service in its
 * environment (optionally also of the services that depend on it) runs at once, then every
 * {@code round-interval} (10 s) until the service's watch window ends. Results are judged as they
 * are stored ({@link ResultWriter}); the window's end, if nothing failed, passes the verification.
 * Each transition is published as {@link VerificationReported} for the change log, and a pass also
 * as {@link VerificationPassed} naming the checks that ran.
 */
@Component
class VerificationService {

    static final String TASK = "checks-verification";
    private static final Logger log = LoggerFactory.getLogger(VerificationService.class);
    private static final Duration GRACE = Duration.ofSeconds(10);

    private final VerificationRepository verifications;
    private final CheckRepository checks;
    private final ResultRepository results;
    private final CatalogService catalog;
    private final CheckDirectory directory;
    private final CheckRunner runner;
    private final DurableEvents events;
    private final ObjectProvider<SchedulerClient> scheduler;
    private final Clock clock;
    private final ChecksProperties.VerificationSettings settings;
    private final TransactionTemplate transactions;

    VerificationService(
            VerificationRepository verifications,
            CheckRepository checks,
            ResultRepository results,
            CatalogService catalog,
            CheckDirectory directory,
            CheckRunner runner,
            DurableEvents events,
            ObjectProvider<SchedulerClient> scheduler,
            Clock clock,
            ChecksProperties properties,
            PlatformTransactionManager transactionManager) {
        this.verifications = verifications;
        this.checks = checks;
        this.results = results;
        this.catalog = catalog;
        this.directory = directory;
        this.runner = runner;
        this.events = events;
        this.scheduler = scheduler;
        this.clock = clock;
        this.settings = properties.verification();
        this.transactions = new TransactionTemplate(transactionManager);
    }

    @DurableEventListener
    void onChangeFinished(ChangeFinished change) {
        VerificationPolicy.Decision decision = VerificationPolicy.decide(change.kind(), change.status());
        if (!decision.verify() || verifications.existsForChange(change.changeId())) {
            return;
        }
        Instant now = clock.instant();
        Instant finished = change.finishedAt() == null ? now : change.finishedAt();
        Set<String> services = new LinkedHashSet<>(List.of(change.service()));
        if (settings.includeDependents()) {
            services.addAll(catalog.graph().dependentsOf(change.service()));
        }
        List<StoredCheck> watched = checks.activeFor(services, change.environment());
        String label = VerificationPolicy.label(change.service(), change.kind(), change.version());
        String kind = change.kind().name().toLowerCase(Locale.ROOT);
        if (watched.isEmpty()) {
            verifications.insert(
                    change.changeId(),
                    change.service(),
                    change.environment(),
                    kind,
                    change.version(),
                    change.previousVersion(),
                    label,
                    finished,
                    now,
                    now,
                    Verification.Status.NONE,
                    "no active checks for " + change.service() + " in " + change.environment() + "; nothing to verify",
                    0);
            return;
        }
        // only a verification that runs needs the service's watch window
        Duration window = catalog.find(change.service())
                .map(CatalogEntry::verificationWindow)
                .orElse(CatalogEntry.DEFAULT_VERIFICATION_WINDOW);
        if (window == null) {
            window = CatalogEntry.DEFAULT_VERIFICATION_WINDOW;
        }
        for (Verification older : verifications.runningFor(change.service(), change.environment())) {
            String summary = "superseded by " + label + " after "
                    + ResultWriter.seconds(Duration.between(older.startedAt(), now)) + " without a failure";
            if (verifications.pass(older.id(), now, summary)) {
                events.publish(new VerificationReported(
                        older.changeId(), Verification.Status.PASSED.reported(), summary, now));
                publishPassed(older, verifications.checks(older.id()), now);
            }
        }
        Instant endsAt = finished.plus(window);
        if (endsAt.isBefore(now.plus(settings.roundInterval()))) {
            endsAt = now.plus(settings.roundInterval());
        }
        long id = verifications.insert(
                change.changeId(),
                change.service(),
                change.environment(),
                kind,
                change.version(),
                change.previousVersion(),
                label,
                finished,
                now,
                endsAt,
                Verification.Status.RUNNING,
                null,
                1);
        watched.forEach(c -> verifications.insertCheck(id, c));
        String summary = "verifying " + watched.size() + (watched.size() == 1 ? " check" : " checks") + " of "
                + String.join(", ", services) + " in " + change.environment() + " until "
                + ResultWriter.seconds(Duration.between(now, endsAt)) + " from now";
        events.publish(
                new VerificationReported(change.changeId(), Verification.Status.RUNNING.reported(), summary, now));
        SchedulerClient client = scheduler.getIfAvailable();
        if (client != null) {
            client.scheduleIfNotExists(
                    new TaskInstance<Void>(TASK, Long.toString(id)), now.plus(settings.roundInterval()));
        }
        List<StoredCheck> first = new ArrayList<>(watched);
        Runnable round = () ->
                first.forEach(c -> runner.submit(c.id(), c.definition(), "verification", null, id, 1, false, true));
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    round.run();
                }
            });
        } else {
            round.run();
        }
    }

    /** One execution of a verification's db-scheduler task: the next round, or the end of the window. */
    CompletionHandler<Void> nextRound(TaskInstance<Void> instance, ExecutionContext context) {
        long id = Long.parseLong(instance.getId());
        Instant now = clock.instant();
        Verification v = verifications.find(id).orElse(null);
        if (v == null || v.status() != Verification.Status.RUNNING) {
            return (complete, ops) -> ops.remove();
        }
        if (!now.isBefore(v.endsAt())) {
            if (now.isBefore(v.endsAt().plus(GRACE))) {
                Instant at = v.endsAt().plus(GRACE);
                return (complete, ops) -> ops.reschedule(complete, at);
            }
            finish(v, now);
            return (complete, ops) -> ops.remove();
        }
        Optional<Integer> round = transactions.execute(s -> verifications.nextRound(id, now));
        if (round != null && round.isPresent()) {
            for (VerifiedCheck c : verifications.checks(id)) {
                StoredCheck check = directory.get(c.checkId());
                if (check != null && !check.definition().paused()) {
                    runner.submit(check.id(), check.definition(), "verification", null, id, round.get(), false, true);
                }
            }
        }
        Instant next = now.plus(settings.roundInterval());
        Instant at = next.isBefore(v.endsAt()) ? next : v.endsAt().plus(GRACE);
        return (complete, ops) -> ops.reschedule(complete, at);
    }

    private void finish(Verification v, Instant now) {
        transactions.executeWithoutResult(s -> {
            List<VerifiedCheck> watched = verifications.checks(v.id());
            long runs = watched.stream().mapToLong(VerifiedCheck::results).sum();
            long failures = watched.stream().mapToLong(VerifiedCheck::failures).sum();
            String summary = watched.size() + (watched.size() == 1 ? " check" : " checks") + " passed through the "
                    + ResultWriter.seconds(Duration.between(v.changeFinishedAt(), v.endsAt())) + " window after "
                    + v.changeLabel() + " (" + runs + " runs"
                    + (failures == 0 ? "" : ", " + failures + " isolated failures below the thresholds") + ")";
            if (verifications.pass(v.id(), now, summary)) {
                events.publish(
                        new VerificationReported(v.changeId(), Verification.Status.PASSED.reported(), summary, now));
                publishPassed(v, watched, now);
                log.info("Verification of {} passed", v.changeLabel());
            }
        });
    }

    /** Names the checks that really ran in the passed verification; one that never ran proved nothing. */
    private void publishPassed(Verification v, List<VerifiedCheck> watched, Instant now) {
        List<Long> ran = watched.stream()
                .filter(c -> c.results() > 0)
                .map(VerifiedCheck::checkId)
                .toList();
        if (!ran.isEmpty()) {
            events.publish(new VerificationPassed(
                    v.changeId(), v.service(), v.environment(), v.changeLabel(), ran, v.startedAt(), now));
        }
    }

    // --- reads ---

    /** A verification with the checks it watched and the results it saw, for the API and the change page. */
    record Report(Verification verification, List<VerifiedCheck> checks, List<CheckResult> results) {}

    @Transactional(readOnly = true)
    public Optional<Report> forChange(long changeId, int resultLimit) {
        return verifications
                .findByChange(changeId)
                .map(v -> new Report(v, verifications.checks(v.id()), results.forVerification(v.id(), resultLimit)));
    }

    @Transactional(readOnly = true)
    public List<Verification> recent(int limit) {
        return verifications.recent(limit);
    }
}
