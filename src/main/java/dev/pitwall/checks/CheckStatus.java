package dev.pitwall.checks;

import java.util.Locale;

/** Where a check stands after its thresholds: no result yet, passing, or failing (its signal is open). */
enum CheckStatus {
    PENDING,
    UP,
    DOWN;

    String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    static CheckStatus parse(String text) {
        return valueOf(text.toUpperCase(Locale.ROOT));
    }
}
