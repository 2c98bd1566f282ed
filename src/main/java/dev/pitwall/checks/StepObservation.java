package dev.pitwall.checks;

import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a probe saw when it ran a step: for HTTP the status, headers and (the first megabyte of) the
 * body; for DNS the answers; for every kind the timings, or the error that stopped it. Assertions
 * and captures read it; the body is parsed as JSON at most once.
 */
final class StepObservation {

    static final int MAX_BODY = 1024 * 1024;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String target;
    private final Integer status;
    private final Map<String, List<String>> headers;
    private final String body;
    private final boolean bodyTruncated;
    private final Long tlsDaysLeft;
    private final String tlsError;
    private final List<String> answers;
    private final StepTimings timings;
    private final String error;
    private JsonNode json;
    private String jsonError;

    private StepObservation(
            String target,
            Integer status,
            Map<String, List<String>> headers,
            String body,
            boolean bodyTruncated,
            Long tlsDaysLeft,
            String tlsError,
            List<String> answers,
            StepTimings timings,
            String error) {
        this.target = target;
        this.status = status;
        this.headers = headers;
        this.body = body;
        this.bodyTruncated = bodyTruncated;
        this.tlsDaysLeft = tlsDaysLeft;
        this.tlsError = tlsError;
        this.answers = answers;
        this.timings = timings;
        this.error = error;
    }

    /** An HTTP response. Header names are lower case. */
    static StepObservation http(
            String target,
            int status,
            Map<String, List<String>> headers,
            String body,
            boolean truncated,
            Long tlsDaysLeft,
            String tlsError,
            StepTimings timings) {
        return new StepObservation(
                target, status, headers, body, truncated, tlsDaysLeft, tlsError, List.of(), timings, null);
    }

    static StepObservation connected(String target, StepTimings timings) {
        return new StepObservation(target, null, Map.of(), null, false, null, null, List.of(), timings, null);
    }

    static StepObservation answered(String target, List<String> answers, StepTimings timings) {
        return new StepObservation(
                target, null, Map.of(), null, false, null, null, List.copyOf(answers), timings, null);
    }

    /** The step could not be completed at all: refused, timed out, no such host, blocked target. */
    static StepObservation failed(String target, String error, StepTimings timings) {
        return new StepObservation(target, null, Map.of(), null, false, null, null, List.of(), timings, error);
    }

    String target() {
        return target;
    }

    Integer status() {
        return status;
    }

    Map<String, List<String>> headers() {
        return headers;
    }

    String body() {
        return body;
    }

    boolean bodyTruncated() {
        return bodyTruncated;
    }

    Long tlsDaysLeft() {
        return tlsDaysLeft;
    }

    String tlsError() {
        return tlsError;
    }

    List<String> answers() {
        return answers;
    }

    StepTimings timings() {
        return timings;
    }

    /** Why the step could not be completed, or null when it was. */
    String error() {
        return error;
    }

    /**
     * The body as JSON.
     *
     * @throws IllegalStateException saying why the body is not JSON
     */
    synchronized JsonNode json() {
        if (json == null && jsonError == null) {
            if (body == null || body.isBlank()) {
                jsonError = "an empty body, not JSON";
            } else if (bodyTruncated) {
                jsonError = "a body over " + MAX_BODY / 1024 + " KB, not read as JSON";
            } else {
                try {
                    json = JSON.readTree(body);
                } catch (JacksonException e) {
                    jsonError = "a body that is not JSON (" + Assertion.shorten(e.getOriginalMessage()) + ")";
                }
            }
        }
        if (jsonError != null) {
            throw new IllegalStateException(jsonError);
        }
        return json;
    }
}
