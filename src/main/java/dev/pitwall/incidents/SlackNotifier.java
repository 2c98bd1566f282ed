package dev.pitwall.incidents;

import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Posts to a Slack incoming webhook (or anything that takes its format: Mattermost, Rocket.Chat,
 * Discord's {@code /slack} endpoint): {@code text} for notifications and clients without blocks,
 * {@code blocks} for the message itself.
 */
@Component
class SlackNotifier implements Notifier {

    private final JsonMapper json;

    SlackNotifier(JsonMapper json) {
        this.json = json;
    }

    @Override
    public NotificationChannel channel() {
        return NotificationChannel.SLACK;
    }

    @Override
    public Outcome send(Destination destination, IncidentNotification n, long deliveryId) {
        return WebhookPost.post(destination.url(), WebhookPost.utf8(json.writeValueAsString(body(n))), Map.of());
    }

    static Map<String, Object> body(IncidentNotification n) {
        String facts = n.severity().name() + " · " + n.status().label()
                + (n.services().isEmpty() ? "" : " · " + String.join(", ", n.services()))
                + (n.environment() == null ? "" : " · " + n.environment());
        String heading = "*<" + n.url() + "|Incident #" + n.incidentId() + "> "
                + escape(n.event().verb()) + ":* " + escape(n.title());
        String context = escape(n.event().verb()) + " by " + escape(n.actor())
                + (n.detail() == null || n.detail().isBlank() ? "" : ": " + escape(n.detail()));
        return Map.of(
                "text",
                n.headline(),
                "blocks",
                List.of(
                        Map.of(
                                "type",
                                "section",
                                "text",
                                Map.of("type", "mrkdwn", "text", heading + "\n" + escape(facts))),
                        Map.of("type", "context", "elements", List.of(Map.of("type", "mrkdwn", "text", context)))));
    }

    /** Slack's mrkdwn reads &, < and > as markup; user text must not be able to forge links or mentions. */
    static String escape(String text) {
        return text == null
                ? ""
                : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
