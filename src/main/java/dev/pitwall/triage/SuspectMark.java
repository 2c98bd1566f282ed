package dev.pitwall.triage;

import java.util.Locale;
import java.util.Optional;

/**
 * What responders said about a suspect change: nothing yet, that it caused the incident (a
 * confirmed cause, which postmortems and insights use and the history rule counts for later
 * incidents), or that it did not.
 */
public enum SuspectMark {
    NONE,
    CONFIRMED_CAUSE,
    RULED_OUT;

    /** The lower-case name used in the API and the database, such as {@code confirmed_cause}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** How the mark reads in a sentence: "confirmed cause", "ruled out". */
    public String words() {
        return switch (this) {
            case NONE -> "no mark";
            case CONFIRMED_CAUSE -> "confirmed cause";
            case RULED_OUT -> "ruled out";
        };
    }

    public static Optional<SuspectMark> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String wanted = text.strip().replace('-', '_').replace(' ', '_').toUpperCase(Locale.ROOT);
        for (SuspectMark mark : values()) {
            if (mark.name().equals(wanted)) {
                return Optional.of(mark);
            }
        }
        return Optional.empty();
    }
}
