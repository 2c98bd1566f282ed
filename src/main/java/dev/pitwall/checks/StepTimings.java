package dev.pitwall.checks;

import java.util.Locale;

/**
 * Where a step's time went, in milliseconds. {@code connectMs} runs from the start to the request
 * being sent (name lookup, TCP and TLS), {@code firstByteMs} from the start to the first byte of the
 * response; both are null when the step never got that far or has no such phase.
 */
record StepTimings(Double connectMs, Double firstByteMs, double totalMs) {

    static StepTimings total(double totalMs) {
        return new StepTimings(null, null, totalMs);
    }

    static double millisSince(long startNanos, long endNanos) {
        return Math.round((endNanos - startNanos) / 10_000.0) / 100.0;
    }

    static String format(double ms) {
        if (ms >= 1000) {
            return String.format(Locale.ROOT, "%.2f s", ms / 1000);
        }
        return ms >= 10 ? Math.round(ms) + " ms" : String.format(Locale.ROOT, "%.2f ms", ms);
    }
}
