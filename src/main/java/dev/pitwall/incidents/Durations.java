package dev.pitwall.incidents;

import java.time.Duration;

/** Durations as a responder says them: "14 s", "10 min", "2 h 5 min", "3 days". */
final class Durations {

    private Durations() {}

    static String describe(Duration duration) {
        long seconds = Math.abs(duration.toSeconds());
        if (seconds < 60) {
            return seconds + " s";
        }
        long minutes = seconds / 60;
        if (minutes < 60) {
            long rest = seconds % 60;
            return rest == 0 || minutes >= 10 ? minutes + " min" : minutes + " min " + rest + " s";
        }
        long hours = minutes / 60;
        if (hours < 48) {
            long rest = minutes % 60;
            return rest == 0 ? hours + " h" : hours + " h " + rest + " min";
        }
        return hours / 24 + " days";
    }

    /** How a duration is written in pitwall.yaml and forms: {@code 10m}, {@code 90s}, {@code 2h}. */
    static String format(Duration duration) {
        long seconds = duration.toSeconds();
        if (seconds == 0) {
            return "0";
        }
        if (seconds % 86400 == 0) {
            return seconds / 86400 + "d";
        }
        if (seconds % 3600 == 0) {
            return seconds / 3600 + "h";
        }
        if (seconds % 60 == 0) {
            return seconds / 60 + "m";
        }
        return seconds + "s";
    }

    /** Reads {@code 10m}, {@code 90s}, {@code 1h30m}, {@code 2d} or {@code 0}; empty when not a duration. */
    static java.util.Optional<Duration> parse(String text) {
        if (text == null) {
            return java.util.Optional.empty();
        }
        String compact = text.replace(" ", "").toLowerCase(java.util.Locale.ROOT);
        if (compact.equals("0") || compact.equals("off")) {
            return java.util.Optional.of(Duration.ZERO);
        }
        java.util.regex.Matcher m =
                java.util.regex.Pattern.compile("(\\d{1,9})(ms|s|m|h|d)").matcher(compact);
        Duration total = Duration.ZERO;
        int end = 0;
        while (m.find() && m.start() == end) {
            long n = Long.parseLong(m.group(1));
            total = total.plus(
                    switch (m.group(2)) {
                        case "ms" -> Duration.ofMillis(n);
                        case "s" -> Duration.ofSeconds(n);
                        case "m" -> Duration.ofMinutes(n);
                        case "h" -> Duration.ofHours(n);
                        default -> Duration.ofDays(n);
                    });
            end = m.end();
        }
        return compact.isEmpty() || end != compact.length() ? java.util.Optional.empty() : java.util.Optional.of(total);
    }
}
