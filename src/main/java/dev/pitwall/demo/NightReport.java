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
 *     reasons; null while Pitwall has no triage
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

    /** A ranked suspect change: which change, its score and the reasons shown for it. */
    record Suspect(long changeId, String label, double score, List<String> reasons) {}

    /** The postmortem draft and its safeguard-check action item. */
    record Postmortem(long id, String path, long actionItemId, String actionItemTitle, String actionItemKind) {}
}
