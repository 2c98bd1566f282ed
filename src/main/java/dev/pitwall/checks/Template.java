package dev.pitwall.checks;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Text with placeholders, used in a step's URL, headers and body:
 *
 * <ul>
 *   <li>{@code ${secret:NAME}}: a secret from Pitwall's secret store or the environment variable NAME;
 *   <li>{@code ${NAME}}: a value an earlier step captured ({@code capture: {token: $.token}});
 *   <li>{@code ${login.body.token}}, {@code ${login.body.items[0].id}}: a JSON path into the body
 *       of the earlier step {@code login}; {@code ${login.headers.Location}}, {@code ${login.status}}.
 * </ul>
 *
 * {@code $${} writes a literal {@code ${}.
 */
record Template(String text, List<Part> parts) {

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");

    sealed interface Part permits Text, Secret, Captured, FromStep {}

    record Text(String text) implements Part {}

    record Secret(String name) implements Part {}

    record Captured(String name) implements Part {}

    /** {@code part} is {@code status}, {@code body} or {@code header}; {@code path} is set for a body path. */
    record FromStep(String step, String part, JsonPath path, String header, String source) implements Part {}

    static Template literal(String text) {
        return new Template(text, List.of(new Text(text)));
    }

    boolean isLiteral() {
        return parts.stream().allMatch(p -> p instanceof Text);
    }

    /** Parses the placeholders; the exception's message names the one that is wrong. */
    static Template parse(String text) {
        List<Part> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            if (text.startsWith("$${", i)) {
                literal.append("${");
                i += 3;
                continue;
            }
            if (text.startsWith("${", i)) {
                int close = text.indexOf('}', i + 2);
                if (close < 0) {
                    throw new IllegalArgumentException("'${' at position " + i + " is never closed with '}'");
                }
                if (!literal.isEmpty()) {
                    parts.add(new Text(literal.toString()));
                    literal.setLength(0);
                }
                parts.add(placeholder(text.substring(i + 2, close).trim()));
                i = close + 1;
                continue;
            }
            literal.append(text.charAt(i++));
        }
        if (!literal.isEmpty()) {
            parts.add(new Text(literal.toString()));
        }
        return new Template(text, List.copyOf(parts));
    }

    private static Part placeholder(String inside) {
        if (inside.startsWith("secret:")) {
            String name = inside.substring(7).trim();
            if (!IDENTIFIER.matcher(name).matches()) {
                throw new IllegalArgumentException(
                        "'${" + inside + "}' does not name a secret; secret names are letters,"
                                + " digits, _ and -, as in ${secret:PROPOSALS_TOKEN}");
            }
            return new Secret(name);
        }
        int dot = inside.indexOf('.');
        if (dot < 0) {
            if (!IDENTIFIER.matcher(inside).matches()) {
                throw new IllegalArgumentException(
                        "'${" + inside + "}' is not a placeholder; use ${secret:NAME}, ${NAME}"
                                + " for a captured value or ${step.body.path}");
            }
            return new Captured(inside);
        }
        String step = inside.substring(0, dot);
        String rest = inside.substring(dot + 1);
        if (!IDENTIFIER.matcher(step).matches()) {
            throw new IllegalArgumentException("'" + step + "' in ${" + inside + "} is not a step name");
        }
        if (rest.equals("status")) {
            return new FromStep(step, "status", null, null, inside);
        }
        if (rest.equals("body")) {
            return new FromStep(step, "body", null, null, inside);
        }
        if (rest.startsWith("body.") || rest.startsWith("body[")) {
            return new FromStep(step, "body", JsonPath.parse("$" + rest.substring(4)), null, inside);
        }
        for (String prefix : List.of("headers.", "header.")) {
            if (rest.startsWith(prefix) && rest.length() > prefix.length()) {
                return new FromStep(step, "header", null, rest.substring(prefix.length()), inside);
            }
        }
        throw new IllegalArgumentException("'${" + inside + "}' reads nothing a step has; use ${" + step
                + ".body.path}, ${" + step + ".headers.NAME} or ${" + step + ".status}");
    }

    String render(RunVariables variables) {
        if (isLiteral()) {
            return text.replace("$${", "${");
        }
        StringBuilder out = new StringBuilder();
        for (Part part : parts) {
            out.append(
                    switch (part) {
                        case Text t -> t.text();
                        case Secret s -> variables.secret(s.name());
                        case Captured c -> variables.captured(c.name());
                        case FromStep f -> variables.fromStep(f);
                    });
        }
        return out.toString();
    }
}
