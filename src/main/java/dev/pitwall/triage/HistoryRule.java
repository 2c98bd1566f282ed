package dev.pitwall.triage;

/**
 * History: changes to a service whose earlier changes were confirmed causes of incidents. Some
 * services are riskier to change than others (little test coverage, shared state, many callers),
 * and a confirmed cause is the best record of that. Weak, and capped at three incidents, so that
 * a service's past never outweighs the evidence about this incident. It is about services, never
 * about people.
 */
final class HistoryRule implements EvidenceRule {

    static final double PER_CAUSE = 0.4;
    static final int COUNTED = 3;

    private final CauseHistory history;

    HistoryRule(CauseHistory history) {
        this.history = history;
    }

    @Override
    public String name() {
        return "history";
    }

    @Override
    public double score(CandidateChange change) {
        return PER_CAUSE * Math.min(COUNTED, history.confirmedCauses(change.service()));
    }

    @Override
    public String reason(CandidateChange change) {
        int causes = history.confirmedCauses(change.service());
        return causes == 1
                ? "an earlier incident was caused by a change to " + change.service()
                : causes + " earlier incidents were caused by changes to " + change.service();
    }
}
