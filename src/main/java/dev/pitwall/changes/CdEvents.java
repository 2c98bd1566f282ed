package dev.pitwall.changes;

import dev.pitwall.system.InvalidInputException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Reads CDEvents {@code dev.cdevents.service.deployed|upgraded|rolledback.*} events, bare or
 * wrapped in a CloudEvent in structured JSON mode ({@code specversion}, {@code type}, {@code data}).
 * The service is {@code customData.service} or the last segment of {@code subject.id}; the version
 * {@code customData.version} or the version of the package URL in {@code subject.content.artifactId}
 * ({@code pkg:oci/app@sha256:…} gives {@code sha256:…}); the environment
 * {@code subject.content.environment.id}. These events say that something happened, so the change
 * is recorded finished (succeeded) at the event's time.
 */
final class CdEvents {

    /** A CDEvent that Pitwall records, or why it does not. */
    record Parsed(NewChange change, String ignoredBecause) {}

    private CdEvents() {}

    static Parsed parse(JsonNode root) {
        JsonNode event = root;
        String envelopeType = null;
        if (root.has("specversion")) {
            envelopeType = text(root, "type").orElse(null);
            event = root.path("data");
            if (!event.isObject()) {
                throw new InvalidInputException(
                        "data", "The CloudEvent carries no CDEvent in 'data' (send structured JSON, not data_base64)");
            }
        }
        JsonNode context = event.path("context");
        String type = text(context, "type").orElse(envelopeType);
        if (type == null) {
            throw new InvalidInputException("context.type", "The event has no type (context.type)");
        }
        ChangeKind kind;
        if (type.startsWith("dev.cdevents.service.deployed.") || type.startsWith("dev.cdevents.service.upgraded.")) {
            kind = ChangeKind.DEPLOY;
        } else if (type.startsWith("dev.cdevents.service.rolledback.")) {
            kind = ChangeKind.ROLLBACK;
        } else {
            return new Parsed(null, "Pitwall records service deployed, upgraded and rolledback events, not " + type);
        }
        String id = text(context, "id")
                .orElseThrow(() -> new InvalidInputException("context.id", "The event has no context.id"));
        String source = text(context, "source").orElse("");
        Instant at = text(context, "timestamp")
                .map(t -> ChangeFields.time("context.timestamp", t))
                .orElseThrow(
                        () -> new InvalidInputException("context.timestamp", "The event has no context.timestamp"));
        JsonNode subject = event.path("subject");
        JsonNode content = subject.path("content");
        JsonNode custom = event.path("customData");
        String service = text(custom, "service")
                .or(() -> text(subject, "id").map(CdEvents::lastSegment))
                .orElseThrow(() ->
                        new InvalidInputException("subject.id", "The event has no subject.id naming the service"));
        String version = text(custom, "version")
                .or(() -> text(content, "artifactId").flatMap(CdEvents::purlVersion))
                .orElse(null);
        String environment = text(content.path("environment"), "id").orElse(null);
        NewChange change = new NewChange(
                source.isEmpty() ? id : source + "#" + id,
                service,
                environment,
                kind,
                version,
                null,
                null,
                List.of(),
                List.of(),
                text(custom, "author").orElse(null),
                "CDEvent " + type + (source.isEmpty() ? "" : " from " + source),
                List.of(),
                at,
                at,
                ChangeStatus.SUCCEEDED);
        return new Parsed(change, null);
    }

    /** The version of a package URL: {@code pkg:type/ns/name@version?qualifiers#subpath}. */
    static Optional<String> purlVersion(String purl) {
        int at = purl.lastIndexOf('@');
        if (!purl.startsWith("pkg:") || at < 0) {
            return Optional.empty();
        }
        String version = purl.substring(at + 1);
        int end = indexOfAny(version, '?', '#');
        if (end >= 0) {
            version = version.substring(0, end);
        }
        version = URLDecoder.decode(version, StandardCharsets.UTF_8);
        return version.isBlank() ? Optional.empty() : Optional.of(version);
    }

    private static int indexOfAny(String text, char a, char b) {
        int i = text.indexOf(a);
        int j = text.indexOf(b);
        return i < 0 ? j : j < 0 ? i : Math.min(i, j);
    }

    private static String lastSegment(String id) {
        String trimmed = id.endsWith("/") ? id.substring(0, id.length() - 1) : id;
        int slash = trimmed.lastIndexOf('/');
        return slash < 0 ? trimmed : trimmed.substring(slash + 1);
    }

    private static Optional<String> text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isString() && !value.asString().isBlank() ? Optional.of(value.asString()) : Optional.empty();
    }
}
