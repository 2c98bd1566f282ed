package dev.pitwall.signals;

import java.time.Instant;
import java.util.Map;

/**
 * What happened to one signal in a committed batch of intake: it was created, repeated, resolved,
 * reopened or acknowledged. Carries what grouping and the incident timeline need, so listeners do
 * not read the signal back.
 *
 * @param change what this batch did to the signal
 * @param count how many times the signal has been received in all, this batch included
 * @param received how many times it was received in this batch (repeats are merged)
 * @param service the service named by the signal, as the catalog spells it; null when none
 * @param environment such as {@code production}; null when the signal does not say
 * @param startedAt when the problem began by the sender's account (Alertmanager {@code startsAt},
 *     {@code occurred_at}, the first failure of a check), never later than {@code lastSeenAt}
 * @param report the customer report, for signals from the Client Success path; null otherwise
 * @param check the failing check, for signals raised by checks; null otherwise
 */
public record SignalUpdate(
        long signalId,
        String fingerprint,
        SignalSource source,
        Change change,
        SignalStatus status,
        Severity severity,
        String title,
        String description,
        String service,
        String environment,
        Map<String, String> labels,
        Instant startedAt,
        Instant lastSeenAt,
        long count,
        int received,
        Report report,
        CheckContext check) {

    public SignalUpdate {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }

    public enum Change {
        CREATED,
        REPEATED,
        REOPENED,
        ACKNOWLEDGED,
        RESOLVED
    }

    /**
     * A customer report: who reported (a customer or account id, never shown publicly), what they
     * cannot do, how many customers the reporter says are affected, and whether it is widespread.
     */
    public record Report(String customerId, String text, int customersAffected, boolean widespread) {}

    /**
     * The check behind a signal raised by a failing check, and the change whose post-deploy
     * verification window saw it fail (all three change fields null outside a window).
     */
    public record CheckContext(
            long checkId,
            String checkName,
            String url,
            boolean critical,
            String reason,
            Long changeId,
            String change,
            Instant changeFinishedAt) {}
}
