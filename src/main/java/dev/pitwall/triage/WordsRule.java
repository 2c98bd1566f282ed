package dev.pitwall.triage;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
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
 * mentions everything cannot outweigh time and place.
 *
 * <p>The words of a change's own service name do not count for it: "billing" is in every path
 * and description of every billing-api change, so it tells none of them apart. A phrase counts
 * unless both its words are the service's name ("ledger entries" counts for a ledger change,
 * "providers directory" does not count for a providers-directory change). That the incident names
 * a service ("502 from members-api") is still evidence, about the service rather than the change:
 * every change to a service the incident names counts 1 for it, unless the service is one of the
 * incident's own, which the place rule has counted already. A word of an affected service's name
 * names no other service: in "members can't see line items" on members-portal, "members" is the
 * portal's word, not a pointer to members-api.
 *
 * <p>An instance keeps a matcher with per-change state: one instance per ranking, as
 * {@link SuspectRanking} makes them.
 */
final class WordsRule implements EvidenceRule {

    static final double PER_WORD = 1.0;
    static final double PER_PHRASE = 2.0;
    static final double CAP = 5.0;
    static final double NAMED_SERVICE = 1.0;
    private static final int SHOWN = 3;

    private final IncidentTerms terms;
    private final IncidentTerms.Matcher matcher;
    private final Set<String> affected;
    private final Set<String> affectedNameWords;
    private final Map<String, OwnName> ownNames = new HashMap<>();
    private final char[] nameBuffer = new char[Tokenizer.MAX_WORD];
    private final int[] nameTerms = new int[16];
    private final NameSink nameSink = new NameSink();
    private int nameTermCount;

    /**
     * The incident's terms and phrases that a service's own name accounts for, and whether the
     * incident names the service (it is not one of the incident's own and its name shares a word
     * with the incident).
     */
    private record OwnName(int[] terms, int[] phrases, boolean named) {
        static final OwnName NONE = new OwnName(new int[0], new int[0], false);

        boolean coversTerm(int term) {
            return IntStream.of(terms).anyMatch(t -> t == term);
        }

        boolean coversPhrase(int phrase) {
            return IntStream.of(phrases).anyMatch(p -> p == phrase);
        }
    }

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
        this.affectedNameWords = affected.stream()
                .flatMap(service -> Tokenizer.words(service).stream())
                .map(Tokenizer.Word::stem)
                .collect(Collectors.toUnmodifiableSet());
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
        OwnName own = ownName(change.service());
        matcher.start(own.terms(), own.phrases());
        matcher.match(change.words());
        double found = matcher.termsFound() * PER_WORD + matcher.phrasesFound() * PER_PHRASE;
        return Math.min(CAP, found + (own.named() ? NAMED_SERVICE : 0));
    }

    @Override
    public String reason(CandidateChange change) {
        OwnName own = ownName(change.service());
        // Which text of the change first holds each word or phrase: the reason points at it.
        Map<String, List<String>> foundIn = new LinkedHashMap<>();
        List<String> shown = new ArrayList<>();
        boolean[] inShownPhrase = new boolean[terms.size()];
        for (Field field : fields(change)) {
            matcher.start(own.terms(), own.phrases());
            matcher.match(ChangeWords.of(field.text()));
            for (int p = 0; p < terms.phraseCount(); p++) {
                IncidentTerms.Phrase phrase = terms.phrase(p);
                if (matcher.foundPhrase(p) && !own.coversPhrase(p) && !shown.contains(phrase.surface())) {
                    shown.add(phrase.surface());
                    inShownPhrase[phrase.first()] = true;
                    inShownPhrase[phrase.second()] = true;
                    foundIn.computeIfAbsent(field.label(), label -> new ArrayList<>())
                            .add(quote(phrase.surface()));
                }
            }
            for (int t = 0; t < terms.size(); t++) {
                String surface = terms.surface(t);
                if (matcher.found(t) && !own.coversTerm(t) && !inShownPhrase[t] && !shown.contains(surface)) {
                    shown.add(surface);
                    foundIn.computeIfAbsent(field.label(), label -> new ArrayList<>())
                            .add(quote(surface));
                }
            }
        }
        List<String> parts = new ArrayList<>();
        if (own.named()) {
            List<String> named = IntStream.of(own.terms())
                    .filter(t -> !affectedNameWords.contains(terms.term(t)))
                    .mapToObj(t -> quote(terms.surface(t)))
                    .toList();
            parts.add("the incident mentions " + list(named) + ", as in " + change.service());
        }
        foundIn.forEach((label, found) -> parts.add(label + " " + list(found)));
        return String.join("; ", parts);
    }

    private OwnName ownName(String service) {
        OwnName known = ownNames.get(service);
        if (known == null) {
            known = ownNameOf(service);
            ownNames.put(service, known);
        }
        return known;
    }

    /**
     * Worked out for each service of the window (thousands): allocates nothing unless the name
     * shares a word with the incident, which few do.
     */
    private OwnName ownNameOf(String service) {
        nameTermCount = 0;
        Tokenizer.scan(service, nameBuffer, nameSink);
        if (nameTermCount == 0) {
            return OwnName.NONE;
        }
        int[] own =
                IntStream.of(Arrays.copyOf(nameTerms, nameTermCount)).distinct().toArray();
        OwnName partial = new OwnName(own, new int[0], false);
        int[] phrases = IntStream.range(0, terms.phraseCount())
                .filter(p -> partial.coversTerm(terms.phrase(p).first())
                        && partial.coversTerm(terms.phrase(p).second()))
                .toArray();
        boolean named = !affected.contains(service)
                && IntStream.of(own).anyMatch(t -> !affectedNameWords.contains(terms.term(t)));
        return new OwnName(own, phrases, named);
    }

    /** Collects the incident's terms among the words of a service name into {@link #nameTerms}. */
    private final class NameSink implements Tokenizer.Sink {
        @Override
        public void word(char[] word, int length) {
            int term = terms.termOf(Tokenizer.hash(word, length));
            if (term >= 0 && nameTermCount < nameTerms.length) {
                nameTerms[nameTermCount++] = term;
            }
        }

        @Override
        public void skip() {}
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
