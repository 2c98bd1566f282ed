package dev.pitwall.signals;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;

/** The fingerprints that make two receptions the same signal. */
final class Fingerprints {

    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;
    private static final int SEPARATOR = 0xff;

    private Fingerprints() {}

    /**
     * Alertmanager's own fingerprint of a label set (Prometheus {@code model.LabelSet.Fingerprint}:
     * 64-bit FNV-1a over the sorted names and values, each followed by byte 255), written as 16 hex
     * digits. An alert posted to {@code /api/v2/alerts} therefore gets the fingerprint Alertmanager
     * would show, and dedups with the same alert arriving through an Alertmanager webhook.
     */
    static String alertmanager(Map<String, String> labels) {
        String[] names = labels.keySet().toArray(String[]::new);
        Arrays.sort(names);
        long hash = FNV_OFFSET;
        for (String name : names) {
            hash = add(hash, name);
            hash = (hash ^ SEPARATOR) * FNV_PRIME;
            hash = add(hash, labels.get(name));
            hash = (hash ^ SEPARATOR) * FNV_PRIME;
        }
        return HexFormat.of().toHexDigits(hash);
    }

    private static long add(long hash, String text) {
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c >= 0x80) {
                // Leave the fast path for text that is not ASCII: hash its UTF-8 bytes from here on.
                for (byte b : text.substring(i).getBytes(StandardCharsets.UTF_8)) {
                    hash = (hash ^ (b & 0xff)) * FNV_PRIME;
                }
                return hash;
            }
            hash = (hash ^ c) * FNV_PRIME;
        }
        return hash;
    }

    /**
     * A stable fingerprint for signals whose sender gives none: SHA-256 over the parts and the
     * sorted labels, 32 hex digits. Empty and missing parts hash alike.
     */
    static String derived(String kind, String service, String environment, String title, Map<String, String> labels) {
        MessageDigest digest = sha256();
        for (String part : new String[] {kind, service, environment, title}) {
            update(digest, part);
        }
        String[] names = labels.keySet().toArray(String[]::new);
        Arrays.sort(names);
        for (String name : names) {
            update(digest, name);
            update(digest, labels.get(name));
        }
        return HexFormat.of().formatHex(digest.digest(), 0, 16);
    }

    private static void update(MessageDigest digest, String part) {
        if (part != null) {
            digest.update(part.getBytes(StandardCharsets.UTF_8));
        }
        digest.update((byte) SEPARATOR);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
