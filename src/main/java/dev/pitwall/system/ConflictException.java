package dev.pitwall.system;

/** The request contradicts the current state, such as a transition a lifecycle does not allow (409). */
public class ConflictException extends RuntimeException {

    public ConflictException(String detail) {
        super(detail);
    }
}
