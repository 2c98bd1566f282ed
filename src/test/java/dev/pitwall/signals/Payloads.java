package dev.pitwall.signals;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The real sender payloads in {@code src/test/resources/signals}. */
final class Payloads {

    private Payloads() {}

    static String text(String name) {
        try (InputStream in = Payloads.class.getResourceAsStream("/signals/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("No test payload " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] bytes(String name) {
        return text(name).getBytes(StandardCharsets.UTF_8);
    }
}
