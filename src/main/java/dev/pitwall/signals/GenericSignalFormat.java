package dev.pitwall.signals;

import dev.pitwall.system.InvalidInputException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Pitwall's own JSON for any sender, {@code POST /api/v1/signals}:
 *
 * <pre>
 * {"title": "Checkout latency above 2 s", "service": "checkout", "environment": "production",
 *  "severity": "error", "fingerprint": "optional-own-key", "description": "…",
 *  "labels": {"region": "eu-west-1"}, "links": [{"href": "https://…", "text": "Dashboard"}],
 *  "occurred_at": "2026-11-24T18:00:00Z", "status": "firing"}
 * </pre>
 *
 * Only {@code title} is required (and not even that to acknowledge or resolve a known fingerprint).
 */
@Component
class GenericSignalFormat implements SignalFormat {

    private final JsonMapper json;

    GenericSignalFormat(JsonMapper json) {
        this.json = json;
    }

    @Override
    public List<Observation> read(byte[] body, Instant receivedAt) {
        JsonNode node;
        try {
            node = json.readTree(body);
        } catch (JacksonException e) {
            throw AlertReader.unreadable(e);
        }
        JsonBody b = JsonBody.of(node);
        b.throwFirst();
        Observation.Action action = action(b);
        String fingerprint = IntakeLimits.fingerprint("fingerprint", blankToNull(b.string("fingerprint")));
        String title = IntakeLimits.text("title", blankToNull(b.string("title")), IntakeLimits.MAX_TITLE);
        if (title == null && (action == Observation.Action.TRIGGER || fingerprint == null)) {
            b.problem(
                    "title",
                    "'title' is missing or blank; it says what is wrong, such as 'Checkout latency above 2 s'");
        }
        Severity severity = severity(b, "severity");
        String description = IntakeLimits.text("description", b.string("description"), IntakeLimits.MAX_TEXT);
        String service = IntakeLimits.name("service", b.string("service"));
        String environment = IntakeLimits.name("environment", b.string("environment"));
        Map<String, String> labels = b.stringMap("labels");
        List<SignalView.Link> links = links(b);
        Instant occurredAt = b.time(b.name("occurred_at", "occurredAt"));
        b.throwFirst();
        IntakeLimits.labels("labels", labels);
        return List.of(new Observation(
                fingerprint != null
                        ? fingerprint
                        : Fingerprints.derived("generic", service, environment, title, labels),
                SignalSource.GENERIC,
                action,
                title != null,
                severity,
                title,
                description,
                service,
                environment,
                labels,
                links,
                List.of(),
                null,
                occurredAt,
                action == Observation.Action.RESOLVE ? occurredAt : null,
                receivedAt,
                null,
                null));
    }

    private static Observation.Action action(JsonBody b) {
        String status = b.string("status");
        if (status == null || status.isBlank()) {
            return Observation.Action.TRIGGER;
        }
        return switch (status.trim().toLowerCase(Locale.ROOT)) {
            case "firing", "trigger", "triggered", "open", "problem" -> Observation.Action.TRIGGER;
            case "acknowledged", "acknowledge", "ack" -> Observation.Action.ACKNOWLEDGE;
            case "resolved", "resolve", "ok", "closed" -> Observation.Action.RESOLVE;
            default ->
                throw new InvalidInputException(
                        "status",
                        "Field 'status' has the unknown value '" + status + "'; use firing, acknowledged or resolved");
        };
    }

    /** The severity a sender wrote, or null when it wrote none; anything else is a 400. */
    static Severity severity(JsonBody b, String field) {
        String text = b.string(field);
        if (text == null || text.isBlank()) {
            return null;
        }
        return Severity.parse(text)
                .orElseThrow(() -> new InvalidInputException(
                        b.path(field),
                        "Field '" + b.path(field) + "' has the unknown value '" + abbreviate(text)
                                + "'; use critical, error, warning or info"));
    }

    /** Links as objects ({@code href}, {@code text}) or plain URL strings. */
    private List<SignalView.Link> links(JsonBody b) {
        JsonNode raw = b.raw("links");
        if (raw == null) {
            return List.of();
        }
        if (!raw.isArray()) {
            throw new InvalidInputException("links", "'links' must be a list of {\"href\": …, \"text\": …}");
        }
        if (raw.size() > IntakeLimits.MAX_LINKS) {
            throw new InvalidInputException(
                    "links", "At most " + IntakeLimits.MAX_LINKS + " links are allowed, got " + raw.size());
        }
        List<SignalView.Link> links = new ArrayList<>();
        int i = 0;
        for (JsonNode item : raw.values()) {
            String path = "links[" + i++ + "]";
            if (item.isString()) {
                links.add(new SignalView.Link(IntakeLimits.url(path, item.stringValue()), null));
            } else if (item.isObject()
                    && item.get("href") != null
                    && item.get("href").isString()) {
                JsonNode text = item.get("text");
                links.add(new SignalView.Link(
                        IntakeLimits.url(path + ".href", item.get("href").stringValue()),
                        text != null && text.isString() ? IntakeLimits.truncate(text.stringValue(), 200) : null));
            } else {
                throw new InvalidInputException(path, "'" + path + "' must be a URL or {\"href\": …, \"text\": …}");
            }
        }
        return links;
    }

    static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }

    private static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 60) + "…";
    }
}
