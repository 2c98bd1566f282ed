package dev.pitwall.triage;

/**
 * Environment: a change in staging cannot break production. The penalty is large enough to bring
 * any change in another environment to a total of zero (totals are floored there), so it is not
 * listed however well the rest fits; a deploy to staging at the same moment as the incident, of the
 * same service with the same commits, is the classic false lead. A change in the same environment
 * gains a little over one whose environment is unknown. Changes without an environment apply to
 * all of them (a shared DNS zone, a cluster upgrade) and count as the same.
 */
final class EnvironmentRule implements EvidenceRule {

    static final double SAME = 0.5;
    static final double OTHER = -20.0;

    private final String environment;

    EnvironmentRule(String incidentEnvironment) {
        this.environment = incidentEnvironment;
    }

    @Override
    public String name() {
        return "environment";
    }

    @Override
    public double score(CandidateChange change) {
        if (environment == null) {
            return 0;
        }
        return change.environment() == null || change.environment().equals(environment) ? SAME : OTHER;
    }

    @Override
    public String reason(CandidateChange change) {
        if (change.environment() == null) {
            return "applies to every environment, " + environment + " included";
        }
        return change.environment().equals(environment)
                ? "in " + environment + ", like the incident"
                : "in " + change.environment() + ", not " + environment + " where the incident is";
    }
}
