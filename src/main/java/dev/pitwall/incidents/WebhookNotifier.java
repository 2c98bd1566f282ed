package dev.pitwall.incidents;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Posts a generic JSON body signed like GitHub's webhooks: {@code X-Pitwall-Signature: sha256=}
 * followed by the hex HMAC-SHA256 of the exact body bytes under the target's secret.
 */
@Component
class WebhookNotifier implements Notifier {

    private final JsonMapper json;

    WebhookNotifier(JsonMapper json) {
        this.json = json;
    }

    @Override
    public NotificationChannel channel() {
        return NotificationChannel.WEBHOOK;
    }

    @Override
    public Outcome send(Destination destination, IncidentNotification n, long deliveryId) {
        byte[] body = WebhookPost.utf8(json.writeValueAsString(body(n)));
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-Pitwall-Event", "incident." + n.event().label());
        headers.put("X-Pitwall-Delivery", Long.toString(deliveryId));
        if (destination.secret() != null) {
            headers.put("X-Pitwall-Signature", "sha256=" + sign(destination.secret(), body));
        }
        return WebhookPost.post(destination.url(), body, headers);
    }

    static Map<String, Object> body(IncidentNotification n) {
        Map<String, Object> incident = new LinkedHashMap<>();
        incident.put("id", n.incidentId());
        incident.put("title", n.title());
        incident.put("severity", n.severity().label());
        incident.put("status", n.status().label());
        incident.put("services", n.services());
        incident.put("environment", n.environment());
        incident.put("url", n.url());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("event", "incident." + n.event().label());
        body.put("at", n.at().toString());
        body.put("actor", n.actor());
        body.put("detail", n.detail());
        body.put("text", n.headline());
        body.put("incident", incident);
        return body;
    }

    static String sign(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
