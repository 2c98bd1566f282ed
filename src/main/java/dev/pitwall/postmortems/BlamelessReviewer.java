package dev.pitwall.postmortems;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * The blameless review: every policy reads every text a team wrote. It runs on every save and
 * before publication; the findings go to the page, the API and the publication's decision.
 */
final class BlamelessReviewer {

    private final List<BlamelessPolicy> policies;

    BlamelessReviewer(List<BlamelessPolicy> policies) {
        this.policies = List.copyOf(policies);
    }

    List<BlamelessPolicy> policies() {
        return policies;
    }

    /** Findings in the order of the texts, then by position in each text. */
    List<Finding> review(List<ReviewedText> texts, Set<String> people) {
        List<Finding> findings = new ArrayList<>();
        for (ReviewedText text : texts) {
            List<Finding> inText = new ArrayList<>();
            for (BlamelessPolicy policy : policies) {
                inText.addAll(policy.review(text, people));
            }
            inText.sort(Comparator.comparingInt(Finding::start).thenComparing(Finding::rule));
            findings.addAll(inText);
        }
        return findings;
    }

    /** The findings of one sentence, for trying rules out. */
    List<Finding> review(String sentence, Set<String> people) {
        return review(List.of(new ReviewedText("text", "Text", sentence)), people);
    }
}
