package dev.pitwall.postmortems;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Where a postmortem stands: written as a draft, read in review, then published (which closes the incident). */
public enum PostmortemStatus {
    DRAFT("Draft"),
    IN_REVIEW("In review"),
    PUBLISHED("Published");

    private final String title;

    PostmortemStatus(String title) {
        this.title = title;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String title() {
        return title;
    }

    /** Drafts and postmortems in review can be edited; a published one is the record. */
    public boolean editable() {
        return this != PUBLISHED;
    }

    public static Optional<PostmortemStatus> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String wanted = text.trim().toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
        return Arrays.stream(values()).filter(s -> s.name().equals(wanted)).findFirst();
    }
}
