package dev.pitwall.incidents;

import java.util.Locale;
import java.util.Optional;

/**
 * The roles of a response: the incident lead coordinates and decides, communications keeps
 * stakeholders and the status page informed, the scribe keeps the timeline. Any user, any time.
 */
public enum IncidentRole {
    LEAD("incident lead"),
    COMMUNICATIONS("communications"),
    SCRIBE("scribe");

    private final String title;

    IncidentRole(String title) {
        this.title = title;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** How the role reads in a sentence: "incident lead". */
    public String title() {
        return title;
    }

    public static Optional<IncidentRole> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.trim().toLowerCase(Locale.ROOT).replace('-', '_');
        if (t.equals("incident_lead") || t.equals("commander") || t.equals("incident_commander")) {
            return Optional.of(LEAD);
        }
        if (t.equals("comms")) {
            return Optional.of(COMMUNICATIONS);
        }
        for (IncidentRole r : values()) {
            if (r.label().equals(t)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }
}
