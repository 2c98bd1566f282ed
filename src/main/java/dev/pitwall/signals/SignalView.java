package dev.pitwall.signals;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A stored signal as other modules and the API see it: one per fingerprint, however often it was
 * received.
 *
 * @param fingerprint what makes two receptions the same signal (Alertmanager's fingerprint, a
 *     PagerDuty {@code dedup_key}, a sender's own key, or a hash of service, environment, title and
 *     labels)
 * @param details free-form JSON the sender attached (PagerDuty {@code custom_details}); null when none
 * @param startedAt when the problem began by the sender's account, never later than {@code lastSeenAt}
 * @param firstSeenAt when Pitwall first received the signal
 * @param lastSeenAt when Pitwall last received it
 * @param acknowledgedAt when its source acknowledged it; null unless acknowledged
 * @param resolvedAt when it resolved; null while firing or acknowledged
 * @param count how many times Pitwall has received it
 * @param report the customer report, for signals with source {@code report}; null otherwise
 * @param check the failing check, for signals with source {@code check}; null otherwise
 */
public record SignalView(
        long id,
        String fingerprint,
        SignalSource source,
        SignalStatus status,
        Severity severity,
        String title,
        String description,
        String service,
        String environment,
        Map<String, String> labels,
        List<Link> links,
        List<Image> images,
        String details,
        Instant startedAt,
        Instant firstSeenAt,
        Instant lastSeenAt,
        Instant acknowledgedAt,
        Instant resolvedAt,
        long count,
        SignalUpdate.Report report,
        SignalUpdate.CheckContext check) {

    public SignalView {
        labels = labels == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(labels));
        links = links == null ? List.of() : List.copyOf(links);
        images = images == null ? List.of() : List.copyOf(images);
    }

    /** A link the sender attached (a runbook, a dashboard, the query that fired). */
    public record Link(String href, String text) {

        /** Whether the page may render it as a link: only http(s), never {@code javascript:} and the like. */
        public boolean web() {
            String h = href == null ? "" : href.trim().toLowerCase(java.util.Locale.ROOT);
            return h.startsWith("https://") || h.startsWith("http://");
        }

        public String label() {
            return text == null || text.isBlank() ? href : text;
        }
    }

    /** An image the sender attached (PagerDuty {@code images}): its source, optional link and text. */
    public record Image(String src, String href, String alt) {}
}
