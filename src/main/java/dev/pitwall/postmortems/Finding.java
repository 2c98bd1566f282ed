package dev.pitwall.postmortems;

import java.util.Locale;

/**
 * A phrase the blameless review marked, with the rule that marked it and why.
 *
 * @param location where the text is, such as {@code summary}, {@code factors[4]} or
 *     {@code accounts[2].did}
 * @param label the same place as people read it: "Contributing factor 2", "alice's account: what I did"
 * @param start offset of the phrase in the text
 * @param end offset just after the phrase
 */
public record Finding(
        String rule, String location, String label, int start, int end, String phrase, String why, String suggestion) {

    /**
     * What a dismissal refers to: the same rule, place and words, so a dismissal survives edits
     * elsewhere and reviews run again.
     */
    public String key() {
        return rule + "|" + location + "|" + phrase.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
    }
}
