package dev.pitwall.signals;

import dev.pitwall.system.InvalidInputException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads Alertmanager alerts (the objects of {@code POST /api/v2/alerts} and of a webhook's
 * {@code alerts}) with a streaming parser: this is the intake path that takes the most traffic,
 * and it never builds a tree of the body.
 */
final class AlertReader {

    private static final Set<String> ANNOTATIONS_USED = Set.of(
            "summary", "title", "description", "message", "runbook_url", "runbook", "dashboard_url", "dashboard");

    /** One alert as sent; strings are checked and converted by {@link #observation}. */
    record RawAlert(
            Map<String, String> labels,
            Map<String, String> annotations,
            String startsAt,
            String endsAt,
            String generatorUrl,
            String fingerprint,
            String status) {}

    private final SignalsProperties properties;
    private final JsonMapper json;

    AlertReader(SignalsProperties properties, JsonMapper json) {
        this.properties = properties;
        this.json = json;
    }

    JsonParser parser(byte[] body) {
        return json.createParser(body);
    }

    /** Reads the alert object the parser is at (its START_OBJECT is the current token). */
    RawAlert read(JsonParser p, String path) {
        Map<String, String> labels = null;
        Map<String, String> annotations = null;
        String startsAt = null;
        String endsAt = null;
        String generatorUrl = null;
        String fingerprint = null;
        String status = null;
        String name;
        while ((name = p.nextName()) != null) {
            JsonToken value = p.nextToken();
            switch (name) {
                case "labels" -> labels = stringMap(p, value, path + ".labels");
                case "annotations" -> annotations = stringMap(p, value, path + ".annotations");
                case "startsAt" -> startsAt = string(p, value, path + ".startsAt");
                case "endsAt" -> endsAt = string(p, value, path + ".endsAt");
                case "generatorURL" -> generatorUrl = string(p, value, path + ".generatorURL");
                case "fingerprint" -> fingerprint = string(p, value, path + ".fingerprint");
                case "status" -> status = string(p, value, path + ".status");
                default -> p.skipChildren();
            }
        }
        return new RawAlert(
                labels == null ? Map.of() : labels,
                annotations == null ? Map.of() : annotations,
                startsAt,
                endsAt,
                generatorUrl,
                fingerprint,
                status);
    }

    static Map<String, String> stringMap(JsonParser p, JsonToken token, String path) {
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (token != JsonToken.START_OBJECT) {
            throw new InvalidInputException(path, "Field '" + path + "' must be an object of names to strings");
        }
        Map<String, String> map = new TreeMap<>();
        String name;
        while ((name = p.nextName()) != null) {
            JsonToken value = p.nextToken();
            if (value == JsonToken.VALUE_NULL) {
                continue;
            }
            if (value != JsonToken.VALUE_STRING) {
                throw new InvalidInputException(
                        path + "." + name, "Field '" + path + "." + name + "' must be a string");
            }
            map.put(name, p.getString());
        }
        return map;
    }

    static String string(JsonParser p, JsonToken token, String path) {
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (token != JsonToken.VALUE_STRING) {
            p.skipChildren();
            throw new InvalidInputException(path, "Field '" + path + "' must be a string");
        }
        return p.getString();
    }

    /**
     * Turns an alert into an observation. {@code resolved} is the webhook's per-alert status; for
     * the API (null) an {@code endsAt} that has passed means resolved, as in Alertmanager.
     */
    Observation observation(RawAlert alert, String path, Instant receivedAt, Boolean resolved, String externalUrl) {
        Map<String, String> labels = alert.labels();
        if (labels.isEmpty()) {
            throw new InvalidInputException(
                    path + ".labels", "An alert needs at least one label (such as alertname); '" + path + "' has none");
        }
        for (String name : labels.keySet()) {
            if (!validLabelName(name)) {
                throw new InvalidInputException(
                        path + ".labels",
                        "'" + abbreviate(name) + "' in '" + path + ".labels' is not a valid label name: use letters,"
                                + " digits and underscores, not starting with a digit (as Prometheus does)");
            }
        }
        IntakeLimits.labels(path + ".labels", labels);
        Instant startsAt = Timestamps.parse(path + ".startsAt", alert.startsAt());
        Instant endsAt = Timestamps.parse(path + ".endsAt", alert.endsAt());
        if (resolved == null && startsAt != null && endsAt != null && endsAt.isBefore(startsAt)) {
            throw new InvalidInputException(
                    path + ".endsAt",
                    "'" + path + ".endsAt' is before its startsAt; an alert cannot end before it starts");
        }
        boolean isResolved = resolved != null ? resolved : endsAt != null && !endsAt.isAfter(receivedAt);
        String fingerprint = alert.fingerprint() == null || alert.fingerprint().isBlank()
                ? Fingerprints.alertmanager(labels)
                : IntakeLimits.fingerprint(path + ".fingerprint", alert.fingerprint());
        Map<String, String> annotations = alert.annotations();
        String title = first(annotations, "summary", "title");
        if (title == null) {
            title = labels.getOrDefault("alertname", fingerprint);
        }
        String description = first(annotations, "description", "message");
        return new Observation(
                fingerprint,
                SignalSource.ALERTMANAGER,
                isResolved ? Observation.Action.RESOLVE : Observation.Action.TRIGGER,
                true,
                severity(labels),
                IntakeLimits.truncate(title, IntakeLimits.MAX_TITLE),
                IntakeLimits.truncate(description, IntakeLimits.MAX_TEXT),
                nameFromLabels(path, labels, properties.serviceLabels()),
                nameFromLabels(path, labels, properties.environmentLabels()),
                labels,
                links(alert, annotations, externalUrl),
                List.of(),
                details(annotations),
                startsAt,
                isResolved ? endsAt : null,
                receivedAt,
                null,
                null);
    }

    private Severity severity(Map<String, String> labels) {
        return Severity.parse(labels.get(properties.severityLabel())).orElse(properties.defaultSeverity());
    }

    private static List<SignalView.Link> links(RawAlert alert, Map<String, String> annotations, String externalUrl) {
        List<SignalView.Link> links = new ArrayList<>(2);
        addLink(links, alert.generatorUrl(), "Source");
        addLink(links, first(annotations, "runbook_url", "runbook"), "Runbook");
        addLink(links, first(annotations, "dashboard_url", "dashboard"), "Dashboard");
        addLink(links, externalUrl, "Alertmanager");
        return links.isEmpty() ? List.of() : links;
    }

    private static void addLink(List<SignalView.Link> links, String href, String text) {
        if (href != null && !href.isBlank() && href.length() <= IntakeLimits.MAX_URL) {
            links.add(new SignalView.Link(href, text));
        }
    }

    /** Annotations Pitwall does not show elsewhere, kept as JSON. */
    private String details(Map<String, String> annotations) {
        Map<String, String> rest = null;
        for (Map.Entry<String, String> annotation : annotations.entrySet()) {
            if (!ANNOTATIONS_USED.contains(annotation.getKey())) {
                if (rest == null) {
                    rest = new TreeMap<>();
                }
                rest.put(annotation.getKey(), IntakeLimits.truncate(annotation.getValue(), IntakeLimits.MAX_TEXT));
            }
        }
        return rest == null ? null : json.writeValueAsString(Map.of("annotations", rest));
    }

    private static String first(Map<String, String> map, String... keys) {
        for (String key : keys) {
            String value = map.get(key);
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }

    /** The value of the first of these labels that is set, checked as a service or environment name. */
    private static String nameFromLabels(String path, Map<String, String> labels, List<String> keys) {
        for (String key : keys) {
            String value = labels.get(key);
            if (value != null && !value.isBlank()) {
                return IntakeLimits.name(path + ".labels." + key, value);
            }
        }
        return null;
    }

    /** Prometheus label names: {@code [a-zA-Z_][a-zA-Z0-9_]*}. */
    static boolean validLabelName(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
            if (!letter && (i == 0 || c < '0' || c > '9')) {
                return false;
            }
        }
        return true;
    }

    static InvalidInputException unreadable(JacksonException e) {
        String where = "";
        if (e instanceof StreamReadException read && read.getLocation() != null) {
            where = " at line " + read.getLocation().getLineNr() + ", column "
                    + read.getLocation().getColumnNr();
        }
        return new InvalidInputException(null, "The body is not valid JSON" + where + ": " + e.getOriginalMessage());
    }

    private static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 60) + "…";
    }
}
