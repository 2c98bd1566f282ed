package dev.pitwall.signals;

import dev.pitwall.system.InvalidInputException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

/**
 * Alertmanager's webhook notification (version 4): {@code {"status", "groupKey", "alerts": [...],
 * "externalURL", ...}}. Each alert carries its own {@code status}; resolved ones resolve their
 * signal. The alert's {@code fingerprint} is Alertmanager's, so the same alert posted to
 * {@code /api/v2/alerts} dedups with it.
 */
@Component
class AlertmanagerWebhookFormat implements SignalFormat {

    private final AlertReader alerts;

    AlertmanagerWebhookFormat(SignalsProperties properties, JsonMapper json) {
        this.alerts = new AlertReader(properties, json);
    }

    @Override
    public List<Observation> read(byte[] body, Instant receivedAt) {
        List<AlertReader.RawAlert> raw = new ArrayList<>();
        String externalUrl = null;
        boolean sawAlerts = false;
        try (JsonParser p = alerts.parser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new InvalidInputException(
                        null, "The body must be an Alertmanager webhook notification: a JSON object with 'alerts'");
            }
            String name;
            while ((name = p.nextName()) != null) {
                JsonToken value = p.nextToken();
                switch (name) {
                    case "alerts" -> {
                        sawAlerts = true;
                        readAlerts(p, value, raw);
                    }
                    case "externalURL" -> externalUrl = AlertReader.string(p, value, "externalURL");
                    default -> p.skipChildren();
                }
            }
        } catch (JacksonException e) {
            throw AlertReader.unreadable(e);
        }
        if (!sawAlerts) {
            throw new InvalidInputException(
                    "alerts", "The notification has no 'alerts'; is this an Alertmanager webhook (version 4)?");
        }
        List<Observation> observations = new ArrayList<>(raw.size());
        for (int i = 0; i < raw.size(); i++) {
            AlertReader.RawAlert alert = raw.get(i);
            String path = "alerts[" + i + "]";
            String status = alert.status();
            if (status != null && !status.equals("firing") && !status.equals("resolved")) {
                throw new InvalidInputException(
                        path + ".status", "'" + path + ".status' must be firing or resolved, not '" + status + "'");
            }
            observations.add(alerts.observation(alert, path, receivedAt, "resolved".equals(status), externalUrl));
        }
        return observations;
    }

    private void readAlerts(JsonParser p, JsonToken token, List<AlertReader.RawAlert> raw) {
        if (token != JsonToken.START_ARRAY) {
            throw new InvalidInputException("alerts", "'alerts' must be a list of alerts");
        }
        JsonToken next;
        while ((next = p.nextToken()) != JsonToken.END_ARRAY) {
            if (raw.size() == IntakeLimits.MAX_ALERTS) {
                throw new InvalidInputException(
                        "alerts",
                        "One notification carries at most " + IntakeLimits.MAX_ALERTS
                                + " alerts; this one has more. Set max_alerts: " + IntakeLimits.MAX_ALERTS
                                + " in the webhook_config");
            }
            String path = "alerts[" + raw.size() + "]";
            if (next != JsonToken.START_OBJECT) {
                throw new InvalidInputException(path, "'" + path + "' must be an alert object");
            }
            raw.add(alerts.read(p, path));
        }
    }
}
