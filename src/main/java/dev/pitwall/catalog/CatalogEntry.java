package dev.pitwall.catalog;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A service as the catalog knows it. Services appear on first sight (a change, an alert, a check
 * naming them) and are then described by people or by {@code pitwall.yaml}.
 *
 * @param tier 1 (most critical) to 4, or null when nobody said
 * @param verificationWindow how long checks watch a service after each of its deploys
 * @param dependsOn names of the services this one calls
 * @param source where the description came from: {@code auto} (first sight), {@code ui}/{@code api}
 *     or {@code config} (pitwall.yaml, which wins on reload)
 */
public record CatalogEntry(
        long id,
        String name,
        String ownerTeam,
        Integer tier,
        String description,
        String runbookUrl,
        Duration verificationWindow,
        List<String> dependsOn,
        String rollbackHookUrl,
        boolean rollbackHookSecretSet,
        String source,
        Instant createdAt,
        Instant updatedAt) {

    public static final Duration DEFAULT_VERIFICATION_WINDOW = Duration.ofMinutes(10);
}
