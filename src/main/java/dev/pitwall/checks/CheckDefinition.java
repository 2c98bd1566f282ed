package dev.pitwall.checks;

import java.time.Duration;
import java.util.List;

/**
 * What a check does and how it is judged: a journey of one or more steps, run every
 * {@code interval}, failing after {@code failAfter} consecutive failures and recovering after
 * {@code recoverAfter} consecutive passes. The same definition is read from pitwall.yaml, the API,
 * the UI and {@code pitwall check run FILE} ({@link CheckFormat}).
 */
record CheckDefinition(
        String name,
        String description,
        String service,
        String environment,
        Duration interval,
        boolean critical,
        int failAfter,
        int recoverAfter,
        boolean paused,
        List<StepDefinition> steps) {

    static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(60);
    static final Duration MIN_INTERVAL = Duration.ofSeconds(1);
    static final Duration MAX_INTERVAL = Duration.ofHours(24);
    static final int DEFAULT_FAIL_AFTER = 2;
    static final int DEFAULT_RECOVER_AFTER = 2;
    static final String DEFAULT_ENVIRONMENT = "production";

    CheckDefinition {
        steps = List.copyOf(steps);
    }

    /** The first step's target, for lists and signals: a URL, {@code host:port} or a DNS name. */
    String target() {
        return steps.isEmpty() ? "" : steps.getFirst().target();
    }

    CheckDefinition withPaused(boolean value) {
        return new CheckDefinition(
                name, description, service, environment, interval, critical, failAfter, recoverAfter, value, steps);
    }
}
