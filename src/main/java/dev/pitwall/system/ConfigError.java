package dev.pitwall.system;

/** One problem in {@code pitwall.yaml}: where it is and what to change. */
public record ConfigError(String file, int line, String field, String message) {

    @Override
    public String toString() {
        return file + ":" + line + ": " + field + ": " + message;
    }
}
