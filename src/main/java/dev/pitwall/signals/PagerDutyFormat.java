package dev.pitwall.signals;

import dev.pitwall.system.InvalidInputException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * PagerDuty Events API v2 ({@code POST /v2/enqueue}): {@code routing_key}, {@code event_action}
 * (trigger, acknowledge, resolve), {@code dedup_key}, {@code payload} (summary, source, severity,
 * timestamp, component, group, class, custom_details), {@code links}, {@code images},
 * {@code client}, {@code client_url}. Every problem is collected, because PagerDuty replies with the
 * whole list in {@code errors}.
 *
 * <p>The signal's fingerprint is the {@code dedup_key} (a random one is made and returned when a
 * trigger has none, as PagerDuty does). PagerDuty has no field for the service, which it takes from
 * the integration: Pitwall reads it from {@code custom_details.service}, else {@code payload.group};
 * the environment from {@code custom_details.environment} or {@code env}. {@code source},
 * {@code component}, {@code group} and {@code class} become labels.
 */
@Component
class PagerDutyFormat {

    static final int MAX_DETAILS = 256 * 1024;

    /** A parsed event and every problem found; {@code observation} is null when there are problems. */
    record Parsed(String routingKey, String dedupKey, Observation observation, List<String> errors) {}

    private final JsonMapper json;

    PagerDutyFormat(JsonMapper json) {
        this.json = json;
    }

    Parsed read(byte[] body, Instant receivedAt) {
        JsonNode node;
        try {
            node = json.readTree(body);
        } catch (JacksonException e) {
            return new Parsed(
                    null, null, null, List.of(AlertReader.unreadable(e).getMessage()));
        }
        JsonBody b = JsonBody.of(node);
        if (!b.problems().isEmpty()) {
            return new Parsed(null, null, null, List.of("The body must be a JSON object (an event)"));
        }
        String routingKey = b.requiredString("routing_key");
        Observation.Action action = action(b);
        String dedupKey = GenericSignalFormat.blankToNull(b.string("dedup_key"));
        if (dedupKey != null && dedupKey.length() > IntakeLimits.MAX_FINGERPRINT) {
            b.problem("dedup_key", "'dedup_key' is longer than " + IntakeLimits.MAX_FINGERPRINT + " characters");
        }
        Observation observation = null;
        if (action == Observation.Action.TRIGGER) {
            if (dedupKey == null) {
                dedupKey = HexFormat.of().formatHex(uuidBytes());
            }
            observation = trigger(b, dedupKey, receivedAt);
        } else if (action != null) {
            if (dedupKey == null) {
                b.problem(
                        "dedup_key",
                        "'dedup_key' is missing or blank; acknowledge and resolve need the key of the alert");
            }
            observation = new Observation(
                    dedupKey,
                    SignalSource.PAGERDUTY,
                    action,
                    false,
                    null,
                    null,
                    null,
                    null,
                    null,
                    Map.of(),
                    List.of(),
                    List.of(),
                    null,
                    null,
                    null,
                    receivedAt,
                    null,
                    null);
        }
        List<String> errors =
                b.problems().stream().map(JsonBody.Problem::message).toList();
        return new Parsed(routingKey, dedupKey, errors.isEmpty() ? observation : null, errors);
    }

    private static Observation.Action action(JsonBody b) {
        String text = b.requiredString("event_action");
        if (text == null) {
            return null;
        }
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "trigger" -> Observation.Action.TRIGGER;
            case "acknowledge" -> Observation.Action.ACKNOWLEDGE;
            case "resolve" -> Observation.Action.RESOLVE;
            default -> {
                b.problem("event_action", "'event_action' must be one of trigger, acknowledge or resolve");
                yield null;
            }
        };
    }

    private Observation trigger(JsonBody b, String dedupKey, Instant receivedAt) {
        JsonBody payload = b.object("payload");
        if (payload == null) {
            if (!b.has("payload")) {
                b.problem("payload", "'payload' is missing; a trigger needs summary, source and severity");
            }
            return null;
        }
        String summary = payload.requiredString("summary");
        String source = payload.requiredString("source");
        Severity severity = null;
        String severityText = payload.requiredString("severity");
        if (severityText != null) {
            severity = switch (severityText.trim().toLowerCase(Locale.ROOT)) {
                case "critical" -> Severity.CRITICAL;
                case "error" -> Severity.ERROR;
                case "warning" -> Severity.WARNING;
                case "info" -> Severity.INFO;
                default -> {
                    payload.problem("severity", "'payload.severity' must be one of critical, error, warning or info");
                    yield null;
                }
            };
        }
        Instant timestamp = payload.time("timestamp");
        Map<String, String> labels = new TreeMap<>();
        putLabel(labels, "source", source);
        putLabel(labels, "component", payload.string("component"));
        putLabel(labels, "group", payload.string("group"));
        putLabel(labels, "class", payload.string("class"));
        JsonNode customDetails = payload.raw("custom_details");
        String details = null;
        String service = GenericSignalFormat.blankToNull(payload.string("group"));
        String environment = null;
        if (customDetails != null) {
            details = json.writeValueAsString(customDetails);
            if (details.length() > MAX_DETAILS) {
                payload.problem("custom_details", "'payload.custom_details' is larger than 256 KB");
            }
            if (customDetails.isObject()) {
                service = firstString(customDetails, service, "service");
                environment = firstString(customDetails, null, "environment", "env");
            }
        }
        List<SignalView.Link> links = new ArrayList<>();
        for (JsonBody link : b.objects("links")) {
            String href = link.requiredString("href");
            if (href != null) {
                links.add(new SignalView.Link(href, GenericSignalFormat.blankToNull(link.string("text"))));
            }
        }
        String client = GenericSignalFormat.blankToNull(b.string("client"));
        String clientUrl = GenericSignalFormat.blankToNull(b.string("client_url"));
        if (clientUrl != null) {
            links.add(new SignalView.Link(clientUrl, client == null ? "Sender" : client));
        }
        List<SignalView.Image> images = new ArrayList<>();
        for (JsonBody image : b.objects("images")) {
            String src = image.requiredString("src");
            if (src != null) {
                images.add(new SignalView.Image(
                        src,
                        GenericSignalFormat.blankToNull(image.string("href")),
                        GenericSignalFormat.blankToNull(image.string("alt"))));
            }
        }
        if (links.size() > IntakeLimits.MAX_LINKS || images.size() > IntakeLimits.MAX_LINKS) {
            b.problem(
                    "links", "At most " + IntakeLimits.MAX_LINKS + " links and " + IntakeLimits.MAX_LINKS + " images");
        }
        try {
            IntakeLimits.labels("payload", labels);
            service = IntakeLimits.name("custom_details.service", service);
            environment = IntakeLimits.name("custom_details.environment", environment);
            for (SignalView.Link link : links) {
                IntakeLimits.url("links", link.href());
            }
            for (SignalView.Image image : images) {
                IntakeLimits.url("images", image.src());
            }
        } catch (InvalidInputException e) {
            b.problem(e.field(), e.getMessage());
        }
        if (summary == null || severity == null || source == null) {
            return null;
        }
        return new Observation(
                dedupKey,
                SignalSource.PAGERDUTY,
                Observation.Action.TRIGGER,
                true,
                severity,
                IntakeLimits.truncate(summary, IntakeLimits.MAX_TITLE),
                null,
                service,
                environment,
                labels,
                links,
                images,
                details,
                timestamp,
                null,
                receivedAt,
                null,
                null);
    }

    private static void putLabel(Map<String, String> labels, String name, String value) {
        if (value != null && !value.isBlank()) {
            labels.put(name, value);
        }
    }

    private static String firstString(JsonNode object, String fallback, String... names) {
        for (String name : names) {
            JsonNode value = object.get(name);
            if (value != null && value.isString() && !value.stringValue().isBlank()) {
                return value.stringValue();
            }
        }
        return fallback;
    }

    private static byte[] uuidBytes() {
        UUID uuid = UUID.randomUUID();
        byte[] bytes = new byte[16];
        long hi = uuid.getMostSignificantBits();
        long lo = uuid.getLeastSignificantBits();
        for (int i = 0; i < 8; i++) {
            bytes[i] = (byte) (hi >>> (56 - 8 * i));
            bytes[8 + i] = (byte) (lo >>> (56 - 8 * i));
        }
        return bytes;
    }
}
