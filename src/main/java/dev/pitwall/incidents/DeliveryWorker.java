package dev.pitwall.incidents;

import dev.pitwall.system.SecretBox;
import dev.pitwall.system.WorkerThread;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends queued notifications: claims a due delivery (a lease, so several nodes never send the same
 * one at once), sends it outside any transaction, records the attempt, and on failure schedules
 * the next attempt with exponential backoff until the attempts run out.
 */
@Component
@ConditionalOnWebApplication
class DeliveryWorker extends WorkerThread {

    private static final Logger log = LoggerFactory.getLogger(DeliveryWorker.class);
    private static final Duration LEASE = Duration.ofMinutes(2);
    private static final Duration MAX_BACKOFF = Duration.ofHours(1);
    private static final int BATCH = 20;

    private final NotificationRepository repository;
    private final SecretBox secrets;
    private final JsonMapper json;
    private final Clock clock;
    private final DeliveryWakeup wakeup;
    private final TransactionTemplate transactions;
    private final Map<NotificationChannel, Notifier> notifiers = new EnumMap<>(NotificationChannel.class);
    private final Duration pollInterval;
    private final Duration retryBase;
    private final int maxAttempts;

    DeliveryWorker(
            NotificationRepository repository,
            SecretBox secrets,
            JsonMapper json,
            Clock clock,
            DeliveryWakeup wakeup,
            PlatformTransactionManager transactionManager,
            List<Notifier> notifiers,
            @Value("${pitwall.notifications.poll-interval:1s}") Duration pollInterval,
            @Value("${pitwall.notifications.retry-base:30s}") Duration retryBase,
            @Value("${pitwall.notifications.max-attempts:8}") int maxAttempts) {
        super("pitwall-notifications", true, Duration.ofSeconds(15));
        this.repository = repository;
        this.secrets = secrets;
        this.json = json;
        this.clock = clock;
        this.wakeup = wakeup;
        this.transactions = new TransactionTemplate(transactionManager);
        this.transactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        notifiers.forEach(n -> this.notifiers.put(n.channel(), n));
        this.pollInterval = pollInterval;
        this.retryBase = retryBase;
        this.maxAttempts = Math.max(1, maxAttempts);
    }

    @Override
    protected void wakeForStop() {
        wakeup.wake();
    }

    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 1024;
    }

    @Override
    protected void loop() {
        while (running()) {
            try {
                int sent = sendDue();
                if (sent < BATCH) {
                    wakeup.await(pollInterval);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.warn("Notification delivery pass failed; retrying", e);
                try {
                    wakeup.await(pollInterval);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Sends every due delivery once; returns how many were due. */
    int sendDue() {
        Instant now = clock.instant();
        List<Long> due = transactions.execute(s -> repository.dueIds(now, BATCH));
        if (due == null) {
            return 0;
        }
        for (long id : due) {
            if (!running()) {
                break;
            }
            Optional<NotificationRepository.Due> claimed = transactions.execute(
                    s -> repository.claim(id, clock.instant(), clock.instant().plus(LEASE)));
            if (claimed != null && claimed.isPresent()) {
                send(claimed.get());
            }
        }
        return due.size();
    }

    private void send(NotificationRepository.Due due) {
        long started = System.nanoTime();
        Notifier.Outcome outcome;
        try {
            outcome = attempt(due);
        } catch (RuntimeException e) {
            outcome = Notifier.Outcome.failed(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        Notifier.Outcome result = outcome;
        Instant at = clock.instant();
        transactions.executeWithoutResult(s -> {
            repository.recordAttempt(due.id(), at, result.ok(), result.detail(), millis);
            if (result.ok()) {
                repository.delivered(due.id(), at);
            } else if (due.attempts() + 1 >= maxAttempts) {
                repository.failed(due.id(), result.detail());
            } else {
                repository.retryAt(due.id(), at.plus(backoff(due.attempts() + 1)), result.detail());
            }
        });
        if (!result.ok()) {
            log.info("Notification {} attempt {} failed: {}", due.id(), due.attempts() + 1, result.detail());
        }
    }

    private Notifier.Outcome attempt(NotificationRepository.Due due) {
        Optional<NotificationTarget> target = repository.target(due.targetId());
        if (target.isEmpty()) {
            return Notifier.Outcome.failed("the target was deleted");
        }
        Notifier notifier = notifiers.get(target.get().channel());
        if (notifier == null) {
            return Notifier.Outcome.failed(
                    "no notifier for " + target.get().channel().label());
        }
        NotificationRepository.Sealed sealed =
                repository.sealed(due.targetId()).orElse(new NotificationRepository.Sealed(null, null));
        Destination destination = new Destination(
                due.targetId(),
                target.get().name(),
                sealed.url() == null ? null : secrets.open(sealed.url()),
                sealed.secret() == null ? null : secrets.open(sealed.secret()),
                target.get().recipients());
        IncidentNotification notification = json.readValue(due.payload(), IncidentNotification.class);
        return notifier.send(destination, notification, due.id());
    }

    /** retry-base, doubled after each failed attempt, at most an hour. */
    Duration backoff(int failedAttempts) {
        long millis = retryBase.toMillis() << Math.min(20, Math.max(0, failedAttempts - 1));
        return Duration.ofMillis(Math.min(MAX_BACKOFF.toMillis(), millis));
    }
}
