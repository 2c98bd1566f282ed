package dev.pitwall.postmortems;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A person named as the subject of a failure: "Bob forgot to run the migration", "alice broke
 * checkout", "Carol's mistake". A person is one of the incident's people (usernames of responders,
 * roles, account authors, action item owners; any case) or a capitalised common first name; he
 * and she count too. Its limits: a name that is neither known nor common, a name written in lower
 * case that is not a known username, and failures phrased without a subject ("the migration was
 * skipped by…") are not recognised; the phrase rules catch many of those.
 */
final class PersonAsSubjectPolicy implements BlamelessPolicy {

    static final String NAME = "person-as-subject";

    private static final String WHY =
            "A person named as the subject of a failure points at who instead of what: people act"
                    + " sensibly given what they knew and saw, and the same slip is open to anyone until the system changes.";
    private static final String SUGGESTION = "Make the work or the system the subject and say what allowed it: \"The"
            + " deploy went out without the migration; nothing in the pipeline checked for it.\" In your own account,"
            + " say what you saw and did in the first person.";

    /** A word that may be a person: a username such as {@code ana.silva} or {@code bob-k} counts whole. */
    private static final Pattern WORD = Pattern.compile("[\\p{L}][\\p{L}\\p{N}_.-]*", Pattern.UNICODE_CHARACTER_CLASS);

    // After a person: an optional adverb ("accidentally"), then a failure.
    private static final Pattern FAILURE = Pattern.compile(
            "\\s+(?:\\p{L}+ly\\s+)?(?:"
                    + "forgot|forgets|failed|fails|broke|breaks|missed|misses|neglected|ignored|ignores|overlooked"
                    + "|skipped|botched|caused|messed\\s+up|screwed\\s+up|dropped\\s+the\\s+ball"
                    + "|(?:didn['’]t|did\\s+not|never)\\s+(?:check|checked|test|tested|run|ran|notice|noticed|follow"
                    + "|followed|read|review|reviewed|verify|verified|update|updated|tell|told|escalate|escalated|wait"
                    + "|ask|asked|see|bother|think|care|look)"
                    + "|should(?:n['’]t|\\s+not)?\\s+have|should['’]ve|could\\s+have|made\\s+(?:a|an|the)\\s+"
                    + "(?:\\p{L}+\\s+)?(?:mistake|error|blunder)"
                    + "|was(?:n['’]t|\\s+not)\\s+(?:careful|paying\\s+attention)|was\\s+careless"
                    + ")\\b",
            Pattern.UNICODE_CHARACTER_CLASS | Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    // After a person: "'s mistake", "'s own error".
    private static final Pattern POSSESSIVE = Pattern.compile(
            "['’]s\\s+(?:\\p{L}+\\s+)?(?:mistake|error|oversight|blunder|fault|carelessness|negligence|screw-?up|slip)\\b",
            Pattern.UNICODE_CHARACTER_CLASS | Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    private static final Set<String> PRONOUNS = Set.of("he", "she");

    private final Set<String> commonNames;

    /** @param commonNames first names as they are capitalised, such as {@code Bob} */
    PersonAsSubjectPolicy(Set<String> commonNames) {
        this.commonNames = Set.copyOf(commonNames);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Finding> review(ReviewedText text, Set<String> people) {
        List<Finding> findings = new ArrayList<>();
        if (text.text() == null || text.text().isBlank()) {
            return findings;
        }
        Set<String> known =
                people.stream().map(p -> p.toLowerCase(Locale.ROOT)).collect(java.util.stream.Collectors.toSet());
        // Only the words that are people are followed by the failure patterns: a text is read once.
        Matcher words = WORD.matcher(text.text());
        Matcher failure = FAILURE.matcher(text.text());
        Matcher possessive = POSSESSIVE.matcher(text.text());
        while (words.find()) {
            String word = words.group();
            String subject = word.endsWith(".") ? word.substring(0, word.length() - 1) : word;
            if (!isPerson(subject, known)) {
                continue;
            }
            int after = words.start() + subject.length();
            for (Matcher m : List.of(failure, possessive)) {
                m.region(after, text.text().length());
                if (m.lookingAt()) {
                    findings.add(new Finding(
                            NAME,
                            text.location(),
                            text.label(),
                            words.start(),
                            m.end(),
                            text.text().substring(words.start(), m.end()),
                            WHY,
                            SUGGESTION));
                    break;
                }
            }
        }
        findings.sort(java.util.Comparator.comparingInt(Finding::start));
        return findings;
    }

    private boolean isPerson(String word, Set<String> known) {
        String lower = word.toLowerCase(Locale.ROOT);
        if (known.contains(lower) || PRONOUNS.contains(lower)) {
            return true;
        }
        return !word.isEmpty() && Character.isUpperCase(word.codePointAt(0)) && commonNames.contains(word);
    }
}
