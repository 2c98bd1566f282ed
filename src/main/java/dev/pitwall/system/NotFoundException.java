package dev.pitwall.system;

/** The addressed resource does not exist (answered with 404). */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String detail) {
        super(detail);
    }

    public static NotFoundException of(String what, Object id) {
        return new NotFoundException("No " + what + " with id " + id);
    }
}
