package dev.pitwall.signals;

import dev.pitwall.system.InvalidInputException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;

/**
 * Reads the timestamps senders write: RFC 3339 ({@code 2026-11-24T18:00:00.123456789Z},
 * {@code +02:00}) and the ISO 8601 form without a colon in the offset that PagerDuty's own examples
 * use ({@code 2015-07-17T08:42:58.315+0000}). Go's zero time ({@code 0001-01-01T00:00:00Z}, what
 * Alertmanager sends for "no end") reads as no time at all.
 */
final class Timestamps {

    private static final DateTimeFormatter COMPACT_OFFSET = new DateTimeFormatterBuilder()
            .appendPattern("uuuu-MM-dd'T'HH:mm:ss")
            .optionalStart()
            .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
            .optionalEnd()
            .appendOffset("+HHMM", "Z")
            .toFormatter();

    private static final Instant GO_ZERO_LIMIT = Instant.parse("0002-01-01T00:00:00Z");

    private Timestamps() {}

    /** The instant, or null for null, blank and Go's zero time; invalid text is a 400 naming the field. */
    static Instant parse(String field, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String trimmed = text.trim();
        Instant instant;
        try {
            instant = Instant.parse(trimmed);
        } catch (DateTimeParseException e) {
            try {
                instant = OffsetDateTime.parse(trimmed).toInstant();
            } catch (DateTimeParseException e2) {
                try {
                    instant = OffsetDateTime.parse(trimmed, COMPACT_OFFSET).toInstant();
                } catch (DateTimeParseException e3) {
                    throw new InvalidInputException(
                            field,
                            "Field '" + field + "' has the value '" + abbreviate(trimmed)
                                    + "', which is not an RFC 3339 timestamp such as 2026-11-24T18:00:00Z");
                }
            }
        }
        return instant.isBefore(GO_ZERO_LIMIT) ? null : instant;
    }

    private static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 60) + "…";
    }
}
