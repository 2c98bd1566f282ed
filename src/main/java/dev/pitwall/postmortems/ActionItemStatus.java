package dev.pitwall.postmortems;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** Where an action item stands. Open and in-progress items can become overdue. */
public enum ActionItemStatus {
    OPEN,
    IN_PROGRESS,
    DONE,
    CANCELLED;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean isOpen() {
        return this == OPEN || this == IN_PROGRESS;
    }

    public static Optional<ActionItemStatus> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String wanted = text.trim().toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
        return Arrays.stream(values()).filter(s -> s.name().equals(wanted)).findFirst();
    }

    static String allowed() {
        return Arrays.stream(values()).map(ActionItemStatus::label).collect(Collectors.joining(", "));
    }
}
