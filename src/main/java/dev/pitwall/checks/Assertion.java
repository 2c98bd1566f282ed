package dev.pitwall.checks;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.MissingNode;

/**
 * One thing a step must see, written as {@code SUBJECT OPERATOR VALUE}:
 *
 * <pre>
 * status == 200            status in 200..299        status in [200, 204]     status == 2xx
 * response_time &lt; 800ms
 * body contains "line_items"                         body matches "\"id\":\s*\d+"
 * header Content-Type contains json                  header Location exists
 * $.items.length() &gt; 0     $.total &gt;= 1              $.items[0].id == 17      $.status == "active"
 * $.items[*].id contains 17                          $.error !exists
 * tls.days_left &gt; 14
 * answers contains 10.0.0.7                          answers.count &gt;= 2   (DNS)
 * </pre>
 *
 * Operators: {@code == != < <= > >= contains !contains matches !matches in !in exists !exists}
 * ({@code not contains}, {@code not matches}, {@code not in}, {@code not exists} also work).
 */
record Assertion(String source, Subject subject, String header, JsonPath path, Operator operator, Expected expected) {

    enum Subject {
        STATUS("status"),
        RESPONSE_TIME("response_time"),
        BODY("body"),
        HEADER("header"),
        JSON("JSON path"),
        TLS_DAYS_LEFT("tls.days_left"),
        ANSWERS("answers"),
        ANSWER_COUNT("answers.count");

        final String label;

        Subject(String label) {
            this.label = label;
        }
    }

    enum Operator {
        EQ("=="),
        NE("!="),
        LT("<"),
        LE("<="),
        GT(">"),
        GE(">="),
        CONTAINS("contains"),
        NOT_CONTAINS("!contains"),
        MATCHES("matches"),
        NOT_MATCHES("!matches"),
        IN("in"),
        NOT_IN("!in"),
        EXISTS("exists"),
        NOT_EXISTS("!exists");

        final String symbol;

        Operator(String symbol) {
            this.symbol = symbol;
        }

        boolean ordering() {
            return this == LT || this == LE || this == GT || this == GE;
        }
    }

    /** What an assertion compares against. */
    sealed interface Expected permits Literal, Range, OneOf, Regex, Nothing {}

    record Literal(JsonNode value, String text) implements Expected {}

    record Range(BigDecimal from, BigDecimal to, String text) implements Expected {}

    record OneOf(List<JsonNode> values, String text) implements Expected {}

    record Regex(Pattern pattern, String text) implements Expected {}

    record Nothing() implements Expected {}

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Pattern STATUS_CLASS = Pattern.compile("([1-5])xx", Pattern.CASE_INSENSITIVE);
    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m)?");
    private static final Pattern RANGE = Pattern.compile("(-?\\d+(?:\\.\\d+)?)\\s*\\.\\.\\s*(-?\\d+(?:\\.\\d+)?)");
    private static final long REGEX_BUDGET_NANOS = 100_000_000L;
    private static final Map<String, Operator> OPERATORS = Map.ofEntries(
            Map.entry("==", Operator.EQ),
            Map.entry("!=", Operator.NE),
            Map.entry("<", Operator.LT),
            Map.entry("<=", Operator.LE),
            Map.entry(">", Operator.GT),
            Map.entry(">=", Operator.GE),
            Map.entry("contains", Operator.CONTAINS),
            Map.entry("!contains", Operator.NOT_CONTAINS),
            Map.entry("matches", Operator.MATCHES),
            Map.entry("!matches", Operator.NOT_MATCHES),
            Map.entry("in", Operator.IN),
            Map.entry("!in", Operator.NOT_IN),
            Map.entry("exists", Operator.EXISTS),
            Map.entry("!exists", Operator.NOT_EXISTS));
    private static final Map<Subject, Set<Operator>> ALLOWED = Map.of(
            Subject.STATUS,
                    Set.of(
                            Operator.EQ,
                            Operator.NE,
                            Operator.LT,
                            Operator.LE,
                            Operator.GT,
                            Operator.GE,
                            Operator.IN,
                            Operator.NOT_IN),
            Subject.RESPONSE_TIME, Set.of(Operator.LT, Operator.LE, Operator.GT, Operator.GE),
            Subject.BODY,
                    Set.of(
                            Operator.EQ,
                            Operator.NE,
                            Operator.CONTAINS,
                            Operator.NOT_CONTAINS,
                            Operator.MATCHES,
                            Operator.NOT_MATCHES),
            Subject.HEADER,
                    Set.of(
                            Operator.EQ,
                            Operator.NE,
                            Operator.CONTAINS,
                            Operator.NOT_CONTAINS,
                            Operator.MATCHES,
                            Operator.NOT_MATCHES,
                            Operator.EXISTS,
                            Operator.NOT_EXISTS),
            Subject.JSON, Set.of(Operator.values()),
            Subject.TLS_DAYS_LEFT, Set.of(Operator.EQ, Operator.NE, Operator.LT, Operator.LE, Operator.GT, Operator.GE),
            Subject.ANSWERS, Set.of(Operator.CONTAINS, Operator.NOT_CONTAINS),
            Subject.ANSWER_COUNT, Set.of(Operator.EQ, Operator.NE, Operator.LT, Operator.LE, Operator.GT, Operator.GE));

    /** Which step kinds an assertion's subject applies to. */
    boolean appliesTo(String kind) {
        return switch (subject) {
            case STATUS, BODY, HEADER, JSON, TLS_DAYS_LEFT -> kind.equals("http");
            case ANSWERS, ANSWER_COUNT -> kind.equals("dns");
            case RESPONSE_TIME -> true;
        };
    }

    /** Parses an assertion; the exception's message says what is wrong, for the user to fix. */
    static Assertion parse(String text) {
        String source = text == null ? "" : text.trim();
        if (source.isEmpty()) {
            throw new IllegalArgumentException("an assertion is empty; write e.g. 'status == 200'");
        }
        int at = 0;
        Subject subject;
        String header = null;
        JsonPath path = null;
        if (source.startsWith("$")) {
            int end = endOfPath(source);
            path = JsonPath.parse(source.substring(0, end));
            subject = Subject.JSON;
            at = end;
        } else {
            String word = nextWord(source, 0);
            at = word.length();
            String lower = word.toLowerCase(Locale.ROOT);
            subject = switch (lower) {
                case "status", "status_code", "code" -> Subject.STATUS;
                case "response_time", "duration", "time" -> Subject.RESPONSE_TIME;
                case "body" -> Subject.BODY;
                case "header", "headers" -> Subject.HEADER;
                case "tls.days_left", "certificate.days_left", "cert.days_left" -> Subject.TLS_DAYS_LEFT;
                case "answers", "answer" -> Subject.ANSWERS;
                case "answers.count", "answers.length()" -> Subject.ANSWER_COUNT;
                default ->
                    throw new IllegalArgumentException("'" + word + "' is not something a check can assert on;"
                            + " use status, response_time, body, header NAME, a JSON path ($.items.length()),"
                            + " tls.days_left, answers or answers.count");
            };
            if (subject == Subject.HEADER) {
                at = skipSpaces(source, at);
                header = nextWord(source, at);
                if (header.isEmpty()) {
                    throw new IllegalArgumentException("name the header, as in 'header Content-Type contains json'");
                }
                at += header.length();
            }
        }
        at = skipSpaces(source, at);
        String opWord = nextWord(source, at);
        at += opWord.length();
        if (opWord.equalsIgnoreCase("not")) {
            at = skipSpaces(source, at);
            String next = nextWord(source, at);
            at += next.length();
            opWord = "!" + next;
        }
        Operator operator = OPERATORS.get(opWord.toLowerCase(Locale.ROOT));
        if (operator == null) {
            throw new IllegalArgumentException(
                    opWord.isEmpty()
                            ? "'" + source + "' has no operator; use one of == != < <= > >= contains matches in exists"
                            : "'" + opWord
                                    + "' is not an operator; use one of == != < <= > >= contains matches in exists");
        }
        if (!ALLOWED.get(subject).contains(operator)) {
            throw new IllegalArgumentException(subject.label + " cannot be compared with '" + operator.symbol
                    + "'; it takes "
                    + String.join(
                            " ",
                            ALLOWED.get(subject).stream()
                                    .sorted()
                                    .map(o -> o.symbol)
                                    .toList()));
        }
        String value = source.substring(skipSpaces(source, at)).trim();
        Expected expected = expected(subject, operator, value);
        return new Assertion(source, subject, header, path, operator, expected);
    }

    private static Expected expected(Subject subject, Operator operator, String value) {
        if (operator == Operator.EXISTS || operator == Operator.NOT_EXISTS) {
            if (!value.isEmpty()) {
                throw new IllegalArgumentException("'" + operator.symbol + "' takes no value (found '" + value + "')");
            }
            return new Nothing();
        }
        if (value.isEmpty()) {
            throw new IllegalArgumentException("a value is missing after '" + operator.symbol + "'");
        }
        if (operator == Operator.MATCHES || operator == Operator.NOT_MATCHES) {
            String regex = unquote(value);
            try {
                return new Regex(Pattern.compile(regex), value);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException(
                        "'" + regex + "' is not a regular expression: " + e.getDescription());
            }
        }
        if (operator == Operator.IN || operator == Operator.NOT_IN) {
            return set(value, subject);
        }
        if (subject == Subject.STATUS) {
            Matcher statusClass = STATUS_CLASS.matcher(value);
            if (statusClass.matches() && (operator == Operator.EQ || operator == Operator.NE)) {
                int hundred = Integer.parseInt(statusClass.group(1)) * 100;
                return new Range(BigDecimal.valueOf(hundred), BigDecimal.valueOf(hundred + 99), value);
            }
            return new Literal(number(value, "a status code such as 200"), value);
        }
        if (subject == Subject.RESPONSE_TIME) {
            return new Literal(NODES.numberNode(milliseconds(value)), value);
        }
        if (subject == Subject.TLS_DAYS_LEFT || subject == Subject.ANSWER_COUNT) {
            return new Literal(number(value, "a number"), value);
        }
        if (subject == Subject.BODY || subject == Subject.HEADER || subject == Subject.ANSWERS) {
            return new Literal(NODES.stringNode(unquote(value)), value);
        }
        return new Literal(literal(value), value);
    }

    private static Expected set(String value, Subject subject) {
        Matcher range = RANGE.matcher(value);
        if (range.matches()) {
            BigDecimal from = new BigDecimal(range.group(1));
            BigDecimal to = new BigDecimal(range.group(2));
            if (from.compareTo(to) > 0) {
                throw new IllegalArgumentException("the range " + value + " is empty; write the smaller bound first");
            }
            return new Range(from, to, value);
        }
        if (subject == Subject.STATUS && STATUS_CLASS.matcher(value).matches()) {
            int hundred = Integer.parseInt(value.substring(0, 1)) * 100;
            return new Range(BigDecimal.valueOf(hundred), BigDecimal.valueOf(hundred + 99), value);
        }
        if (!value.startsWith("[") || !value.endsWith("]")) {
            throw new IllegalArgumentException(
                    "'in' takes a range (200..299) or a list ([200, 204]), not '" + value + "'");
        }
        List<JsonNode> values = new ArrayList<>();
        for (String part : splitList(value.substring(1, value.length() - 1))) {
            values.add(subject == Subject.STATUS ? number(part, "a status code") : literal(part));
        }
        if (values.isEmpty()) {
            throw new IllegalArgumentException("the list " + value + " is empty");
        }
        return new OneOf(List.copyOf(values), value);
    }

    private static List<String> splitList(String inside) {
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        char quote = 0;
        for (int i = 0; i < inside.length(); i++) {
            char c = inside.charAt(i);
            if (quote != 0) {
                current.append(c);
                if (c == '\\' && i + 1 < inside.length()) {
                    current.append(inside.charAt(++i));
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
                current.append(c);
            } else if (c == ',') {
                parts.add(current.toString().trim());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        if (!current.toString().isBlank()) {
            parts.add(current.toString().trim());
        }
        return parts;
    }

    private static JsonNode literal(String value) {
        if ((value.startsWith("\"") && value.endsWith("\"") && value.length() >= 2)
                || (value.startsWith("'") && value.endsWith("'") && value.length() >= 2)) {
            return NODES.stringNode(unquote(value));
        }
        switch (value) {
            case "true" -> {
                return NODES.booleanNode(true);
            }
            case "false" -> {
                return NODES.booleanNode(false);
            }
            case "null" -> {
                return NODES.nullNode();
            }
            default -> {
                try {
                    return NODES.numberNode(new BigDecimal(value));
                } catch (NumberFormatException e) {
                    return NODES.stringNode(value);
                }
            }
        }
    }

    private static JsonNode number(String value, String what) {
        try {
            return NODES.numberNode(new BigDecimal(value));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + value + "' is not " + what);
        }
    }

    /** {@code 800ms}, {@code 2s}, {@code 1.5s}, {@code 1m} or a bare number of milliseconds. */
    static BigDecimal milliseconds(String value) {
        Matcher m = DURATION.matcher(value.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + value + "' is not a duration; write e.g. 800ms or 2s");
        }
        BigDecimal amount = new BigDecimal(m.group(1));
        String unit = m.group(2) == null ? "ms" : m.group(2);
        return switch (unit) {
            case "s" -> amount.multiply(BigDecimal.valueOf(1000));
            case "m" -> amount.multiply(BigDecimal.valueOf(60_000));
            default -> amount;
        };
    }

    static String unquote(String value) {
        if (value.length() >= 2
                && (value.charAt(0) == '"' || value.charAt(0) == '\'')
                && value.charAt(value.length() - 1) == value.charAt(0)) {
            String inner = value.substring(1, value.length() - 1);
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < inner.length(); i++) {
                char c = inner.charAt(i);
                if (c == '\\' && i + 1 < inner.length()) {
                    char next = inner.charAt(++i);
                    switch (next) {
                        case 'n' -> out.append('\n');
                        case 't' -> out.append('\t');
                        case '"', '\'', '\\' -> out.append(next);
                        default -> out.append('\\').append(next);
                    }
                } else {
                    out.append(c);
                }
            }
            return out.toString();
        }
        return value;
    }

    private static int endOfPath(String text) {
        int depth = 0;
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == '\\') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '[') {
                depth++;
            } else if (c == ']') {
                depth--;
            } else if (depth == 0 && (Character.isWhitespace(c) || c == '=' || c == '!' || c == '<' || c == '>')) {
                return i;
            }
        }
        return text.length();
    }

    private static String nextWord(String text, int from) {
        int i = from;
        if (i < text.length() && "=!<>".indexOf(text.charAt(i)) >= 0) {
            while (i < text.length() && "=!<>".indexOf(text.charAt(i)) >= 0) {
                i++;
            }
            // '!contains', '!exists': an exclamation mark directly before a word belongs to it
            if (i == from + 1 && text.charAt(from) == '!') {
                while (i < text.length() && !Character.isWhitespace(text.charAt(i))) {
                    i++;
                }
            }
            return text.substring(from, i);
        }
        while (i < text.length() && !Character.isWhitespace(text.charAt(i)) && "=!<>".indexOf(text.charAt(i)) < 0) {
            i++;
        }
        return text.substring(from, i);
    }

    private static int skipSpaces(String text, int from) {
        int i = from;
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return i;
    }

    /** Judges what a step saw. Never throws: a subject that cannot be read fails the assertion. */
    AssertionResult evaluate(StepObservation seen) {
        String wanted = operator.symbol + (expected instanceof Nothing ? "" : " " + expectedText());
        try {
            return switch (subject) {
                case STATUS ->
                    compare(
                            seen.status() == null ? MissingNode.getInstance() : NODES.numberNode(seen.status()),
                            wanted,
                            String.valueOf(seen.status()));
                case RESPONSE_TIME ->
                    compare(
                            NODES.numberNode(BigDecimal.valueOf(seen.timings().totalMs())),
                            wanted,
                            StepTimings.format(seen.timings().totalMs()));
                case BODY -> body(seen, wanted);
                case HEADER -> header(seen, wanted);
                case JSON -> json(seen, wanted);
                case TLS_DAYS_LEFT ->
                    seen.tlsDaysLeft() == null
                            ? result(
                                    false,
                                    wanted,
                                    seen.tlsError() == null ? "no certificate (not https)" : seen.tlsError())
                            : compare(NODES.numberNode(seen.tlsDaysLeft()), wanted, seen.tlsDaysLeft() + " days");
                case ANSWERS -> answers(seen, wanted);
                case ANSWER_COUNT ->
                    compare(
                            NODES.numberNode(seen.answers().size()),
                            wanted,
                            String.valueOf(seen.answers().size()));
            };
        } catch (RegexTooSlow e) {
            return result(false, wanted, "the regular expression took over 100 ms on this response; simplify it");
        }
    }

    private String expectedText() {
        return switch (expected) {
            case Literal l -> l.text();
            case Range r -> r.text();
            case OneOf o -> o.text();
            case Regex r -> r.text();
            case Nothing n -> "";
        };
    }

    private AssertionResult body(StepObservation seen, String wanted) {
        String body = seen.body() == null ? "" : seen.body();
        String shown = body.isEmpty() ? "an empty body" : shorten(body);
        if (expected instanceof Regex regex) {
            boolean found = find(regex.pattern(), body);
            return result(found == (operator == Operator.MATCHES), wanted, shown);
        }
        String value = ((Literal) expected).value().asString();
        boolean passed = switch (operator) {
            case CONTAINS -> body.contains(value);
            case NOT_CONTAINS -> !body.contains(value);
            case EQ -> body.equals(value);
            default -> !body.equals(value);
        };
        return result(
                passed,
                wanted,
                shown + (seen.bodyTruncated() ? " (body cut at " + StepObservation.MAX_BODY / 1024 + " KB)" : ""));
    }

    private AssertionResult header(StepObservation seen, String wanted) {
        List<String> values = seen.headers().getOrDefault(header.toLowerCase(Locale.ROOT), List.of());
        String actual = values.isEmpty() ? "no " + header + " header" : shorten(String.join(", ", values));
        if (operator == Operator.EXISTS || operator == Operator.NOT_EXISTS) {
            return result(values.isEmpty() == (operator == Operator.NOT_EXISTS), wanted, actual);
        }
        if (values.isEmpty()) {
            return result(
                    operator == Operator.NE || operator == Operator.NOT_CONTAINS || operator == Operator.NOT_MATCHES,
                    wanted,
                    actual);
        }
        String joined = String.join(", ", values);
        if (expected instanceof Regex regex) {
            return result(find(regex.pattern(), joined) == (operator == Operator.MATCHES), wanted, actual);
        }
        String value = ((Literal) expected).value().asString();
        boolean passed = switch (operator) {
            case EQ -> values.contains(value);
            case NE -> !values.contains(value);
            case CONTAINS -> joined.contains(value);
            default -> !joined.contains(value);
        };
        return result(passed, wanted, actual);
    }

    private AssertionResult json(StepObservation seen, String wanted) {
        JsonNode root;
        try {
            root = seen.json();
        } catch (IllegalStateException e) {
            return result(operator == Operator.NOT_EXISTS, wanted, e.getMessage());
        }
        JsonNode value = path.evaluate(root);
        return compare(value, wanted, value.isMissingNode() ? "nothing at " + path.text() : shorten(value.toString()));
    }

    private AssertionResult answers(StepObservation seen, String wanted) {
        String value = ((Literal) expected).value().asString();
        boolean found =
                seen.answers().stream().anyMatch(a -> a.equalsIgnoreCase(value) || a.equalsIgnoreCase(value + "."));
        String actual = seen.answers().isEmpty() ? "no answers" : shorten(String.join(", ", seen.answers()));
        return result(found == (operator == Operator.CONTAINS), wanted, actual);
    }

    private AssertionResult compare(JsonNode actual, String wanted, String shown) {
        boolean missing = actual.isMissingNode();
        boolean passed = switch (operator) {
            case EXISTS -> !missing;
            case NOT_EXISTS -> missing;
            case EQ -> !missing && matches(actual);
            case NE -> missing || !matches(actual);
            case LT, LE, GT, GE -> !missing && ordered(actual);
            case CONTAINS -> !missing && contains(actual);
            case NOT_CONTAINS -> !missing && !contains(actual);
            case MATCHES -> !missing && find(((Regex) expected).pattern(), text(actual));
            case NOT_MATCHES -> !missing && !find(((Regex) expected).pattern(), text(actual));
            case IN -> !missing && in(actual);
            case NOT_IN -> !missing && !in(actual);
        };
        return result(passed, wanted, shown);
    }

    private boolean matches(JsonNode actual) {
        if (expected instanceof Range range) {
            return in(actual, range);
        }
        return same(actual, ((Literal) expected).value());
    }

    private boolean ordered(JsonNode actual) {
        JsonNode value = ((Literal) expected).value();
        int c;
        BigDecimal a = decimal(actual);
        BigDecimal b = decimal(value);
        if (a != null && b != null) {
            c = a.compareTo(b);
        } else if (actual.isString() && value.isString()) {
            c = actual.asString().compareTo(value.asString());
        } else {
            return false;
        }
        return switch (operator) {
            case LT -> c < 0;
            case LE -> c <= 0;
            case GT -> c > 0;
            default -> c >= 0;
        };
    }

    private boolean contains(JsonNode actual) {
        JsonNode value = ((Literal) expected).value();
        if (actual.isArray()) {
            for (JsonNode element : actual.values()) {
                if (same(element, value)) {
                    return true;
                }
            }
            return false;
        }
        if (actual.isObject()) {
            return actual.has(value.asString());
        }
        return text(actual).contains(value.isString() ? value.asString() : value.toString());
    }

    private boolean in(JsonNode actual) {
        return switch (expected) {
            case Range range -> in(actual, range);
            case OneOf oneOf -> oneOf.values().stream().anyMatch(v -> same(actual, v));
            default -> false;
        };
    }

    private static boolean in(JsonNode actual, Range range) {
        BigDecimal value = decimal(actual);
        return value != null && value.compareTo(range.from()) >= 0 && value.compareTo(range.to()) <= 0;
    }

    private static boolean same(JsonNode actual, JsonNode expected) {
        BigDecimal a = decimal(actual);
        BigDecimal b = decimal(expected);
        if (a != null && b != null && (actual.isNumber() || expected.isNumber())) {
            return a.compareTo(b) == 0;
        }
        if (expected.isString()) {
            return actual.isString()
                    ? actual.asString().equals(expected.asString())
                    : actual.toString().equals(expected.asString());
        }
        return actual.equals(expected);
    }

    /** A number, or a string that reads as one (APIs often send ids as strings). */
    private static BigDecimal decimal(JsonNode node) {
        if (node.isNumber()) {
            return node.decimalValue();
        }
        if (node.isString()) {
            try {
                return new BigDecimal(node.asString().trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    private static String text(JsonNode node) {
        return node.isString() ? node.asString() : node.toString();
    }

    private AssertionResult result(boolean passed, String wanted, String actual) {
        return new AssertionResult(source, passed, wanted, actual);
    }

    static String shorten(String text) {
        String flat = text.replace('\n', ' ').replace('\r', ' ');
        return flat.length() <= 200 ? flat : flat.substring(0, 200) + "…";
    }

    /** Regular expressions from users run against untrusted bodies: give each a time budget. */
    private static boolean find(Pattern pattern, String text) {
        return pattern.matcher(new BudgetedText(text, System.nanoTime() + REGEX_BUDGET_NANOS))
                .find();
    }

    private static final class RegexTooSlow extends RuntimeException {
        RegexTooSlow() {
            super(null, null, false, false);
        }
    }

    private static final class BudgetedText implements CharSequence {
        private final String text;
        private final long deadline;
        private int reads;

        BudgetedText(String text, long deadline) {
            this.text = text;
            this.deadline = deadline;
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public char charAt(int index) {
            if ((++reads & 0x3FF) == 0 && System.nanoTime() > deadline) {
                throw new RegexTooSlow();
            }
            return text.charAt(index);
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return new BudgetedText(text.substring(start, end), deadline);
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
