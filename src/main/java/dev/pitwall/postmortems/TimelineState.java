package dev.pitwall.postmortems;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * How a postmortem shows an entry of the incident timeline: a key moment (pinned entries start as
 * key moments), shown, or hidden. The entry itself is never changed.
 */
enum TimelineState {
    KEY,
    SHOWN,
    HIDDEN;

    String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Optional<TimelineState> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String wanted = text.trim().toUpperCase(Locale.ROOT);
        return Arrays.stream(values()).filter(s -> s.name().equals(wanted)).findFirst();
    }
}
