package dev.pitwall.checks;

/**
 * How one assertion fared: the assertion as written, what it expected, and what the step actually
 * saw (secrets already masked).
 */
record AssertionResult(String assertion, boolean passed, String expected, String actual) {

    /** One sentence: {@code $.items.length() > 0: expected > 0, got 0}. */
    String describe() {
        return assertion + ": expected " + expected + ", got " + actual;
    }
}
