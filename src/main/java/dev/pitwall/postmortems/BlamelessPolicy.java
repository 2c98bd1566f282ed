package dev.pitwall.postmortems;

import java.util.List;
import java.util.Set;

/**
 * One named rule of the blameless review. It reads a text and returns the phrases that assign
 * blame or reason counterfactually, each with why it matters and a suggested rewording.
 */
interface BlamelessPolicy {

    String name();

    /**
     * @param people the usernames and names of the people involved in the incident, which a rule
     *     may look for as the subject of a failure
     */
    List<Finding> review(ReviewedText text, Set<String> people);
}
