package dev.pitwall.incidents;

import dev.pitwall.signals.SignalSource;
import java.util.Locale;
import java.util.Optional;

/** How the problem came to light: a synthetic check, an alert, a customer, or staff declaring it. */
public enum DetectionSource {
    CHECK,
    ALERT,
    CUSTOMER,
    STAFF;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static DetectionSource of(SignalSource source) {
        return switch (source) {
            case CHECK -> CHECK;
            case REPORT -> CUSTOMER;
            case ALERTMANAGER, PAGERDUTY, GENERIC -> ALERT;
        };
    }

    public static Optional<DetectionSource> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        for (DetectionSource s : values()) {
            if (s.label().equals(text.trim().toLowerCase(Locale.ROOT))) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
