package dev.pitwall.incidents;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Where an incident stands. {@code triage} until someone acknowledges it; {@code monitoring} once
 * every signal has resolved or a fix is out (mitigated, not yet over); {@code resolved} by a
 * person or after a quiet period; {@code closed} once its postmortem is published.
 */
public enum IncidentStatus {
    TRIAGE,
    INVESTIGATING,
    IDENTIFIED,
    MONITORING,
    RESOLVED,
    CLOSED;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Open incidents collect signals and appear as ongoing on the status page. */
    public boolean isOpen() {
        return this != RESOLVED && this != CLOSED;
    }

    public static Optional<IncidentStatus> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String wanted = text.trim().toUpperCase(Locale.ROOT);
        return Arrays.stream(values()).filter(s -> s.name().equals(wanted)).findFirst();
    }

    static String allowed() {
        return Arrays.stream(values()).map(IncidentStatus::label).collect(Collectors.joining(", "));
    }
}
