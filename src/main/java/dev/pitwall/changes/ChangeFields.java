package dev.pitwall.changes;

import dev.pitwall.system.InvalidInputException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Reads the text fields senders use for kinds, statuses and times, naming the field on a mistake. */
final class ChangeFields {

    static final String KINDS = names(ChangeKind.values());
    static final String STATUSES = names(ChangeStatus.values());

    private ChangeFields() {}

    static ChangeKind kind(String field, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return ChangeKind.valueOf(normalize(text));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(field, "Unknown kind '" + text + "'; use one of: " + KINDS);
        }
    }

    static ChangeStatus status(String field, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return ChangeStatus.valueOf(normalize(text));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(field, "Unknown status '" + text + "'; use one of: " + STATUSES);
        }
    }

    static ChangeVerification verification(String field, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return ChangeVerification.valueOf(normalize(text));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(
                    field, "Unknown verification '" + text + "'; use one of: " + names(ChangeVerification.values()));
        }
    }

    /** An RFC 3339 timestamp with its offset, such as {@code 2026-11-24T18:00:00Z} or {@code …+01:00}. */
    static Instant time(String field, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text.strip(), DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                    .toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(
                    field,
                    "'" + text + "' is not an RFC 3339 timestamp; write it like 2026-11-24T18:00:00Z or"
                            + " 2026-11-24T19:00:00+01:00");
        }
    }

    static String label(Enum<?> value) {
        return value == null ? null : value.name().toLowerCase(Locale.ROOT);
    }

    private static String normalize(String text) {
        return text.strip().toUpperCase(Locale.ROOT).replace('-', '_');
    }

    private static String names(Enum<?>[] values) {
        return Arrays.stream(values).map(ChangeFields::label).collect(Collectors.joining(", "));
    }
}
