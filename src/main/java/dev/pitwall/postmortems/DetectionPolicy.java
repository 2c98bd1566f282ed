package dev.pitwall.postmortems;

import dev.pitwall.incidents.DetectionSource;
import dev.pitwall.incidents.IncidentView;
import dev.pitwall.incidents.TimelineEntry;
import dev.pitwall.system.Actor;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Set;

/**
 * Did customers find the problem before Pitwall did? Yes when a customer report was the first
 * signal (the incident's detection source is {@code customer}), or when a customer report joined
 * the incident before any check or alert signal did (including when none ever did).
 *
 * <p>Signals speak on the incident timeline for their sender (the incidents module writes each
 * signal's entry with the sender as actor: {@code customer-report}, {@code checks},
 * {@code alertmanager}, {@code pagerduty}, {@code signals-api}), so the order of those entries is
 * the order in which the signals reached the incident.
 */
final class DetectionPolicy {

    static final String CUSTOMER_REPORT = "customer-report";
    static final Set<String> PITWALL_SIGNALS = Set.of("checks", "alertmanager", "pagerduty", "signals-api");
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private DetectionPolicy() {}

    static Detection decide(IncidentView incident, List<TimelineEntry> timeline) {
        Instant firstReport = null;
        Instant firstSignal = null;
        for (TimelineEntry e : timeline) {
            if (!isSignal(e)) {
                continue;
            }
            if (CUSTOMER_REPORT.equals(e.actor().id())) {
                firstReport = firstReport == null ? e.at() : firstReport;
            } else if (PITWALL_SIGNALS.contains(e.actor().id())) {
                firstSignal = firstSignal == null ? e.at() : firstSignal;
            }
        }
        DetectionSource source = incident.detectionSource();
        if (source == DetectionSource.CUSTOMER) {
            Instant reported = firstReport == null ? incident.detectedAt() : firstReport;
            return new Detection(
                    source,
                    true,
                    reported,
                    firstSignal,
                    "Customers found it before Pitwall did: a customer report was the first signal ("
                            + TIME.format(incident.detectedAt()) + ")"
                            + (firstSignal == null
                                    ? "; no check or alert signal followed."
                                    : "; the first check or alert signal came "
                                            + Durations.describe(Duration.between(reported, firstSignal)) + " later."));
        }
        if (firstReport != null && (firstSignal == null || firstReport.isBefore(firstSignal))) {
            return new Detection(
                    source,
                    true,
                    firstReport,
                    firstSignal,
                    "Customers found it before Pitwall did: a customer report joined at " + TIME.format(firstReport)
                            + (firstSignal == null
                                    ? " and no check or alert signal ever did."
                                    : ", " + Durations.describe(Duration.between(firstReport, firstSignal))
                                            + " before the first check or alert signal."));
        }
        String how = switch (source) {
            case CHECK -> "Pitwall found it: a synthetic check was the first signal";
            case ALERT -> "Pitwall found it: an alert was the first signal";
            case STAFF -> "Declared by staff";
            case CUSTOMER -> throw new IllegalStateException("handled above");
        };
        return new Detection(
                source,
                false,
                firstReport,
                firstSignal,
                how + " (" + TIME.format(incident.detectedAt()) + ")"
                        + (firstReport == null
                                ? "; no customer reported it."
                                : "; the first customer report came "
                                        + Durations.describe(Duration.between(
                                                firstSignal == null ? incident.detectedAt() : firstSignal, firstReport))
                                        + " later."));
    }

    private static boolean isSignal(TimelineEntry e) {
        return ("signal".equals(e.kind()) || "check".equals(e.kind()))
                && e.actor().kind() == Actor.Kind.SYSTEM
                && e.text() != null
                && !e.text().startsWith("Signal resolved");
    }
}
