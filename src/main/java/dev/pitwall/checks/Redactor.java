package dev.pitwall.checks;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Masks the secrets one run used, wherever its results are shown: the URL, errors, assertion
 * values and the response excerpt (a target may echo a token back). Each secret is masked as
 * written, URL-encoded and JSON-escaped, as {@code [secret:NAME]}.
 */
final class Redactor {

    private final Map<String, String> replacements = new LinkedHashMap<>();

    void add(String name, String value) {
        if (value == null || value.isEmpty()) {
            return;
        }
        String mask = "[secret:" + name + "]";
        replacements.put(value, mask);
        replacements.putIfAbsent(URLEncoder.encode(value, StandardCharsets.UTF_8), mask);
        replacements.putIfAbsent(
                value.replace("\\", "\\\\").replace("\"", "\\\"").replace("/", "\\/"), mask);
    }

    boolean isEmpty() {
        return replacements.isEmpty();
    }

    String redact(String text) {
        if (text == null || replacements.isEmpty()) {
            return text;
        }
        String out = text;
        // longer values first, so a secret that contains another is masked whole
        for (Map.Entry<String, String> e : replacements.entrySet().stream()
                .sorted(Comparator.comparingInt(
                                (Map.Entry<String, String> x) -> x.getKey().length())
                        .reversed())
                .toList()) {
            out = out.replace(e.getKey(), e.getValue());
        }
        return out;
    }
}
