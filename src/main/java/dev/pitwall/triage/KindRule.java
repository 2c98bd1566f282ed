package dev.pitwall.triage;

/**
 * Kind: config changes, feature-flag flips and migrations cause more than their share of
 * incidents. They take effect everywhere at once, usually without the canary, the tests and the
 * post-deploy verification that a code deploy goes through, and a migration cannot be rolled back
 * with the code. About twice as suspicious as a deploy (ln 2 ≈ 0.7). Infrastructure changes are
 * in between. A rollback returns to a version that ran before, so it is less suspicious than the
 * deploy it undoes; it still can break things (a schema that moved on), so it is not ruled out.
 */
final class KindRule implements EvidenceRule {

    static final double CONFIG_FLAG_OR_MIGRATION = 0.7;
    static final double INFRA = 0.3;
    static final double ROLLBACK = -1.0;

    @Override
    public String name() {
        return "kind";
    }

    @Override
    public double score(CandidateChange change) {
        return switch (change.kind()) {
            case CONFIG, FEATURE_FLAG, MIGRATION -> CONFIG_FLAG_OR_MIGRATION;
            case INFRA -> INFRA;
            case ROLLBACK -> ROLLBACK;
            case DEPLOY, OTHER -> 0;
        };
    }

    @Override
    public String reason(CandidateChange change) {
        return switch (change.kind()) {
            case CONFIG -> "config change: takes effect everywhere at once";
            case FEATURE_FLAG -> "feature-flag change: takes effect everywhere at once";
            case MIGRATION -> "database migration: cannot be rolled back with the code";
            case INFRA -> "infrastructure change";
            case ROLLBACK -> "rollback to a version that ran before";
            case DEPLOY, OTHER -> "";
        };
    }
}
