package dev.pitwall.postmortems;

import dev.pitwall.incidents.IncidentView;
import java.time.Duration;
import java.time.Instant;

/**
 * The impact of an incident as its postmortem states it: five moments and the times between.
 * Time to detect runs from impact start to detection, to acknowledge from detection to
 * acknowledgement, and to mitigate and to resolve from impact start. A moment the record does not
 * have yet (a postmortem drafted by hand before acknowledgement or resolution) leaves its duration
 * empty; an incident resolved without passing through monitoring counts as mitigated when resolved,
 * as the incidents module records it.
 */
record Impact(
        Instant startedAt,
        Instant detectedAt,
        Instant acknowledgedAt,
        Instant mitigatedAt,
        Instant resolvedAt,
        Duration toDetect,
        Duration toAcknowledge,
        Duration toMitigate,
        Duration toResolve,
        Detection detection,
        int customerReports,
        int distinctCustomers) {

    static Impact of(IncidentView incident, Detection detection) {
        return new Impact(
                incident.impactStartedAt(),
                incident.detectedAt(),
                incident.acknowledgedAt(),
                incident.mitigatedAt(),
                incident.resolvedAt(),
                between(incident.impactStartedAt(), incident.detectedAt()),
                between(incident.detectedAt(), incident.acknowledgedAt()),
                between(incident.impactStartedAt(), incident.mitigatedAt()),
                between(incident.impactStartedAt(), incident.resolvedAt()),
                detection,
                incident.reports(),
                incident.distinctCustomers());
    }

    private static Duration between(Instant from, Instant to) {
        if (from == null || to == null) {
            return null;
        }
        Duration d = Duration.between(from, to);
        return d.isNegative() ? Duration.ZERO : d;
    }

    /** The moments and durations in the order the postmortem lists them. */
    public java.util.List<Moment> moments() {
        return java.util.List.of(
                new Moment("Impact started", startedAt, null, null),
                new Moment("Detected", detectedAt, "Time to detect", toDetect),
                new Moment("Acknowledged", acknowledgedAt, "Time to acknowledge", toAcknowledge),
                new Moment("Mitigated", mitigatedAt, "Time to mitigate", toMitigate),
                new Moment("Resolved", resolvedAt, "Time to resolve", toResolve));
    }

    /** One row of the impact table. */
    record Moment(String name, Instant at, String durationName, Duration duration) {

        public String durationText() {
            return duration == null ? (durationName == null ? "" : "—") : Durations.describe(duration);
        }
    }
}
