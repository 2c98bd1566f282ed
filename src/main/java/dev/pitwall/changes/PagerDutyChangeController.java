package dev.pitwall.changes;

import dev.pitwall.accounts.AccountService;
import dev.pitwall.accounts.Scope;
import dev.pitwall.accounts.TokenPrincipal;
import dev.pitwall.system.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * PagerDuty's Change Events API ({@code POST /v2/change/enqueue}), so that tools already sending
 * change events to PagerDuty need only a new URL. The {@code routing_key} is a Pitwall token with
 * the ingest scope; replies look like PagerDuty's. The service is
 * {@code payload.custom_details.service} or {@code payload.source}; {@code environment},
 * {@code version}, {@code kind}, {@code author} and {@code external_id} may also be given in
 * {@code custom_details}.
 */
@RestController
class PagerDutyChangeController {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    // PagerDuty takes ISO 8601 with or without the colon in the offset (2020-07-17T08:42:58.315+0000)
    private static final DateTimeFormatter ISO_LENIENT = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
            .optionalStart()
            .appendOffset("+HH:MM", "Z")
            .optionalEnd()
            .optionalStart()
            .appendOffset("+HHMM", "Z")
            .optionalEnd()
            .toFormatter();

    private final AccountService accounts;
    private final ChangeService changes;
    private final ChangeWriter writer;
    private final Clock clock;

    PagerDutyChangeController(AccountService accounts, ChangeService changes, ChangeWriter writer, Clock clock) {
        this.accounts = accounts;
        this.changes = changes;
        this.writer = writer;
        this.clock = clock;
    }

    // The token travels in the body (routing_key), so SecurityConfiguration lets the path through.
    @PostMapping("/v2/change/enqueue")
    @PreAuthorize("permitAll()")
    ResponseEntity<Map<String, Object>> enqueue(@RequestBody(required = false) byte[] body) {
        JsonNode root;
        try {
            root = body == null ? null : JSON.readTree(body);
        } catch (JacksonException e) {
            return invalid("The body is not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            return invalid("The body must be a change event object");
        }
        String routingKey = root.path("routing_key").asString("");
        if (routingKey.isBlank()) {
            return invalid("'routing_key' is missing or blank");
        }
        Optional<TokenPrincipal> token = accounts.authenticate(routingKey.strip());
        if (token.isEmpty() || !token.get().has(Scope.INGEST)) {
            return invalid("'routing_key' is not an active Pitwall token with the ingest scope");
        }
        JsonNode payload = root.path("payload");
        String summary = payload.path("summary").asString("");
        if (summary.isBlank()) {
            return invalid("'payload.summary' is missing or blank");
        }
        if (summary.length() > 1024) {
            return invalid("'payload.summary' is longer than 1024 characters");
        }
        try {
            NewChange change = change(root, payload, summary);
            var actor = token.get().actor();
            writer.write(() -> changes.record(change, ChangeSource.PAGERDUTY, actor));
        } catch (InvalidInputException e) {
            return invalid("'" + (e.field() == null ? "payload" : e.field()) + "': " + e.getMessage());
        }
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .body(Map.of("status", "success", "message", "Change event processed"));
    }

    private NewChange change(JsonNode root, JsonNode payload, String summary) {
        JsonNode details = payload.path("custom_details");
        String service = text(details, "service")
                .or(() -> text(payload, "source"))
                .orElseThrow(() -> new InvalidInputException(
                        "payload.source", "name the service in payload.source or payload.custom_details.service"));
        String timestamp = text(payload, "timestamp").orElse(null);
        Instant at = timestamp == null ? clock.instant() : time(timestamp);
        String version = text(details, "version").orElse(null);
        ChangeKind kind = text(details, "kind")
                .map(k -> ChangeFields.kind("payload.custom_details.kind", k))
                .orElse(version != null ? ChangeKind.DEPLOY : ChangeKind.OTHER);
        List<Link> links = new ArrayList<>();
        JsonNode sent = root.path("links");
        if (sent.isArray()) {
            for (int i = 0; i < sent.size(); i++) {
                Link link = new Link(
                        sent.get(i).path("href").asString(null),
                        sent.get(i).path("text").asString(null));
                NewChange.checkLink("links[" + i + "]", link);
                links.add(link);
            }
        }
        // PagerDuty change events carry no id; a retried send of the same event must not count twice
        String externalId = text(details, "external_id")
                .orElse(timestamp == null ? null : fingerprint(service + "\n" + summary + "\n" + timestamp));
        return new NewChange(
                externalId,
                service,
                text(details, "environment").orElse(null),
                kind,
                version,
                null,
                text(details, "commit_sha").orElse(null),
                List.of(),
                List.of(),
                text(details, "author").orElse(null),
                summary,
                links,
                at,
                at,
                ChangeStatus.SUCCEEDED);
    }

    private static Instant time(String text) {
        try {
            return OffsetDateTime.parse(text.strip(), ISO_LENIENT).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(
                    "payload.timestamp",
                    "'" + text + "' is not an ISO 8601 time with an offset such as 2026-11-24T18:00:00Z");
        }
    }

    private static ResponseEntity<Map<String, Object>> invalid(String error) {
        return ResponseEntity.badRequest()
                .body(Map.of(
                        "status", "invalid event", "message", "Event object is invalid", "errors", List.of(error)));
    }

    private static Optional<String> text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (value.isString() && !value.asString().isBlank()) {
            return Optional.of(value.asString());
        }
        if (value.isNumber()) {
            return Optional.of(value.asString());
        }
        return Optional.empty();
    }

    private static String fingerprint(String text) {
        try {
            return "sha256:"
                    + HexFormat.of()
                            .formatHex(
                                    MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
