package dev.pitwall.incidents;

import dev.pitwall.signals.Severity;
import java.util.Locale;
import java.util.Optional;

/** How bad an incident is: SEV1 (most severe, many users cannot work) to SEV4 (minor). */
public enum IncidentSeverity {
    SEV1("Critical: a core journey is down for many users"),
    SEV2("Major: a core journey is degraded or down for some users"),
    SEV3("Minor: a non-core feature is affected, or a workaround exists"),
    SEV4("Low: no visible user impact yet");

    private final String meaning;

    IncidentSeverity(String meaning) {
        this.meaning = meaning;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String meaning() {
        return meaning;
    }

    /** True when this is worse than {@code other} (SEV1 is worse than SEV2). */
    public boolean worseThan(IncidentSeverity other) {
        return ordinal() < other.ordinal();
    }

    /** The severity an incident opened (or escalated) by a signal of this severity starts with. */
    public static IncidentSeverity of(Severity signal) {
        return switch (signal) {
            case CRITICAL -> SEV1;
            case ERROR -> SEV2;
            case WARNING -> SEV3;
            case INFO -> SEV4;
        };
    }

    /** Accepts {@code sev2}, {@code SEV2} and {@code 2}. */
    public static Optional<IncidentSeverity> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.trim().toUpperCase(Locale.ROOT);
        if (t.matches("[1-4]")) {
            t = "SEV" + t;
        }
        for (IncidentSeverity s : values()) {
            if (s.name().equals(t)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
