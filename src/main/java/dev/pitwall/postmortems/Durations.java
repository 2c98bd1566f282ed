package dev.pitwall.postmortems;

import java.time.Duration;

/** Durations as a postmortem reads them: "14 s", "12 min", "2 h 5 min", "3 days 4 h". */
final class Durations {

    private Durations() {}

    static String describe(Duration duration) {
        if (duration == null) {
            return "—";
        }
        long seconds = Math.max(0, duration.toSeconds());
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
        long rest = hours % 24;
        return hours / 24 + " days" + (rest == 0 ? "" : " " + rest + " h");
    }
}
