package dev.pitwall.triage;

/**
 * Size: a deploy that ships many commits at once (a release train, a branch merged after weeks)
 * has more ways to break and is harder to review. The weight is small because size says nothing
 * about this incident in particular.
 */
final class SizeRule implements EvidenceRule {

    static final int LARGE = 20;
    static final int VERY_LARGE = 50;

    @Override
    public String name() {
        return "size";
    }

    @Override
    public double score(CandidateChange change) {
        if (change.commitCount() >= VERY_LARGE) {
            return 1.0;
        }
        return change.commitCount() >= LARGE ? 0.5 : 0;
    }

    @Override
    public String reason(CandidateChange change) {
        return "large change: " + change.commitCount() + " commits";
    }
}
