package dev.pitwall.signals;

import java.time.Clock;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Alertmanager's two doors into Pitwall: its webhook receiver, and its own alert API so that
 * Prometheus (or Grafana, or amtool) can point {@code alerting.alertmanagers} straight at Pitwall.
 * Both reply only after the alerts are committed.
 */
@RestController
class AlertmanagerController {

    private final AlertmanagerWebhookFormat webhook;
    private final AlertmanagerApiFormat api;
    private final Intake intake;
    private final Clock clock;

    AlertmanagerController(AlertmanagerWebhookFormat webhook, AlertmanagerApiFormat api, Intake intake, Clock clock) {
        this.webhook = webhook;
        this.api = api;
        this.intake = intake;
        this.clock = clock;
    }

    /** Alertmanager's {@code POST /api/v2/alerts}: replies 200 with no body, as Alertmanager does. */
    @PostMapping("/api/v2/alerts")
    @PreAuthorize("hasAuthority('SCOPE_ingest')")
    ResponseEntity<Void> postAlerts(@RequestBody byte[] body) {
        intake.accept(api.read(body, clock.instant()));
        return ResponseEntity.ok().build();
    }

    /** An Alertmanager {@code webhook_configs} receiver (notification version 4). */
    @PostMapping("/api/v1/integrations/alertmanager")
    @PreAuthorize("hasAuthority('SCOPE_ingest')")
    Map<String, Object> notification(@RequestBody byte[] body) {
        var observations = webhook.read(body, clock.instant());
        intake.accept(observations);
        return Map.of("status", "success", "alerts", observations.size());
    }
}
