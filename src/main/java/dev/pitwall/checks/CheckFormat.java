package dev.pitwall.checks;

import dev.pitwall.system.ConfigErrors;
import dev.pitwall.system.ConfigFile;
import dev.pitwall.system.ConfigNode;
import java.io.StringReader;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The one format of a check, read from pitwall.yaml, the API (JSON or YAML), the UI and
 * {@code pitwall check run FILE}, with every mistake reported by field path (and line):
 *
 * <pre>
 * - name: member can list line items
 *   service: proposals-app
 *   environment: production
 *   interval: 60s
 *   critical: true
 *   steps:
 *     - name: login
 *       method: POST
 *       url: https://proposals.example.com/api/login
 *       headers: {Content-Type: application/json}
 *       body: '{"user": "synthetic", "password": "${secret:PROPOSALS_PASSWORD}"}'
 *       assert: [status == 200]
 *       capture: {token: $.token}
 *     - name: line-items
 *       url: https://proposals.example.com/api/members/42/line-items
 *       headers: {Authorization: Bearer ${token}}
 *       assert: [status == 200, $.items.length() > 0]
 * </pre>
 *
 * A check of one step may leave out {@code steps} and put the step's fields beside its own.
 */
final class CheckFormat {

    static final int MAX_STEPS = 20;
    static final int MAX_NAME = 200;
    private static final Pattern STEP_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]{0,63}");
    private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    private static final Pattern DIGITS = Pattern.compile("\\d+");
    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");
    private static final Set<String> MANAGED_HEADERS =
            Set.of("connection", "content-length", "transfer-encoding", "upgrade");
    private static final List<String> CHECK_FIELDS = List.of(
            "name",
            "description",
            "service",
            "environment",
            "interval",
            "critical",
            "fail_after",
            "recover_after",
            "paused",
            "steps");
    private static final List<String> STEP_FIELDS = List.of(
            "name",
            "method",
            "url",
            "headers",
            "body",
            "timeout",
            "follow_redirects",
            "verify_tls",
            "assert",
            "capture",
            "tcp",
            "dns",
            "type",
            "server");

    private CheckFormat() {}

    /** The checks of a text: one check (a mapping), a list of checks, or a file with a {@code checks:} list. */
    static List<CheckDefinition> parseText(String source, String text, ConfigErrors errors) {
        Optional<ConfigNode> root = ConfigFile.parse(source, new StringReader(text), errors);
        if (root.isEmpty()) {
            return List.of();
        }
        ConfigNode node = root.get();
        List<CheckDefinition> checks = new ArrayList<>();
        if (node.isList()) {
            parseList(node, errors).forEach(checks::add);
        } else if (node.isMap() && node.get("checks").isPresent()) {
            parseList(node.get("checks").get(), errors).forEach(checks::add);
        } else if (node.isMap()
                && (node.get("name").isPresent() || node.get("steps").isPresent())) {
            parse(node).ifPresent(checks::add);
        } else {
            node.error("must be a check (name, service, steps…), a list of checks, or a file with a 'checks:' list");
        }
        return checks;
    }

    /** A list of checks whose names must be unique. */
    static List<CheckDefinition> parseList(ConfigNode list, ConfigErrors errors) {
        List<CheckDefinition> checks = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (ConfigNode item : list.items()) {
            Optional<CheckDefinition> parsed = parse(item);
            if (parsed.isPresent()) {
                if (!names.add(parsed.get().name().toLowerCase(Locale.ROOT))) {
                    item.get("name")
                            .orElse(item)
                            .error("another check above has the name '"
                                    + parsed.get().name() + "'");
                } else {
                    checks.add(parsed.get());
                }
            }
        }
        return checks;
    }

    /** One check; empty when it has errors (each reported to the node's error list). */
    static Optional<CheckDefinition> parse(ConfigNode node) {
        ConfigErrors errors = node.errors();
        int before = errorCount(errors);
        if (!node.isMap()) {
            node.error("must be a check: a mapping with name, service and steps");
            return Optional.empty();
        }
        boolean shorthand = node.get("steps").isEmpty();
        List<String> known = new ArrayList<>(CHECK_FIELDS);
        if (shorthand) {
            known.addAll(STEP_FIELDS);
        }
        node.rejectUnknownKeys(known.stream().distinct().toList());

        String name = node.requiredString("name").map(String::trim).orElse(null);
        if (name != null) {
            String problem = nameProblem(name);
            if (problem != null) {
                node.get("name").ifPresent(n -> n.error(problem));
            }
        }
        String service = node.requiredString("service").map(String::trim).orElse(null);
        if (service != null
                && (service.isEmpty()
                        || service.length() > MAX_NAME
                        || service.chars().anyMatch(Character::isISOControl))) {
            node.get("service").ifPresent(n -> n.error("must be a service name of 1 to " + MAX_NAME + " characters"));
        }
        String environment = node.string("environment").map(String::trim).orElse(CheckDefinition.DEFAULT_ENVIRONMENT);
        if (environment.isEmpty() || environment.length() > 100) {
            node.get("environment").ifPresent(n -> n.error("must be an environment name of 1 to 100 characters"));
        }
        Duration interval = node.duration("interval").orElse(CheckDefinition.DEFAULT_INTERVAL);
        if (interval.compareTo(CheckDefinition.MIN_INTERVAL) < 0
                || interval.compareTo(CheckDefinition.MAX_INTERVAL) > 0) {
            node.get("interval").ifPresent(n -> n.error("must be between 1s and 24h"));
        }
        int failAfter = bounded(node, "fail_after", CheckDefinition.DEFAULT_FAIL_AFTER);
        int recoverAfter = bounded(node, "recover_after", CheckDefinition.DEFAULT_RECOVER_AFTER);
        boolean critical = node.bool("critical").orElse(false);
        boolean paused = node.bool("paused").orElse(false);
        String description = node.string("description").orElse(null);
        if (description != null && description.length() > 2000) {
            node.get("description").ifPresent(n -> n.error("has at most 2000 characters"));
        }

        List<StepDefinition> steps = new ArrayList<>();
        Scope scope = new Scope();
        if (shorthand) {
            if (node.get("url").isEmpty()
                    && node.get("tcp").isEmpty()
                    && node.get("dns").isEmpty()) {
                node.error("needs steps, or the fields of a single step (url, tcp or dns)");
            } else {
                step(node, "request", scope, false).ifPresent(steps::add);
            }
        } else {
            ConfigNode list = node.get("steps").get();
            List<ConfigNode> items = list.items();
            if (list.isList() && items.isEmpty()) {
                list.error("needs at least one step");
            }
            if (items.size() > MAX_STEPS) {
                list.error("has " + items.size() + " steps; a check has at most " + MAX_STEPS);
            }
            for (int i = 0; i < items.size(); i++) {
                ConfigNode item = items.get(i);
                if (!item.isMap()) {
                    item.error("must be a step: a mapping with url, tcp or dns");
                    continue;
                }
                item.rejectUnknownKeys(STEP_FIELDS);
                step(item, "step" + (i + 1), scope, true).ifPresent(steps::add);
            }
        }
        if (errorCount(errors) > before) {
            return Optional.empty();
        }
        return Optional.of(new CheckDefinition(
                name,
                description == null || description.isBlank() ? null : description.trim(),
                service,
                environment,
                interval,
                critical,
                failAfter,
                recoverAfter,
                paused,
                steps));
    }

    /** Why a name cannot name a check, or null when it can. */
    static String nameProblem(String name) {
        if (name.isEmpty() || name.length() > MAX_NAME) {
            return "must have 1 to " + MAX_NAME + " characters";
        }
        if (name.chars().anyMatch(Character::isISOControl)) {
            return "cannot contain control characters";
        }
        if (DIGITS.matcher(name).matches()) {
            return "cannot be only digits (checks are addressed by id or by name)";
        }
        if (name.contains("/")) {
            return "cannot contain '/' (checks are addressed by name in URLs)";
        }
        return null;
    }

    /** What earlier steps made available to later ones. */
    private static final class Scope {
        final Set<String> steps = new HashSet<>();
        final Set<String> captures = new HashSet<>();
    }

    /** {@code named}: the node is a step of its own (in the shorthand, 'name' is the check's). */
    private static Optional<StepDefinition> step(ConfigNode node, String defaultName, Scope scope, boolean named) {
        int before = errorCount(node.errors());
        String name = defaultName;
        if (named) {
            name = node.string("name").map(String::trim).orElse(defaultName);
            if (!STEP_NAME.matcher(name).matches()) {
                String bad = name;
                node.get("name")
                        .ifPresent(n -> n.error("'" + bad + "' is not a step name: letters, digits, _ and -,"
                                + " starting with a letter (later steps use it, as in ${login.body.token})"));
            } else if (scope.steps.contains(name)) {
                String dup = name;
                node.get("name").ifPresent(n -> n.error("another step above is named '" + dup + "'"));
            }
        }
        int kinds = (node.get("url").isPresent() ? 1 : 0)
                + (node.get("tcp").isPresent() ? 1 : 0)
                + (node.get("dns").isPresent() ? 1 : 0);
        if (kinds != 1) {
            node.error(
                    kinds == 0
                            ? "a step needs one of url (HTTP), tcp (host:port) or dns (a name)"
                            : "a step has only one of url, tcp or dns");
            return Optional.empty();
        }
        Duration timeout = node.duration("timeout").orElse(StepDefinition.DEFAULT_TIMEOUT);
        if (timeout.toMillis() < 100 || timeout.compareTo(StepDefinition.MAX_TIMEOUT) > 0) {
            node.get("timeout").ifPresent(n -> n.error("must be between 100ms and 60s"));
        }
        String kind = node.get("url").isPresent() ? "http" : node.get("tcp").isPresent() ? "tcp" : "dns";
        List<Assertion> assertions = assertions(node, kind);
        StepDefinition step = switch (kind) {
            case "http" -> http(node, name, timeout, assertions, scope);
            case "tcp" -> tcp(node, name, timeout, assertions);
            default -> dns(node, name, timeout, assertions);
        };
        for (String field : List.of("method", "headers", "body", "follow_redirects", "verify_tls", "capture")) {
            if (!kind.equals("http")) {
                node.get(field).ifPresent(n -> n.error("applies to HTTP steps (url) only"));
            }
        }
        for (String field : List.of("type", "server")) {
            if (!kind.equals("dns")) {
                node.get(field).ifPresent(n -> n.error("applies to DNS steps only"));
            }
        }
        scope.steps.add(name);
        return errorCount(node.errors()) > before ? Optional.empty() : Optional.ofNullable(step);
    }

    private static List<Assertion> assertions(ConfigNode node, String kind) {
        List<Assertion> assertions = new ArrayList<>();
        Optional<ConfigNode> list = node.get("assert");
        if (list.isPresent()) {
            List<ConfigNode> items =
                    list.get().isScalar() ? List.of(list.get()) : list.get().items();
            for (ConfigNode item : items) {
                item.asString().ifPresent(text -> {
                    try {
                        Assertion assertion = Assertion.parse(text);
                        if (!assertion.appliesTo(kind)) {
                            item.error("'" + text + "' does not apply to a " + kind + " step");
                        } else {
                            assertions.add(assertion);
                        }
                    } catch (IllegalArgumentException e) {
                        item.error(e.getMessage());
                    }
                });
            }
        }
        if (assertions.isEmpty() && kind.equals("http") && list.isEmpty()) {
            assertions.add(Assertion.parse("status in 200..299"));
        }
        return assertions;
    }

    private static HttpStep http(
            ConfigNode node, String name, Duration timeout, List<Assertion> assertions, Scope scope) {
        String method = node.string("method")
                .map(m -> m.trim().toUpperCase(Locale.ROOT))
                .orElse("GET");
        if (!METHODS.contains(method)) {
            node.get("method")
                    .ifPresent(n -> n.error("must be one of "
                            + String.join(", ", METHODS.stream().sorted().toList())));
        }
        String url = node.string("url").map(String::trim).orElse("");
        node.get("url").ifPresent(n -> template(n, url, scope).ifPresent(t -> checkUrl(n, url, t)));
        Map<String, String> headers = new LinkedHashMap<>();
        node.get("headers")
                .ifPresent(h -> h.entries().forEach((key, value) -> {
                    if (!HEADER_NAME.matcher(key).matches()) {
                        value.error("'" + key + "' is not a valid header name");
                    } else if (MANAGED_HEADERS.contains(key.toLowerCase(Locale.ROOT))) {
                        value.error(key + " is set by Pitwall (each check opens a new connection)");
                    }
                    value.asString().ifPresent(v -> {
                        template(value, v, scope);
                        headers.put(key, v);
                    });
                }));
        String body = node.string("body").orElse(null);
        node.get("body").ifPresent(b -> {
            if (b.isScalar()) {
                template(b, b.asString().orElse(""), scope);
            }
        });
        if (body != null && body.length() > 64 * 1024) {
            node.get("body").ifPresent(b -> b.error("has at most 64 KB"));
        }
        boolean follow = node.bool("follow_redirects").orElse(true);
        boolean verify = node.bool("verify_tls").orElse(true);
        List<Capture> captures = new ArrayList<>();
        node.get("capture")
                .ifPresent(c -> c.entries().forEach((key, value) -> {
                    if (!STEP_NAME.matcher(key).matches()) {
                        value.error("'" + key + "' cannot name a captured value: letters, digits, _ and -");
                        return;
                    }
                    if (scope.captures.contains(key)) {
                        value.error("an earlier step already captures '" + key + "'");
                    }
                    value.asString().ifPresent(expression -> {
                        try {
                            captures.add(Capture.parse(key, expression));
                        } catch (IllegalArgumentException e) {
                            value.error(e.getMessage());
                        }
                    });
                }));
        captures.forEach(c -> scope.captures.add(c.name()));
        return new HttpStep(name, method, url, headers, body, timeout, follow, verify, assertions, captures);
    }

    private static Optional<Template> template(ConfigNode node, String text, Scope scope) {
        try {
            Template template = Template.parse(text);
            for (Template.Part part : template.parts()) {
                if (part instanceof Template.Captured c && !scope.captures.contains(c.name())) {
                    node.error(
                            "${" + c.name() + "} is not captured by an earlier step (capture: {" + c.name() + ": …})");
                }
                if (part instanceof Template.FromStep f && !scope.steps.contains(f.step())) {
                    node.error("${" + f.source() + "} refers to '" + f.step() + "', which is not an earlier step");
                }
            }
            return Optional.of(template);
        } catch (IllegalArgumentException e) {
            node.error(e.getMessage());
            return Optional.empty();
        }
    }

    private static void checkUrl(ConfigNode node, String url, Template template) {
        if (url.isEmpty()) {
            node.error("must be an http:// or https:// URL");
            return;
        }
        if (template.parts().getFirst() instanceof Template.Text first) {
            String start = first.text().toLowerCase(Locale.ROOT);
            if (!start.startsWith("http://")
                    && !start.startsWith("https://")
                    && !("http://".startsWith(start) || "https://".startsWith(start))) {
                node.error("must be an http:// or https:// URL, not '" + url + "'");
                return;
            }
        }
        if (template.isLiteral()) {
            try {
                URI uri = URI.create(url);
                if (uri.getHost() == null || uri.getHost().isEmpty()) {
                    node.error("'" + url + "' has no host");
                }
            } catch (IllegalArgumentException e) {
                node.error("'" + url + "' is not a valid URL: " + e.getMessage());
            }
        }
    }

    private static TcpStep tcp(ConfigNode node, String name, Duration timeout, List<Assertion> assertions) {
        String target = node.string("tcp").map(String::trim).orElse("");
        HostPort hp = hostPort(target, null);
        if (hp == null) {
            node.get("tcp").ifPresent(n -> n.error("must be host:port, such as db.internal:5432 or [::1]:6379"));
            return new TcpStep(name, "invalid", 1, timeout, assertions);
        }
        return new TcpStep(name, hp.host(), hp.port(), timeout, assertions);
    }

    private static DnsStep dns(ConfigNode node, String name, Duration timeout, List<Assertion> assertions) {
        String host = node.string("dns").map(String::trim).orElse("");
        if (host.isEmpty() || host.length() > 253 || !host.matches("[A-Za-z0-9_.:-]+")) {
            node.get("dns").ifPresent(n -> n.error("must be a DNS name such as proposals.example.com"));
        }
        String type =
                node.string("type").map(t -> t.trim().toUpperCase(Locale.ROOT)).orElse("A");
        if (!DnsStep.RECORD_TYPES.contains(type)) {
            node.get("type")
                    .ifPresent(n -> n.error("must be one of "
                            + String.join(
                                    ", ", DnsStep.RECORD_TYPES.stream().sorted().toList())));
        }
        String server = node.string("server").map(String::trim).orElse(null);
        if (server != null && hostPort(server, 53) == null) {
            node.get("server").ifPresent(n -> n.error("must be a DNS server address, optionally with :port"));
        }
        return new DnsStep(name, host, type, server, timeout, assertions);
    }

    record HostPort(String host, int port) {}

    /** {@code host:port}, {@code [v6]:port}; without a port {@code defaultPort} (or null when none). */
    static HostPort hostPort(String text, Integer defaultPort) {
        String host;
        String port;
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0) {
                return null;
            }
            host = text.substring(1, close);
            port = text.length() > close + 1 && text.charAt(close + 1) == ':' ? text.substring(close + 2) : null;
        } else {
            int colon = text.lastIndexOf(':');
            if (colon >= 0 && text.indexOf(':') != colon) {
                host = text; // a bare IPv6 address
                port = null;
            } else {
                host = colon < 0 ? text : text.substring(0, colon);
                port = colon < 0 ? null : text.substring(colon + 1);
            }
        }
        if (host.isEmpty() || !host.matches("[A-Za-z0-9_.:%-]+")) {
            return null;
        }
        if (port == null) {
            return defaultPort == null ? null : new HostPort(host, defaultPort);
        }
        try {
            int p = Integer.parseInt(port);
            return p < 1 || p > 65535 ? null : new HostPort(host, p);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static int bounded(ConfigNode node, String field, int fallback) {
        int value = node.integer(field).orElse(fallback);
        if (value < 1 || value > 100) {
            node.get(field).ifPresent(n -> n.error("must be between 1 and 100"));
        }
        return value;
    }

    private static int errorCount(ConfigErrors errors) {
        return errors.all().size();
    }

    /** The canonical form of a check: what the API returns and stores, and what the UI edits. */
    static Map<String, Object> toMap(CheckDefinition check) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("name", check.name());
        if (check.description() != null) {
            map.put("description", check.description());
        }
        map.put("service", check.service());
        map.put("environment", check.environment());
        map.put("interval", duration(check.interval()));
        map.put("critical", check.critical());
        map.put("fail_after", check.failAfter());
        map.put("recover_after", check.recoverAfter());
        map.put("paused", check.paused());
        map.put("steps", check.steps().stream().map(CheckFormat::stepMap).toList());
        return map;
    }

    static Map<String, Object> stepMap(StepDefinition step) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("name", step.name());
        switch (step) {
            case HttpStep h -> {
                map.put("method", h.method());
                map.put("url", h.url());
                if (!h.headers().isEmpty()) {
                    map.put("headers", new LinkedHashMap<>(h.headers()));
                }
                if (h.body() != null) {
                    map.put("body", h.body());
                }
                map.put("follow_redirects", h.followRedirects());
                map.put("verify_tls", h.verifyTls());
            }
            case TcpStep t -> map.put("tcp", t.target());
            case DnsStep d -> {
                map.put("dns", d.host());
                map.put("type", d.recordType());
                if (d.server() != null) {
                    map.put("server", d.server());
                }
            }
        }
        map.put("timeout", duration(step.timeout()));
        map.put("assert", step.assertions().stream().map(Assertion::source).toList());
        if (step instanceof HttpStep h && !h.captures().isEmpty()) {
            Map<String, String> captures = new LinkedHashMap<>();
            h.captures().forEach(c -> captures.put(c.name(), c.expression()));
            map.put("capture", captures);
        }
        return map;
    }

    /** {@code 60s}, {@code 10m}, {@code 1h30m}, {@code 500ms}: the format pitwall.yaml reads. */
    static String duration(Duration d) {
        long ms = d.toMillis();
        if (ms % 1000 != 0) {
            return ms + "ms";
        }
        long s = ms / 1000;
        StringBuilder out = new StringBuilder();
        if (s >= 3600) {
            out.append(s / 3600).append('h');
            s %= 3600;
        }
        if (s >= 60) {
            out.append(s / 60).append('m');
            s %= 60;
        }
        if (s > 0 || out.isEmpty()) {
            out.append(s).append('s');
        }
        return out.toString();
    }
}
