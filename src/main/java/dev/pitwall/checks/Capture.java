package dev.pitwall.checks;

import java.util.regex.Pattern;

/**
 * A value a step keeps for later steps, referred to as {@code ${name}}: a JSON path into the body
 * ({@code $.token}), a response header ({@code header Location}), the status, the whole body, or the
 * first group of a regular expression over the body ({@code regex order-(\d+)}).
 */
record Capture(String name, Source source, String expression, JsonPath path, String header, Pattern regex) {

    enum Source {
        JSON,
        HEADER,
        STATUS,
        BODY,
        REGEX
    }

    static Capture parse(String name, String expression) {
        String text = expression.trim();
        if (text.startsWith("$")) {
            return new Capture(name, Source.JSON, text, JsonPath.parse(text), null, null);
        }
        if (text.equals("status")) {
            return new Capture(name, Source.STATUS, text, null, null, null);
        }
        if (text.equals("body")) {
            return new Capture(name, Source.BODY, text, null, null, null);
        }
        if (text.startsWith("header ")) {
            String header = text.substring(7).trim();
            if (header.isEmpty()) {
                throw new IllegalArgumentException("name the header, as in 'header Location'");
            }
            return new Capture(name, Source.HEADER, text, null, header, null);
        }
        if (text.startsWith("regex ")) {
            Pattern pattern = Pattern.compile(text.substring(6).trim());
            return new Capture(name, Source.REGEX, text, null, null, pattern);
        }
        throw new IllegalArgumentException("'" + expression
                + "' is not a capture: use a JSON path ($.token), 'header NAME', 'status', 'body' or 'regex PATTERN'");
    }
}
