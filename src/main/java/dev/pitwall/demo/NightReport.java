package dev.pitwall.demo;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What the replayed night produced, read back from Pitwall: the closing summary is printed from
 * it, and the demo's test asserts on it.
 *
 * @param detection from the deploy's recorded finish to the incident's detection, both as Pitwall
 *     recorded them
 * @param resolution from the deploy's recorded finish to the incident's resolution
 * @param detectedAfterSeconds the same on the narrator's clock: from the moment the deploy was
 *     recorded to the moment the demo saw the incident
 * @param topSuspect the first suspect change of the incident, as triage ranked it, with its
 *     reasons and the mark the responder gave it
 * @param postmortem the postmortem draft of the incident with its safeguard
 */
record NightReport(
        long deployChangeId,
        long billingChangeId,
        long rollbackChangeId,
        long incidentId,
        String incidentTitle,
        String incidentSeverity,
        Duration detection,
        double detectedAfterSeconds,
        Duration resolution,
        String deployVerification,
        String rollbackVerification,
        int reportsAttached,
        List<String> attachReasons,
        List<WebhookSink.Delivery> deliveries,
        String finalStatus,
        Suspect topSuspect,
        Postmortem postmortem,
        Instant nightFrom,
        Instant nightTo,
        double totalSeconds) {

    /** A duration as the narration says it: {@code 42 ms}, {@code 13.7 s}. */
    static String spoken(Duration duration) {
        long millis = duration.toMillis();
        return millis < 1000 ? millis + " ms" : String.format(java.util.Locale.ROOT, "%.1f s", millis / 1000.0);
    }

    /**
     * A ranked suspect change: which change, its score, the reasons shown for it, and the
     * responders' mark ({@code none}, {@code confirmed_cause}, {@code ruled_out}) with who set it.
     */
    record Suspect(long changeId, String label, double score, List<String> reasons, String mark, String markedBy) {}

    /** The postmortem draft, its safeguard-check action item and the check made for it. */
    record Postmortem(
            long id,
            String path,
            long actionItemId,
            String actionItemTitle,
            String actionItemKind,
            long checkId,
            String checkName) {}
}
