package dev.pitwall.system;

/**
 * A client sent something Pitwall cannot accept. Answered with 400 and a problem detail that names
 * the offending field, so the sender knows what to fix.
 */
public class InvalidInputException extends RuntimeException {

    private final String field;

    public InvalidInputException(String field, String detail) {
        super(detail);
        this.field = field;
    }

    /** Dotted path of the field in the request, such as {@code commits[3].sha}; may be null. */
    public String field() {
        return field;
    }
}
