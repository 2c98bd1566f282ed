package dev.pitwall.postmortems;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What an action item is. A {@code safeguard-check} becomes a synthetic check and is done only
 * once that check has passed a post-deploy verification.
 */
public enum ActionItemKind {
    SAFEGUARD_CHECK("safeguard-check", "Safeguard check"),
    TEST("test", "Test"),
    FIX("fix", "Fix"),
    PROCESS("process", "Process"),
    DOCS("docs", "Docs");

    private final String label;
    private final String title;

    ActionItemKind(String label, String title) {
        this.label = label;
        this.title = title;
    }

    public String label() {
        return label;
    }

    public String title() {
        return title;
    }

    public static Optional<ActionItemKind> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String wanted = text.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        return Arrays.stream(values()).filter(k -> k.label.equals(wanted)).findFirst();
    }

    static String allowed() {
        return Arrays.stream(values()).map(ActionItemKind::label).collect(Collectors.joining(", "));
    }
}
