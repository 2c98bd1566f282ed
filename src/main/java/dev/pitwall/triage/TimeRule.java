package dev.pitwall.triage;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Time: the change that finished just before users were hurt is every responder's first suspect.
 * Most change-induced incidents show within minutes of the rollout, as traffic reaches the new
 * code; a long tail shows hours later, with the next morning's traffic, a nightly job or a cache
 * that expires. A heavy-tailed delay, p(gap) ∝ 1/(30 min + gap), says that on the log-odds scale
 * of the other rules the score falls with the logarithm of the gap: 3 for a change still rolling
 * out when impact started, 2.3 after 30 minutes, 1.4 after two hours, 0 after about nine hours and
 * -0.9 after a day. A change that has run through a day of traffic without trouble is less
 * suspect than an average one, which is what the negative end says.
 *
 * <p>A change that started after impact started cannot have caused it; it scores nothing here
 * and is listed separately, as "during the incident".
 */
final class TimeRule implements EvidenceRule {

    static final double WEIGHT = 3.0;
    /** The scale of the delay: after 30 minutes the score has fallen by ln 2, from 3 to 2.3. */
    static final long SCALE_MILLIS = Duration.ofMinutes(30).toMillis();

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
        return WEIGHT - Math.log1p((double) gap / SCALE_MILLIS);
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
