package dev.pitwall.checks;

import java.time.Instant;
import java.util.Map;

/**
 * A check as the API and the pages show it: where it stands and where it came from, with its
 * definition in the same format pitwall.yaml uses (so it can be sent back as it is).
 *
 * @param status {@code pending}, {@code up}, {@code down} or {@code paused}
 * @param source {@code config} (pitwall.yaml, read-only elsewhere), {@code api} or {@code ui}
 */
public record CheckView(
        long id,
        String name,
        String service,
        String environment,
        String target,
        String interval,
        boolean critical,
        boolean paused,
        String status,
        int consecutiveFailures,
        Instant failingSince,
        Instant lastResultAt,
        Boolean lastOk,
        Double lastDurationMs,
        String lastFailure,
        String source,
        String configFile,
        Integer configLine,
        Instant createdAt,
        Instant updatedAt,
        String createdBy,
        String updatedBy,
        Map<String, Object> definition) {

    static CheckView of(StoredCheck stored, CheckState state) {
        CheckDefinition d = stored.definition();
        CheckState s = state == null ? CheckState.initial() : state;
        return new CheckView(
                stored.id(),
                d.name(),
                d.service(),
                d.environment(),
                d.target(),
                CheckFormat.duration(d.interval()),
                d.critical(),
                d.paused(),
                d.paused() ? "paused" : s.status().label(),
                s.consecutiveFailures(),
                s.failingSince(),
                s.lastResultAt(),
                s.lastOk(),
                s.lastDurationMs(),
                s.lastFailure(),
                stored.source(),
                stored.configFile(),
                stored.configLine(),
                stored.createdAt(),
                stored.updatedAt(),
                stored.createdBy(),
                stored.updatedBy(),
                CheckFormat.toMap(d));
    }

    public boolean fromConfig() {
        return StoredCheck.CONFIG.equals(source);
    }
}
