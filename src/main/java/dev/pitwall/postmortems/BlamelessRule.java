package dev.pitwall.postmortems;

import java.util.List;
import java.util.regex.Pattern;

/**
 * One rule of the blameless review as the data file declares it: a phrase pattern, why the phrase
 * matters, a suggested rewording, and sentences it must and must not flag.
 *
 * @param source where the rule came from: {@code built-in} or the file that declared it
 */
record BlamelessRule(
        String name,
        Pattern pattern,
        String why,
        String suggestion,
        List<String> flags,
        List<String> passes,
        String source) {

    static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.UNICODE_CHARACTER_CLASS;

    BlamelessRule {
        flags = List.copyOf(flags);
        passes = List.copyOf(passes);
    }
}
