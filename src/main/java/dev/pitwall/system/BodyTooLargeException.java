package dev.pitwall.system;

import java.io.IOException;

/** Thrown while reading a request body that grew past the configured limit; answered with 413. */
public class BodyTooLargeException extends IOException {

    public BodyTooLargeException(String message) {
        super(message);
    }
}
