package dev.pitwall.signals;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One reception of a signal, whatever its format, as the intake log stores it and the fold applies
 * it. Fields the sender did not give are null (labels, links and images empty); a repeat then keeps
 * what the signal already has.
 *
 * @param createIfMissing false for events that only make sense for a known signal (a PagerDuty
 *     acknowledge or resolve without a payload): they are dropped when the fingerprint is unknown
 * @param startedAt when the sender says the problem began (Alertmanager {@code startsAt}, {@code occurred_at})
 * @param endedAt when the sender says it ended (Alertmanager {@code endsAt} of a resolved alert)
 * @param receivedAt when Pitwall accepted it
 */
record Observation(
        String fingerprint,
        SignalSource source,
        Action action,
        boolean createIfMissing,
        Severity severity,
        String title,
        String description,
        String service,
        String environment,
        Map<String, String> labels,
        List<SignalView.Link> links,
        List<SignalView.Image> images,
        String details,
        Instant startedAt,
        Instant endedAt,
        Instant receivedAt,
        SignalUpdate.Report report,
        SignalUpdate.CheckContext check) {

    Observation {
        labels = labels == null ? Map.of() : labels;
        links = links == null ? List.of() : links;
        images = images == null ? List.of() : images;
    }

    /** What the sender says happened: the problem is there, someone is on it, or it is over. */
    enum Action {
        TRIGGER,
        ACKNOWLEDGE,
        RESOLVE
    }
}
