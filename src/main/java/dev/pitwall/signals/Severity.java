package dev.pitwall.signals;

import java.util.Locale;
import java.util.Optional;

/** How bad a signal says things are; critical and error signals open an incident at once. */
public enum Severity {
    CRITICAL,
    ERROR,
    WARNING,
    INFO;

    /** The lower-case name used in the API and the UI, such as {@code warning}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Reads a severity as senders write it: the four names (PagerDuty's own), and the common
     * Alertmanager label values {@code page}, {@code high}, {@code warn}, {@code low} and so on.
     */
    public static Optional<Severity> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "critical", "crit", "page", "p1", "sev1", "fatal", "emergency", "disaster" -> Optional.of(CRITICAL);
            case "error", "err", "high", "major", "p2", "sev2" -> Optional.of(ERROR);
            case "warning", "warn", "medium", "minor", "average", "p3", "sev3" -> Optional.of(WARNING);
            case "info", "informational", "low", "notice", "none", "p4", "p5", "sev4" -> Optional.of(INFO);
            default -> Optional.empty();
        };
    }
}
