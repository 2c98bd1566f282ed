package dev.pitwall.cli;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Times as people type them on a command line, in the local time zone: {@code now},
 * {@code yesterday 18:00}, {@code today 9:30}, {@code 18:00}, {@code 2h ago}, {@code 3d ago},
 * {@code 2026-11-24 18:00}, {@code 2026-11-24}, or RFC 3339 ({@code 2026-11-24T18:00:00Z}).
 */
final class HumanTime {

    private static final Pattern DAY_AND_TIME = Pattern.compile("(today|yesterday)(?:\\s+(\\d{1,2}):(\\d{2}))?");
    private static final Pattern CLOCK = Pattern.compile("(\\d{1,2}):(\\d{2})");
    private static final Pattern AGO = Pattern.compile("(\\d+)\\s*(m|min|minutes?|h|hours?|d|days?)\\s+ago");

    private HumanTime() {}

    static Instant parse(String text, Clock clock) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        ZonedDateTime now = ZonedDateTime.now(clock);
        if (t.equals("now")) {
            return now.toInstant();
        }
        Matcher m = DAY_AND_TIME.matcher(t);
        if (m.matches()) {
            LocalDate day = now.toLocalDate().minusDays(m.group(1).equals("yesterday") ? 1 : 0);
            LocalTime time = m.group(2) == null ? LocalTime.MIDNIGHT : clock(m.group(2), m.group(3), text);
            return day.atTime(time).atZone(now.getZone()).toInstant();
        }
        m = CLOCK.matcher(t);
        if (m.matches()) {
            return now.toLocalDate()
                    .atTime(clock(m.group(1), m.group(2), text))
                    .atZone(now.getZone())
                    .toInstant();
        }
        m = AGO.matcher(t);
        if (m.matches()) {
            long amount = Long.parseLong(m.group(1));
            Duration duration = switch (m.group(2).charAt(0)) {
                case 'm' -> Duration.ofMinutes(amount);
                case 'h' -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
            return now.toInstant().minus(duration);
        }
        try {
            return OffsetDateTime.parse(text.strip()).toInstant();
        } catch (DateTimeParseException ignored) {
            // not RFC 3339; try a local date and time
        }
        try {
            return LocalDateTime.parse(text.strip().replace(' ', 'T'))
                    .atZone(now.getZone())
                    .toInstant();
        } catch (DateTimeParseException ignored) {
            // not a local date and time; try a date
        }
        try {
            return LocalDate.parse(text.strip()).atStartOfDay(now.getZone()).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + text + "' is not a time; write it like \"yesterday 18:00\","
                    + " \"today 09:00\", \"2h ago\", \"2026-11-24 18:00\" or 2026-11-24T18:00:00Z");
        }
    }

    private static LocalTime clock(String hours, String minutes, String text) {
        int h = Integer.parseInt(hours);
        int m = Integer.parseInt(minutes);
        if (h > 23 || m > 59) {
            throw new IllegalArgumentException("'" + text + "' has no such time of day");
        }
        return LocalTime.of(h, m);
    }
}
