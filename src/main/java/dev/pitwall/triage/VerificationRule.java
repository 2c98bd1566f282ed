package dev.pitwall.triage;

import java.util.Set;

/**
 * Verification: the checks that ran right after the change. A failed post-deploy verification is
 * the strongest single piece of evidence there is: the change was followed at once by a broken
 * journey. A passed one speaks a little for the change, but only a little, because verification
 * covers a few critical journeys and the incident may be in another one.
 */
final class VerificationRule implements EvidenceRule {

    static final double FAILED = 4.0;
    static final double PASSED = -0.5;

    private final Set<Long> failed;
    private final Set<Long> passed;

    VerificationRule(Set<Long> failed, Set<Long> passed) {
        this.failed = failed;
        this.passed = passed;
    }

    @Override
    public String name() {
        return "verification";
    }

    @Override
    public double score(CandidateChange change) {
        return switch (outcome(change)) {
            case FAILED -> FAILED;
            case PASSED -> PASSED;
            case NONE, RUNNING -> 0;
        };
    }

    @Override
    public String reason(CandidateChange change) {
        return "post-deploy verification " + outcome(change).label();
    }

    private Verification outcome(CandidateChange change) {
        if (change.verification() == Verification.FAILED || (!failed.isEmpty() && failed.contains(change.id()))) {
            return Verification.FAILED;
        }
        if (change.verification() == Verification.PASSED || (!passed.isEmpty() && passed.contains(change.id()))) {
            return Verification.PASSED;
        }
        return change.verification();
    }
}
