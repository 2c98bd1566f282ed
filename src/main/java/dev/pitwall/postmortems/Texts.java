package dev.pitwall.postmortems;

import dev.pitwall.system.InvalidInputException;

/** The limits of what people write in a postmortem, checked in one place with the field named. */
final class Texts {

    static final int TITLE = 200;
    static final int SECTION = 20_000;
    static final int SHORT = 2_000;
    static final int ACCOUNT = 10_000;
    static final int REASON = 1_000;

    private Texts() {}

    /** Trimmed text, null when empty; refused when longer than {@code max}. */
    static String optional(String field, String text, int max) {
        if (text == null) {
            return null;
        }
        String trimmed = text.strip();
        if (trimmed.length() > max) {
            throw new InvalidInputException(
                    field, field + " has " + trimmed.length() + " characters; at most " + max + " are kept");
        }
        return trimmed.isEmpty() ? null : trimmed;
    }

    static String required(String field, String text, int max) {
        String value = optional(field, text, max);
        if (value == null) {
            throw new InvalidInputException(field, field + " is required and cannot be empty");
        }
        return value;
    }
}
