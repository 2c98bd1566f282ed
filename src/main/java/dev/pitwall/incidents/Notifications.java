package dev.pitwall.incidents;

import dev.pitwall.system.Actor;
import dev.pitwall.system.NotFoundException;
import dev.pitwall.system.SecretBox;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.json.JsonMapper;

/**
 * Notification targets and the delivery outbox. A notification is stored (one row per target) in
 * the transaction of the change it reports, so it survives a crash and a restart; the
 * {@link DeliveryWorker} sends it after the commit and retries with backoff.
 */
@Component
class Notifications {

    private final NotificationRepository repository;
    private final SecretBox secrets;
    private final JsonMapper json;
    private final Clock clock;
    private final DeliveryWakeup wakeup;
    private final String publicUrl;

    Notifications(
            NotificationRepository repository,
            SecretBox secrets,
            JsonMapper json,
            Clock clock,
            DeliveryWakeup wakeup,
            @Value("${pitwall.public-url:http://localhost:${server.port:8080}}") String publicUrl) {
        this.repository = repository;
        this.secrets = secrets;
        this.json = json;
        this.clock = clock;
        this.wakeup = wakeup;
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    }

    String incidentUrl(long incidentId) {
        return publicUrl + "/incidents/" + incidentId;
    }

    @Transactional(readOnly = true)
    List<NotificationTarget> targets() {
        return repository.targets();
    }

    @Transactional(readOnly = true)
    NotificationTarget target(long id) {
        return repository.target(id).orElseThrow(() -> NotFoundException.of("notification target", id));
    }

    /** Creates or replaces a target by name; the URL and secret are sealed, blanks keep the stored ones. */
    @Transactional
    NotificationTarget save(TargetSpec spec, String source) {
        Optional<NotificationTarget> existing = repository.targetNamed(spec.name() == null ? "" : spec.name());
        spec.validate(existing.isPresent());
        boolean newUrl = spec.url() != null && !spec.url().isBlank();
        boolean newSecret = spec.secret() != null && !spec.secret().isBlank();
        long id = repository.save(
                new NotificationRepository.TargetWrite(
                        spec.name(),
                        spec.channel(),
                        newUrl ? secrets.seal(spec.url().trim()) : null,
                        newUrl ? TargetSpec.display(spec.url()) : null,
                        newSecret ? secrets.seal(spec.secret()) : null,
                        spec.recipients(),
                        spec.services(),
                        NotificationEvent.join(spec.events()),
                        spec.minSeverity(),
                        spec.enabled(),
                        source),
                clock.instant());
        return repository.target(id).orElseThrow();
    }

    @Transactional
    void setEnabled(long id, boolean enabled) {
        target(id);
        repository.setEnabled(id, enabled, clock.instant());
    }

    @Transactional
    void delete(long id) {
        target(id);
        repository.delete(id);
    }

    @Transactional
    void releaseFromConfig(List<String> stillDeclared) {
        repository.releaseFromConfig(stillDeclared, clock.instant());
    }

    /** Queues the event for every target that wants it. Runs in the transaction of the change. */
    @Transactional(propagation = Propagation.MANDATORY)
    void enqueue(IncidentView incident, NotificationEvent event, String detail, Actor actor) {
        List<NotificationTarget> wanting = repository.targets().stream()
                .filter(t -> t.wants(event, incident.severity(), incident.services()))
                .toList();
        if (wanting.isEmpty()) {
            return;
        }
        IncidentNotification notification = new IncidentNotification(
                event,
                incident.id(),
                incident.title(),
                incident.severity(),
                incident.status(),
                incident.services(),
                incident.environment(),
                incidentUrl(incident.id()),
                clock.instant(),
                actor.display(),
                detail);
        String payload = json.writeValueAsString(notification);
        for (NotificationTarget target : wanting) {
            repository.enqueue(target.id(), incident.id(), event, payload, clock.instant());
        }
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    wakeup.wake();
                }
            });
        }
    }

    @Transactional(readOnly = true)
    List<NotificationRepository.Delivery> deliveries(Long incidentId, int limit) {
        return repository.deliveries(incidentId, limit);
    }

    @Transactional(readOnly = true)
    List<NotificationRepository.Attempt> attempts(List<Long> deliveryIds) {
        return repository.attempts(deliveryIds);
    }

    @Transactional
    boolean retry(long deliveryId) {
        boolean queued = repository.retryNow(deliveryId, clock.instant());
        if (queued) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    wakeup.wake();
                }
            });
        }
        return queued;
    }
}
