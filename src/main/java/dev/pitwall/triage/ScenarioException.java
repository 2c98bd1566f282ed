package dev.pitwall.triage;

/** A scenario file that cannot be used; the message names the file, the line and the field. */
final class ScenarioException extends RuntimeException {

    ScenarioException(String message) {
        super(message);
    }

    ScenarioException(String message, Throwable cause) {
        super(message, cause);
    }
}
