package dev.pitwall.checks;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/**
 * Runs a check's steps in order, each through its {@link Probe}: fills in placeholders, judges the
 * step's assertions, keeps its captures and cookies for the next step, and stops at the first
 * failed step (the rest are reported as skipped). The future always completes with a result,
 * never with an exception, and every secret the run used is masked in it.
 */
final class JourneyRunner {

    private static final Set<String> HIDDEN_HEADERS =
            Set.of("set-cookie", "authorization", "proxy-authorization", "cookie");

    private final Probes probes;
    private final Function<String, Optional<String>> secrets;
    private final Clock clock;

    JourneyRunner(Probes probes, Function<String, Optional<String>> secrets, Clock clock) {
        this.probes = probes;
        this.secrets = secrets;
        this.clock = clock;
    }

    /**
     * @param keepExcerpts keep response excerpts of passing steps too (runs started by hand);
     *     failing steps always keep theirs
     */
    CompletableFuture<CheckResult> run(
            Long checkId, CheckDefinition check, String origin, Instant scheduledAt, boolean keepExcerpts) {
        Run run = new Run(checkId, check, origin, scheduledAt, keepExcerpts, clock.instant(), System.nanoTime());
        try {
            return step(run, 0).handle((done, failure) -> failure == null ? done : run.crashed(failure));
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(run.crashed(e));
        }
    }

    private CompletableFuture<CheckResult> step(Run run, int index) {
        List<StepDefinition> steps = run.check.steps();
        if (index == steps.size()) {
            return CompletableFuture.completedFuture(run.finish());
        }
        StepDefinition step = steps.get(index);
        StepCall call;
        try {
            call = prepare(step, run);
        } catch (RunVariables.Unresolved | IllegalArgumentException e) {
            run.add(failedBeforeStart(step, run, e.getMessage()));
            return CompletableFuture.completedFuture(run.finish());
        }
        return probes.observe(call).thenCompose(seen -> {
            StepResult result = judge(step, call, seen, run);
            run.add(result);
            if (!result.ok()) {
                return CompletableFuture.completedFuture(run.finish());
            }
            return step(run, index + 1);
        });
    }

    private StepCall prepare(StepDefinition step, Run run) {
        return switch (step) {
            case HttpStep h -> {
                String url = Template.parse(h.url()).render(run.variables);
                URI uri;
                try {
                    uri = URI.create(url);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("'" + run.redactor.redact(url) + "' is not a valid URL");
                }
                String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
                if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
                    throw new IllegalArgumentException("'" + run.redactor.redact(url) + "' is not an http(s) URL");
                }
                Map<String, String> headers = new LinkedHashMap<>();
                h.headers().forEach((k, v) -> headers.put(k, Template.parse(v).render(run.variables)));
                String body = h.body() == null ? null : Template.parse(h.body()).render(run.variables);
                boolean userCookie = headers.keySet().stream().anyMatch(k -> k.equalsIgnoreCase("Cookie"));
                yield new StepCall.Http(
                        h, h.method(), uri, headers, body, userCookie ? null : run.cookies(uri.getHost()));
            }
            case TcpStep t -> new StepCall.Tcp(t);
            case DnsStep d -> new StepCall.Dns(d);
        };
    }

    private StepResult failedBeforeStart(StepDefinition step, Run run, String message) {
        return new StepResult(
                step.name(),
                step.kind(),
                run.redactor.redact(step.target()),
                false,
                false,
                null,
                StepTimings.total(0),
                List.of(),
                run.redactor.redact(message),
                null,
                null,
                null,
                null);
    }

    private StepResult judge(StepDefinition step, StepCall call, StepObservation seen, Run run) {
        Redactor redactor = run.redactor;
        String target = redactor.redact(step instanceof HttpStep h ? h.method() + " " + seen.target() : seen.target());
        if (seen.error() != null) {
            return new StepResult(
                    step.name(),
                    step.kind(),
                    target,
                    false,
                    false,
                    null,
                    seen.timings(),
                    List.of(),
                    redactor.redact(seen.error()),
                    null,
                    null,
                    null,
                    null);
        }
        run.variables.saw(step.name(), seen);
        List<AssertionResult> assertions = new ArrayList<>();
        boolean ok = true;
        for (Assertion assertion : step.assertions()) {
            AssertionResult result = assertion.evaluate(seen);
            ok &= result.passed();
            assertions.add(
                    redactor.isEmpty()
                            ? result
                            : new AssertionResult(
                                    result.assertion(),
                                    result.passed(),
                                    redactor.redact(result.expected()),
                                    redactor.redact(result.actual())));
        }
        String error = null;
        if (ok && step instanceof HttpStep http) {
            if (call instanceof StepCall.Http c) {
                run.keepCookies(c.url().getHost(), seen);
            }
            error = capture(http, seen, run);
            ok = error == null;
        }
        boolean keep = run.keepExcerpts || !ok;
        String excerpt = null;
        Map<String, String> headers = null;
        if (keep && seen.body() != null) {
            String redacted = redactor.redact(seen.body());
            excerpt = redacted.length() <= StepResult.MAX_EXCERPT
                    ? redacted
                    : redacted.substring(0, StepResult.MAX_EXCERPT);
        }
        if (keep && step instanceof HttpStep) {
            headers = new LinkedHashMap<>();
            for (Map.Entry<String, List<String>> e : seen.headers().entrySet()) {
                headers.put(
                        e.getKey(),
                        HIDDEN_HEADERS.contains(e.getKey())
                                ? "(hidden)"
                                : redactor.redact(String.join(", ", e.getValue())));
            }
        }
        return new StepResult(
                step.name(),
                step.kind(),
                target,
                ok,
                false,
                seen.status(),
                seen.timings(),
                assertions,
                redactor.redact(error),
                excerpt,
                headers,
                seen.tlsDaysLeft(),
                seen.answers().isEmpty() ? null : seen.answers());
    }

    /** Keeps the step's captures; returns why one failed, or null. */
    private static String capture(HttpStep step, StepObservation seen, Run run) {
        for (Capture capture : step.captures()) {
            String value;
            switch (capture.source()) {
                case STATUS -> value = String.valueOf(seen.status());
                case BODY -> value = seen.body();
                case HEADER -> {
                    List<String> values = seen.headers().get(capture.header().toLowerCase(Locale.ROOT));
                    value = values == null || values.isEmpty() ? null : values.getFirst();
                    if (value == null) {
                        return "capture " + capture.name() + ": no " + capture.header() + " header in the response";
                    }
                }
                case REGEX -> {
                    var matcher = capture.regex().matcher(seen.body() == null ? "" : seen.body());
                    if (!matcher.find()) {
                        return "capture " + capture.name() + ": " + capture.expression() + " found nothing in the body";
                    }
                    value = matcher.groupCount() > 0 ? matcher.group(1) : matcher.group();
                }
                default -> {
                    JsonNode node;
                    try {
                        node = capture.path().evaluate(seen.json());
                    } catch (IllegalStateException e) {
                        return "capture " + capture.name() + ": got " + e.getMessage();
                    }
                    if (node.isMissingNode()) {
                        return "capture " + capture.name() + ": nothing at " + capture.expression();
                    }
                    value = node.isString() ? node.asString() : node.toString();
                }
            }
            run.variables.capture(capture.name(), value == null ? "" : value);
        }
        return null;
    }

    /** One run in progress. */
    private final class Run {
        final Long checkId;
        final CheckDefinition check;
        final String origin;
        final Instant scheduledAt;
        final boolean keepExcerpts;
        final Instant startedAt;
        final long startNanos;
        final Redactor redactor = new Redactor();
        final RunVariables variables;
        final List<StepResult> results = new ArrayList<>();
        final Map<String, Map<String, String>> cookies = new HashMap<>();

        Run(
                Long checkId,
                CheckDefinition check,
                String origin,
                Instant scheduledAt,
                boolean keepExcerpts,
                Instant startedAt,
                long startNanos) {
            this.checkId = checkId;
            this.check = check;
            this.origin = origin;
            this.scheduledAt = scheduledAt;
            this.keepExcerpts = keepExcerpts;
            this.startedAt = startedAt;
            this.startNanos = startNanos;
            this.variables = new RunVariables(secrets, redactor);
        }

        synchronized void add(StepResult result) {
            results.add(result);
        }

        String cookies(String host) {
            Map<String, String> jar = cookies.get(host.toLowerCase(Locale.ROOT));
            if (jar == null || jar.isEmpty()) {
                return null;
            }
            return String.join(
                    "; ",
                    jar.entrySet().stream()
                            .map(e -> e.getKey() + "=" + e.getValue())
                            .toList());
        }

        void keepCookies(String host, StepObservation seen) {
            List<String> set = seen.headers().get("set-cookie");
            if (set == null) {
                return;
            }
            for (String header : set) {
                String pair = header.split(";", 2)[0];
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    cookies.computeIfAbsent(host.toLowerCase(Locale.ROOT), k -> new LinkedHashMap<>())
                            .put(
                                    pair.substring(0, eq).trim(),
                                    pair.substring(eq + 1).trim());
                }
            }
        }

        synchronized CheckResult finish() {
            List<StepResult> steps = new ArrayList<>(results);
            for (int i = steps.size(); i < check.steps().size(); i++) {
                steps.add(StepResult.skipped(check.steps().get(i)));
            }
            StepResult failed = steps.stream()
                    .filter(s -> !s.ok() && !s.skipped())
                    .findFirst()
                    .orElse(null);
            boolean ok = failed == null && steps.stream().allMatch(StepResult::ok);
            String failure = null;
            if (failed != null) {
                failure = (check.steps().size() == 1
                                ? failed.target()
                                : "step '" + failed.name() + "' (" + failed.target() + ")")
                        + ": " + failed.failure();
            }
            return new CheckResult(
                    null,
                    checkId,
                    check.name(),
                    scheduledAt,
                    startedAt,
                    StepTimings.millisSince(startNanos, System.nanoTime()),
                    ok,
                    origin,
                    null,
                    failed == null ? null : failed.name(),
                    failure,
                    List.copyOf(steps));
        }

        CheckResult crashed(Throwable failure) {
            String message = redactor.redact(String.valueOf(failure.getMessage()));
            return new CheckResult(
                    null,
                    checkId,
                    check.name(),
                    scheduledAt,
                    startedAt,
                    StepTimings.millisSince(startNanos, System.nanoTime()),
                    false,
                    origin,
                    null,
                    null,
                    "the run stopped unexpectedly: " + failure.getClass().getSimpleName() + ": " + message,
                    List.copyOf(results));
        }
    }
}
