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
 * Alertmanager's own API, {@code POST /api/v2/alerts}: the JSON array of alerts that Prometheus,
 * Grafana and amtool send to an Alertmanager. An alert whose {@code endsAt} has passed is resolved.
 */
@Component
class AlertmanagerApiFormat implements SignalFormat {

    private final AlertReader alerts;

    AlertmanagerApiFormat(SignalsProperties properties, JsonMapper json) {
        this.alerts = new AlertReader(properties, json);
    }

    @Override
    public List<Observation> read(byte[] body, Instant receivedAt) {
        try (JsonParser p = alerts.parser(body)) {
            if (p.nextToken() != JsonToken.START_ARRAY) {
                throw new InvalidInputException(
                        null,
                        "The body must be a JSON array of alerts, as Prometheus and amtool send to /api/v2/alerts");
            }
            List<Observation> observations = new ArrayList<>();
            JsonToken token;
            while ((token = p.nextToken()) != JsonToken.END_ARRAY) {
                int index = observations.size();
                if (index == IntakeLimits.MAX_ALERTS) {
                    throw new InvalidInputException(
                            null,
                            "One request carries at most " + IntakeLimits.MAX_ALERTS
                                    + " alerts; this one has more. Send them in smaller batches");
                }
                String path = "[" + index + "]";
                if (token != JsonToken.START_OBJECT) {
                    throw new InvalidInputException(path, "'" + path + "' must be an alert object");
                }
                observations.add(alerts.observation(alerts.read(p, path), path, receivedAt, null, null));
            }
            if (p.nextToken() != null) {
                throw new InvalidInputException(null, "The body has more after its array of alerts");
            }
            return observations;
        } catch (JacksonException e) {
            throw AlertReader.unreadable(e);
        }
    }
}
