package dev.pitwall.checks;

import java.time.Instant;

/**
 * A check as stored: its definition and where it came from. Checks declared in pitwall.yaml
 * ({@code source = config}) are read-only elsewhere; the file is their source of truth.
 *
 * @param version bumped on every change, so caches know which definitions to reload
 */
record StoredCheck(
        long id,
        CheckDefinition definition,
        String source,
        String configFile,
        Integer configLine,
        int version,
        Instant createdAt,
        Instant updatedAt,
        String createdBy,
        String updatedBy) {

    static final String CONFIG = "config";

    boolean fromConfig() {
        return CONFIG.equals(source);
    }
}
