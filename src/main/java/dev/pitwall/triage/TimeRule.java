package dev.pitwall.triage;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Time: the change that finished just before users were hurt is every responder's first suspect.
 * Most change-induced incidents show within minutes of the rollout, as traffic reaches the new
 * code; a long tail shows hours later, with the next morning's traffic, a nightly job or a cache
 * that expires. So the score falls off slowly (hyperbolically), not exponentially: full weight
 * for a change still rolling out when impact started, half after 30 minutes, a fifth after two
 * hours, and it never quite reaches zero inside the 24-hour window.
 *
 * <p>A change that started after impact started cannot have caused it; it scores nothing here
 * and is listed separately, as "during the incident".
 */
final class TimeRule implements EvidenceRule {

    static final double WEIGHT = 3.0;
    static final long HALF_WEIGHT_MILLIS = Duration.ofMinutes(30).toMillis();

    private final Instant impactStart;
    private final long impactMillis;

    TimeRule(Instant impactStart) {
        this.impactStart = impactStart;
        this.impactMillis = impactStart.toEpochMilli();
    }

    @Override
    public String name() {
        return "time";
    }

    @Override
    public double score(CandidateChange change) {
        if (change.startedAt().toEpochMilli() >= impactMillis) {
            return 0;
        }
        if (change.finishedAt() == null || change.finishedAt().toEpochMilli() > impactMillis) {
            return WEIGHT;
        }
        long gap = impactMillis - change.finishedAt().toEpochMilli();
        return WEIGHT * HALF_WEIGHT_MILLIS / (HALF_WEIGHT_MILLIS + gap);
    }

    @Override
    public String reason(CandidateChange change) {
        if (!change.startedAt().isBefore(impactStart)) {
            return "started " + describe(Duration.between(impactStart, change.startedAt())) + " after impact began";
        }
        if (change.inProgressAt(impactStart)) {
            return "was still rolling out when impact started (began "
                    + describe(Duration.between(change.startedAt(), impactStart)) + " before)";
        }
        return "finished " + describe(Duration.between(change.finishedAt(), impactStart)) + " before impact";
    }

    /** Changes during the incident score nothing here, but their timing is still worth saying. */
    @Override
    public Optional<Evidence> explain(CandidateChange change) {
        return Optional.of(new Evidence(name(), score(change), reason(change)));
    }

    /** "40 s", "14 min", "3 h 5 min", as a responder would say it. */
    static String describe(Duration duration) {
        long seconds = duration.toSeconds();
        if (seconds < 60) {
            return seconds + " s";
        }
        long minutes = duration.toMinutes();
        if (minutes < 60) {
            return minutes + " min";
        }
        long hours = duration.toHours();
        long rest = minutes % 60;
        if (hours < 48) {
            return rest == 0 ? hours + " h" : hours + " h " + rest + " min";
        }
        return duration.toDays() + " days";
    }
}
