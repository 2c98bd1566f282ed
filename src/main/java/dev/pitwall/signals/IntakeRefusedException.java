package dev.pitwall.signals;

import java.time.Duration;

/**
 * Intake cannot take more right now (its queue is full or the fold is too far behind); nothing of
 * the request was stored. Answered with 503 and {@code Retry-After}, which Alertmanager, Prometheus
 * and PagerDuty clients retry.
 */
class IntakeRefusedException extends RuntimeException {

    private final Duration retryAfter;

    IntakeRefusedException(String message, Duration retryAfter) {
        super(message);
        this.retryAfter = retryAfter;
    }

    Duration retryAfter() {
        return retryAfter;
    }
}
