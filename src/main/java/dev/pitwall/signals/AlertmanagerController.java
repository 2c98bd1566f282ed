package dev.pitwall.signals;

import java.time.Clock;
import java.util.Map;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Alertmanager's webhook receiver. (Alertmanager's own alert API, {@code POST /api/v2/alerts}, is
 * served by {@link AlertmanagerApiFilter}.) Replies only after the alerts are committed.
 */
@RestController
class AlertmanagerController {

    private final AlertmanagerWebhookFormat webhook;
    private final Intake intake;
    private final Clock clock;

    AlertmanagerController(AlertmanagerWebhookFormat webhook, Intake intake, Clock clock) {
        this.webhook = webhook;
        this.intake = intake;
        this.clock = clock;
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
