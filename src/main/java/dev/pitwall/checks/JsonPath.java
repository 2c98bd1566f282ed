package dev.pitwall.checks;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.MissingNode;

/**
 * A small JSON path: {@code $}, {@code .name}, {@code ['name']}, {@code [3]}, {@code [-1]} (from the
 * end), {@code [*]} or {@code .*} (every element), and functions that turn what came before into
 * one value: {@code length()} (also {@code size()}, {@code count()}), {@code min()}, {@code max()},
 * {@code sum()}, {@code avg()}, {@code first()}, {@code last()}, {@code keys()}, {@code type()}. So
 * {@code $.items.length()}, {@code $.items[0].id} and {@code $.items[*].price.sum()}. Filters
 * ({@code [?(...)]}) are not supported; a wildcard followed by {@code contains} covers most of their
 * uses in checks.
 */
final class JsonPath {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Set<String> FUNCTIONS =
            Set.of("length", "size", "count", "min", "max", "sum", "avg", "first", "last", "keys", "type");

    private sealed interface Segment permits Field, Index, Wildcard, Function {}

    private record Field(String name) implements Segment {}

    private record Index(int index) implements Segment {}

    private record Wildcard() implements Segment {}

    private record Function(String name) implements Segment {}

    private final String text;
    private final List<Segment> segments;

    private JsonPath(String text, List<Segment> segments) {
        this.text = text;
        this.segments = segments;
    }

    String text() {
        return text;
    }

    @Override
    public String toString() {
        return text;
    }

    /** Parses a path; the message of the exception says what is wrong and where. */
    static JsonPath parse(String text) {
        String path = text.trim();
        if (!path.startsWith("$")) {
            throw new IllegalArgumentException("a JSON path starts with $, as in $.items[0].id");
        }
        List<Segment> segments = new ArrayList<>();
        int i = 1;
        while (i < path.length()) {
            char c = path.charAt(i);
            if (c == '.') {
                i++;
                if (i < path.length() && path.charAt(i) == '*') {
                    segments.add(new Wildcard());
                    i++;
                    continue;
                }
                int start = i;
                while (i < path.length() && isNameChar(path.charAt(i))) {
                    i++;
                }
                if (start == i) {
                    throw new IllegalArgumentException(
                            "a name is missing after '.' at position " + start + " of " + path);
                }
                String name = path.substring(start, i);
                if (path.startsWith("()", i)) {
                    if (!FUNCTIONS.contains(name)) {
                        throw new IllegalArgumentException("unknown function " + name + "(); known are "
                                + String.join(
                                        "(), ", FUNCTIONS.stream().sorted().toList()) + "()");
                    }
                    segments.add(new Function(name));
                    i += 2;
                } else {
                    segments.add(new Field(name));
                }
            } else if (c == '[') {
                int close = findClose(path, i);
                String inside = path.substring(i + 1, close).trim();
                if (inside.equals("*")) {
                    segments.add(new Wildcard());
                } else if (inside.length() >= 2
                        && (inside.charAt(0) == '\'' || inside.charAt(0) == '"')
                        && inside.charAt(inside.length() - 1) == inside.charAt(0)) {
                    segments.add(new Field(inside.substring(1, inside.length() - 1)
                            .replace("\\'", "'")
                            .replace("\\\"", "\"")));
                } else if (inside.startsWith("?")) {
                    throw new IllegalArgumentException(
                            "filters like [?(...)] are not supported; use [*] with contains, as in $.items[*].id contains 17");
                } else {
                    try {
                        segments.add(new Index(Integer.parseInt(inside)));
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException(
                                "'[" + inside + "]' in " + path + " is neither an index, * nor a quoted name");
                    }
                }
                i = close + 1;
            } else {
                throw new IllegalArgumentException(
                        "unexpected '" + c + "' at position " + i + " of " + path + "; use .name, [n] or ['name']");
            }
        }
        return new JsonPath(path, List.copyOf(segments));
    }

    private static int findClose(String path, int open) {
        char quote = 0;
        for (int j = open + 1; j < path.length(); j++) {
            char c = path.charAt(j);
            if (quote != 0) {
                if (c == '\\') {
                    j++;
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == ']') {
                return j;
            }
        }
        throw new IllegalArgumentException("'[' at position " + open + " of " + path + " is never closed");
    }

    private static boolean isNameChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '@' || c == '$';
    }

    /** The value at this path, a {@link MissingNode} when there is none. */
    JsonNode evaluate(JsonNode root) {
        List<JsonNode> current = new ArrayList<>(List.of(root));
        boolean many = false;
        for (Segment segment : segments) {
            List<JsonNode> next = new ArrayList<>();
            switch (segment) {
                case Field(String name) -> {
                    for (JsonNode node : current) {
                        JsonNode child = node.isObject() ? node.get(name) : null;
                        if (child != null) {
                            next.add(child);
                        }
                    }
                }
                case Index(int index) -> {
                    for (JsonNode node : current) {
                        if (node.isArray()) {
                            int at = index < 0 ? node.size() + index : index;
                            if (at >= 0 && at < node.size()) {
                                next.add(node.get(at));
                            }
                        }
                    }
                }
                case Wildcard() -> {
                    for (JsonNode node : current) {
                        if (node.isArray() || node.isObject()) {
                            node.values().forEach(next::add);
                        }
                    }
                    many = true;
                }
                case Function(String name) -> {
                    JsonNode input =
                            many ? array(current) : current.isEmpty() ? MissingNode.getInstance() : current.getFirst();
                    JsonNode output = apply(name, input);
                    many = false;
                    if (!output.isMissingNode()) {
                        next.add(output);
                    }
                }
            }
            current = next;
            if (!many && current.isEmpty()) {
                return MissingNode.getInstance();
            }
        }
        if (many) {
            return array(current);
        }
        return current.isEmpty() ? MissingNode.getInstance() : current.getFirst();
    }

    private static ArrayNode array(List<JsonNode> nodes) {
        ArrayNode array = NODES.arrayNode(nodes.size());
        nodes.forEach(array::add);
        return array;
    }

    private static JsonNode apply(String function, JsonNode input) {
        if (input.isMissingNode()) {
            return input;
        }
        return switch (function) {
            case "length", "size", "count" -> {
                if (input.isArray() || input.isObject()) {
                    yield NODES.numberNode(input.size());
                }
                if (input.isString()) {
                    yield NODES.numberNode(input.asString().length());
                }
                yield input.isNull() ? NODES.numberNode(0) : MissingNode.getInstance();
            }
            case "first" -> input.isArray() && !input.isEmpty() ? input.get(0) : MissingNode.getInstance();
            case "last" ->
                input.isArray() && !input.isEmpty() ? input.get(input.size() - 1) : MissingNode.getInstance();
            case "keys" -> {
                ArrayNode keys = NODES.arrayNode();
                if (input.isObject()) {
                    input.propertyNames().forEach(keys::add);
                    yield keys;
                }
                yield MissingNode.getInstance();
            }
            case "type" -> NODES.stringNode(typeOf(input));
            default -> numbers(function, input);
        };
    }

    private static JsonNode numbers(String function, JsonNode input) {
        if (!input.isArray()) {
            return MissingNode.getInstance();
        }
        List<BigDecimal> values = new ArrayList<>();
        for (JsonNode value : input.values()) {
            if (value.isNumber()) {
                values.add(value.decimalValue());
            }
        }
        if (values.isEmpty()) {
            return function.equals("sum") ? NODES.numberNode(0) : MissingNode.getInstance();
        }
        BigDecimal sum = values.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        return NODES.numberNode(
                switch (function) {
                    case "min" -> values.stream().min(BigDecimal::compareTo).orElseThrow();
                    case "max" -> values.stream().max(BigDecimal::compareTo).orElseThrow();
                    case "sum" -> sum;
                    default -> sum.divide(BigDecimal.valueOf(values.size()), MathContext.DECIMAL64);
                });
    }

    static String typeOf(JsonNode node) {
        if (node.isMissingNode()) {
            return "missing";
        }
        if (node.isArray()) {
            return "array";
        }
        if (node.isObject()) {
            return "object";
        }
        if (node.isString()) {
            return "string";
        }
        if (node.isNumber()) {
            return "number";
        }
        if (node.isBoolean()) {
            return "boolean";
        }
        return node.isNull() ? "null" : "other";
    }
}
