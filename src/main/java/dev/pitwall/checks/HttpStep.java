package dev.pitwall.checks;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * An HTTP request. {@code url}, header values and {@code body} are {@link Template}s that may use
 * secrets and values captured by earlier steps.
 */
record HttpStep(
        String name,
        String method,
        String url,
        Map<String, String> headers,
        String body,
        Duration timeout,
        boolean followRedirects,
        boolean verifyTls,
        List<Assertion> assertions,
        List<Capture> captures)
        implements StepDefinition {

    HttpStep {
        headers = Map.copyOf(headers);
        assertions = List.copyOf(assertions);
        captures = List.copyOf(captures);
    }

    @Override
    public String kind() {
        return "http";
    }

    @Override
    public String target() {
        return method + " " + url;
    }

    boolean wantsCertificate() {
        return assertions.stream().anyMatch(a -> a.subject() == Assertion.Subject.TLS_DAYS_LEFT);
    }
}
