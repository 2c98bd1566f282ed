package dev.pitwall.incidents;

import dev.pitwall.system.ConflictException;
import dev.pitwall.system.CurrentActor;
import dev.pitwall.system.InvalidInputException;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Grouping rules, notification targets and the delivery log over the API. */
@RestController
class NotificationApiController {

    /** Rules as the API reads and writes them: durations in seconds. */
    record RulesBody(
            Boolean followDependencies,
            Integer warningCount,
            Long warningWindowSeconds,
            Integer reportCustomers,
            Long reportWindowSeconds,
            Double reportSimilarity,
            Long autoResolveAfterSeconds,
            String source,
            String updatedBy) {

        static RulesBody of(IncidentRepository.StoredRules stored) {
            GroupingRules r = stored.rules();
            return new RulesBody(
                    r.followDependencies(),
                    r.warningCount(),
                    r.warningWindow().toSeconds(),
                    r.reportCustomers(),
                    r.reportWindow().toSeconds(),
                    r.reportSimilarity(),
                    r.autoResolveAfter().toSeconds(),
                    stored.source(),
                    stored.updatedBy());
        }

        GroupingRules merge(GroupingRules current) {
            return new GroupingRules(
                    followDependencies == null ? current.followDependencies() : followDependencies,
                    warningCount == null ? current.warningCount() : warningCount,
                    warningWindowSeconds == null ? current.warningWindow() : Duration.ofSeconds(warningWindowSeconds),
                    reportCustomers == null ? current.reportCustomers() : reportCustomers,
                    reportWindowSeconds == null ? current.reportWindow() : Duration.ofSeconds(reportWindowSeconds),
                    reportSimilarity == null ? current.reportSimilarity() : reportSimilarity,
                    autoResolveAfterSeconds == null
                            ? current.autoResolveAfter()
                            : Duration.ofSeconds(autoResolveAfterSeconds));
        }
    }

    record TargetBody(
            String name,
            String type,
            String url,
            String secret,
            List<String> to,
            List<String> services,
            List<String> events,
            String minSeverity,
            Boolean enabled) {}

    record DeliveryView(NotificationRepository.Delivery delivery, List<NotificationRepository.Attempt> attempts) {}

    private final GroupingSettings settings;
    private final Notifications notifications;

    NotificationApiController(GroupingSettings settings, Notifications notifications) {
        this.settings = settings;
        this.notifications = notifications;
    }

    @GetMapping("/api/v1/incidents/rules")
    @PreAuthorize("hasAuthority('SCOPE_read')")
    RulesBody rules() {
        return RulesBody.of(settings.stored());
    }

    /** Fields left out keep their value. */
    @PutMapping("/api/v1/incidents/rules")
    @PreAuthorize("hasAuthority('SCOPE_admin')")
    RulesBody setRules(@RequestBody RulesBody body) {
        settings.save(body.merge(settings.stored().rules()), "ui", CurrentActor.get());
        return RulesBody.of(settings.stored());
    }

    @GetMapping("/api/v1/notification-targets")
    @PreAuthorize("hasAuthority('SCOPE_read')")
    List<NotificationTarget> targets() {
        return notifications.targets();
    }

    /** Creates a target, or replaces the one with the same name (a blank url or secret keeps the stored one). */
    @PostMapping("/api/v1/notification-targets")
    @PreAuthorize("hasAuthority('SCOPE_admin')")
    ResponseEntity<NotificationTarget> saveTarget(@RequestBody TargetBody body) {
        return ResponseEntity.status(201).body(notifications.save(spec(body), "ui"));
    }

    @DeleteMapping("/api/v1/notification-targets/{id}")
    @PreAuthorize("hasAuthority('SCOPE_admin')")
    ResponseEntity<Void> deleteTarget(@PathVariable long id) {
        if ("config".equals(notifications.target(id).source())) {
            throw new ConflictException("This target is declared in pitwall.yaml; remove it there and reload");
        }
        notifications.delete(id);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/api/v1/notification-deliveries")
    @PreAuthorize("hasAuthority('SCOPE_read')")
    List<DeliveryView> deliveries(
            @RequestParam(name = "incident", required = false) Long incident,
            @RequestParam(defaultValue = "100") int limit) {
        if (limit < 1 || limit > 1000) {
            throw new InvalidInputException("limit", "limit is 1 to 1000");
        }
        List<NotificationRepository.Delivery> deliveries = notifications.deliveries(incident, limit);
        List<NotificationRepository.Attempt> attempts = notifications.attempts(
                deliveries.stream().map(NotificationRepository.Delivery::id).toList());
        return deliveries.stream()
                .map(d -> new DeliveryView(
                        d,
                        attempts.stream().filter(a -> a.deliveryId() == d.id()).toList()))
                .toList();
    }

    @PostMapping("/api/v1/notification-deliveries/{id}/retry")
    @PreAuthorize("hasAuthority('SCOPE_admin')")
    Map<String, Object> retry(@PathVariable long id) {
        if (!notifications.retry(id)) {
            throw new ConflictException(
                    "Delivery " + id + " has not failed (or does not exist); only failed deliveries are retried");
        }
        return Map.of("id", id, "state", "pending");
    }

    static TargetSpec spec(TargetBody body) {
        NotificationChannel channel = Optional.ofNullable(body.type())
                .flatMap(NotificationChannel::parse)
                .orElseThrow(() -> new InvalidInputException("type", "type must be slack, webhook or email"));
        Set<NotificationEvent> events = EnumSet.noneOf(NotificationEvent.class);
        if (body.events() != null) {
            for (String e : body.events()) {
                events.add(NotificationEvent.parse(e)
                        .orElseThrow(() -> new InvalidInputException(
                                "events", "Unknown event '" + e + "'; use " + NotificationEvent.allowed())));
            }
        }
        IncidentSeverity min = body.minSeverity() == null || body.minSeverity().isBlank()
                ? IncidentSeverity.SEV4
                : IncidentSeverity.parse(body.minSeverity())
                        .orElseThrow(() -> new InvalidInputException("minSeverity", "minSeverity is sev1 to sev4"));
        return new TargetSpec(
                body.name() == null ? null : body.name().trim(),
                channel,
                body.url(),
                body.secret(),
                body.to(),
                body.services(),
                events,
                min,
                body.enabled() == null || body.enabled());
    }
}
