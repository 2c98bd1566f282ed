package dev.pitwall.catalog;

import java.time.Duration;
import java.util.List;

/**
 * What people (or pitwall.yaml) say about a service. Null fields leave the stored value as it is.
 *
 * @param rollbackHookSecret the HMAC secret of the rollback hook; stored encrypted, never shown;
 *     an empty string removes it
 */
public record ServiceDescription(
        String ownerTeam,
        Integer tier,
        String description,
        String runbookUrl,
        Duration verificationWindow,
        List<String> dependsOn,
        String rollbackHookUrl,
        String rollbackHookSecret) {

    public static ServiceDescription empty() {
        return new ServiceDescription(null, null, null, null, null, null, null, null);
    }
}
