package dev.pitwall.changes;

import dev.pitwall.system.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Where a page of the newest-first change list ends: the start time and id of its last change.
 * Opaque to clients; a cursor stays valid while changes arrive, unlike an offset.
 */
record ChangeCursor(long startedAt, long id) {

    String encode() {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString((startedAt + ":" + id).getBytes(StandardCharsets.US_ASCII));
    }

    static ChangeCursor decode(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            String plain = new String(Base64.getUrlDecoder().decode(text.strip()), StandardCharsets.US_ASCII);
            int colon = plain.indexOf(':');
            return new ChangeCursor(
                    Long.parseLong(plain.substring(0, colon)), Long.parseLong(plain.substring(colon + 1)));
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            throw new InvalidInputException(
                    "cursor", "The cursor is not one this server gave out; start again without it");
        }
    }
}
