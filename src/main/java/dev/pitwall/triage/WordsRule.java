package dev.pitwall.triage;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * Words: the incident's own words (alert titles and labels, what customers wrote, the failing
 * check's name and the path it probes, such as {@code line-items}) found in what a change says
 * about itself (its description, commit messages and changed file paths). When a customer writes
 * "members can't see line items" and one commit touched {@code LineItemMapper.java}, that is what
 * an experienced responder would spot, and what a newcomer would miss.
 *
 * <p>Each distinct word found counts 1; each phrase found (two of the incident's words side by
 * side, in either text, such as "line items" and "LineItem") counts 2 more, because a phrase is
 * far more specific than its words. The total is capped at 5, so that a sprawling change that
 * mentions everything cannot outweigh time and place. Words of the affected services' own names
 * do not count for changes to those services: the place rule has said that already.
 */
final class WordsRule implements EvidenceRule {

    static final double PER_WORD = 1.0;
    static final double PER_PHRASE = 2.0;
    static final double CAP = 5.0;
    private static final int SHOWN = 3;

    private final IncidentTerms terms;
    private final IncidentTerms.Matcher matcher;
    private final Set<String> affected;
    private final int[] affectedNameTerms;

    WordsRule(IncidentFacts incident) {
        List<String> texts = new ArrayList<>(incident.texts());
        for (FailingCheck check : incident.failingChecks()) {
            texts.add(check.name());
            if (check.url() != null) {
                texts.add(pathOf(check.url()));
            }
        }
        this.terms = IncidentTerms.of(texts);
        this.matcher = terms.matcher();
        this.affected = incident.services();
        this.affectedNameTerms = incident.services().stream()
                .flatMap(service -> Tokenizer.words(service).stream())
                .mapToInt(word -> terms.indexOf(word.stem()))
                .filter(index -> index >= 0)
                .distinct()
                .toArray();
    }

    @Override
    public String name() {
        return "words";
    }

    @Override
    public double score(CandidateChange change) {
        if (terms.isEmpty()) {
            return 0;
        }
        match(change);
        return Math.min(CAP, matcher.termsFound() * PER_WORD + matcher.phrasesFound() * PER_PHRASE);
    }

    @Override
    public String reason(CandidateChange change) {
        // Which text of the change first holds each word or phrase: the reason points at it.
        Map<String, List<String>> foundIn = new LinkedHashMap<>();
        List<String> phrasesShown = new ArrayList<>();
        boolean[] shownInPhrase = new boolean[terms.size()];
        List<String> wordsShown = new ArrayList<>();
        for (Field field : fields(change)) {
            begin(change);
            matcher.scan(field.text());
            for (int p = 0; p < terms.phraseCount(); p++) {
                IncidentTerms.Phrase phrase = terms.phrase(p);
                if (matcher.foundPhrase(p) && !phrasesShown.contains(phrase.surface())) {
                    phrasesShown.add(phrase.surface());
                    shownInPhrase[phrase.first()] = true;
                    shownInPhrase[phrase.second()] = true;
                    foundIn.computeIfAbsent(field.label(), label -> new ArrayList<>())
                            .add(quote(phrase.surface()));
                }
            }
            for (int t : matchedTerms()) {
                if (!shownInPhrase[t] && !wordsShown.contains(terms.surface(t))) {
                    wordsShown.add(terms.surface(t));
                    foundIn.computeIfAbsent(field.label(), label -> new ArrayList<>())
                            .add(quote(terms.surface(t)));
                }
            }
        }
        List<String> parts = new ArrayList<>();
        foundIn.forEach((label, found) -> parts.add(label + " " + list(found)));
        return String.join("; ", parts);
    }

    private void match(CandidateChange change) {
        begin(change);
        matcher.scan(change.description());
        for (String message : change.commitMessages()) {
            matcher.scan(message);
        }
        for (String file : change.files()) {
            matcher.scan(file);
        }
    }

    private void begin(CandidateChange change) {
        matcher.start();
        if (affectedNameTerms.length > 0 && affected.contains(change.service())) {
            matcher.ignore(affectedNameTerms);
        }
    }

    private int[] matchedTerms() {
        return IntStream.range(0, terms.size())
                .filter(matcher::found)
                .filter(t -> IntStream.of(affectedNameTerms).noneMatch(a -> a == t))
                .toArray();
    }

    private record Field(String label, String text) {}

    private static List<Field> fields(CandidateChange change) {
        List<Field> fields = new ArrayList<>();
        fields.add(new Field("description mentions", change.description()));
        change.commitMessages().forEach(message -> fields.add(new Field("commit message mentions", message)));
        change.files().forEach(file -> fields.add(new Field("changed file " + fileName(file) + " matches", file)));
        return fields;
    }

    private static String fileName(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private static String quote(String words) {
        return "\"" + words + "\"";
    }

    private static String list(List<String> found) {
        if (found.size() <= SHOWN) {
            return String.join(", ", found);
        }
        return String.join(", ", found.subList(0, SHOWN)) + " and " + (found.size() - SHOWN) + " more";
    }

    /**
     * The path of a URL ({@code /api/invoices/{id}/line-items}) without scheme, host and query: the
     * host names a service, which the place rule covers, and templates like {@code {id}} are fine.
     */
    static String pathOf(String url) {
        int scheme = url.indexOf("://");
        int start = scheme < 0 ? 0 : url.indexOf('/', scheme + 3);
        if (start < 0) {
            return "";
        }
        int end = url.length();
        for (char stop : new char[] {'?', '#'}) {
            int at = url.indexOf(stop, start);
            if (at >= 0 && at < end) {
                end = at;
            }
        }
        return url.substring(start, end);
    }
}
