package dev.pitwall.accounts;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What an API token may do. {@code ingest} sends data in (changes, alerts, reports), {@code read}
 * reads, {@code admin} does everything, including the operations a responder does in the UI.
 */
public enum Scope {
    INGEST,
    READ,
    ADMIN;

    /** The Spring Security authority an endpoint asks for: {@code SCOPE_ingest}. */
    public String authority() {
        return "SCOPE_" + name().toLowerCase();
    }

    public String label() {
        return name().toLowerCase();
    }

    public static Scope parse(String text) {
        return Arrays.stream(values())
                .filter(s -> s.label().equalsIgnoreCase(text.trim()))
                .findFirst()
                .orElseThrow(() ->
                        new IllegalArgumentException("Unknown scope '" + text + "'; use one of: ingest, read, admin"));
    }

    static String join(Set<Scope> scopes) {
        return scopes.stream().sorted().map(Scope::label).collect(Collectors.joining(","));
    }

    static Set<Scope> split(String text) {
        EnumSet<Scope> scopes = EnumSet.noneOf(Scope.class);
        for (String part : text.split(",")) {
            if (!part.isBlank()) {
                scopes.add(parse(part));
            }
        }
        return scopes;
    }
}
