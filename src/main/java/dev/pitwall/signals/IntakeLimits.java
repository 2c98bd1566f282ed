package dev.pitwall.signals;

import dev.pitwall.catalog.CatalogService;
import dev.pitwall.system.InvalidInputException;
import java.util.Map;

/**
 * What one request may carry. Anything over a limit is refused with 400 and a detail that names the
 * field and the limit; nothing of the request is stored. docs/signals.md lists the same numbers.
 */
final class IntakeLimits {

    static final int MAX_ALERTS = 1000;
    static final int MAX_LABELS = 200;
    static final int MAX_LABEL_NAME = 256;
    static final int MAX_LABEL_VALUE_BYTES = 10 * 1024;
    static final int MAX_TITLE = 1024;
    static final int MAX_TEXT = 64 * 1024;
    static final int MAX_FINGERPRINT = 255;
    static final int MAX_LINKS = 50;
    static final int MAX_URL = 2048;
    static final int MAX_NAME = CatalogService.MAX_NAME;

    private IntakeLimits() {}

    /** Label names and values: at most 200 labels, names up to 256 characters, values up to 10 KB. */
    static void labels(String field, Map<String, String> labels) {
        if (labels.size() > MAX_LABELS) {
            throw new InvalidInputException(
                    field, "At most " + MAX_LABELS + " labels are allowed, got " + labels.size());
        }
        for (Map.Entry<String, String> label : labels.entrySet()) {
            String name = label.getKey();
            if (name.isEmpty() || name.length() > MAX_LABEL_NAME) {
                throw new InvalidInputException(
                        field, "Label names have 1 to " + MAX_LABEL_NAME + " characters, got " + name.length());
            }
            if (utf8Length(label.getValue()) > MAX_LABEL_VALUE_BYTES) {
                throw new InvalidInputException(
                        field + "." + name,
                        "The label '" + name + "' is " + utf8Length(label.getValue())
                                + " bytes long; label values are limited to " + MAX_LABEL_VALUE_BYTES
                                + " bytes (10 KB). Put long text in an annotation or the description");
            }
        }
    }

    static String text(String field, String value, int max) {
        if (value != null && value.length() > max) {
            throw new InvalidInputException(
                    field, "Field '" + field + "' has " + value.length() + " characters; the limit is " + max);
        }
        return value;
    }

    /** Shortens text from senders that cannot be told to send less (Alertmanager, PagerDuty). */
    static String truncate(String value, int max) {
        if (value == null || value.length() <= max) {
            return value;
        }
        return value.substring(0, max - 1) + "…";
    }

    static String fingerprint(String field, String value) {
        if (value != null && value.length() > MAX_FINGERPRINT) {
            throw new InvalidInputException(
                    field,
                    "Field '" + field + "' has " + value.length() + " characters; a fingerprint has at most "
                            + MAX_FINGERPRINT);
        }
        return value;
    }

    /** A service or environment name: up to 200 characters, no control characters. */
    static String name(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String trimmed = value.trim();
        if (!validServiceName(trimmed)) {
            throw new InvalidInputException(
                    field,
                    "Field '" + field + "' must be a name of at most " + MAX_NAME
                            + " characters without control characters");
        }
        return trimmed;
    }

    static boolean validServiceName(String value) {
        return value != null
                && !value.isBlank()
                && value.length() <= MAX_NAME
                && value.chars().noneMatch(Character::isISOControl);
    }

    static String url(String field, String value) {
        if (value != null && value.length() > MAX_URL) {
            throw new InvalidInputException(
                    field, "Field '" + field + "' has " + value.length() + " characters; URLs have at most " + MAX_URL);
        }
        return value;
    }

    /** The UTF-8 length, exact whenever it could exceed the label value limit (cheap for short values). */
    static int utf8Length(String value) {
        int length = value.length();
        if (length * 3 <= MAX_LABEL_VALUE_BYTES) {
            return length;
        }
        int bytes = 0;
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if (c < 0x80) {
                bytes++;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c)) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }
}
