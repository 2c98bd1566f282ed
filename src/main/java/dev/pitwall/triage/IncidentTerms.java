package dev.pitwall.triage;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The words of one incident, worked out once and kept in a form that a change's text can be
 * matched against without allocating: a hash table of stems, and a bit per two-letter prefix so
 * that most of a change's words are refused after two characters.
 *
 * <p>Besides single words it keeps phrases, two words that stand next to each other in the
 * incident ("line items"). A phrase matches where the same two words stand next to each other in
 * a change ("LineItemMapper", "line_items") or are written as one word ("lineitems", as in Java
 * packages and table names).
 */
final class IncidentTerms {

    /**
     * Words that say nothing about which change is to blame, because nearly every alert or nearly
     * every commit contains them: English function words, the vocabulary of alerts ("error",
     * "high", "critical"), of commits ("fix", "bump", "refactor") and of file paths ("src",
     * "java", "test"). Stemmed like every other word before use.
     */
    static final Set<String> STOP_WORDS = Stream.of(
                    // English
                    "a an the and or but if of to in on at by for from with without into onto over under about",
                    "after before during while when where what which who whom whose why how is are was were be",
                    "been being am do does did done doing have has had having not no nor so than then that this",
                    "these those there here it its me my we our us you your he she they them their can cant",
                    "cannot could should would will wont may might must shall also just only very too more most",
                    "less some any all each every other such same own both few many much again once up down out",
                    "off further via per vs etc don doesn didn isn aren wasn weren im ive",
                    // what alerts and reports say about every incident
                    "error errors fail failed failing failure failures issue issues problem problems broken",
                    "break breaks alert alerts alerting incident incidents outage degraded high low critical",
                    "warning warn info page paged firing resolved rate rates spike increase increased elevated",
                    "customer customers user users see seen get gets got show shows showing shown unable able",
                    "work works working worked seem seems anymore anyone someone everyone something nothing",
                    "now today yesterday morning since still please thanks hi hello help hey",
                    "5xx 4xx p50 p90 p95 p99 status code codes",
                    "check checks journey synthetic probe monitor monitoring",
                    // what commits say about every change
                    "fix fixes fixed bug bugs update updates updated add adds added remove removes removed",
                    "change changes changed refactor cleanup clean bump bumps chore feat wip merge merged pull",
                    "request pr branch main master release deploy deploys deployed deployment version revert",
                    "reverts test tests testing spec specs readme doc docs new old use using used minor small",
                    "tweak tweaks improve improves improvement handle handles handling support supports allow",
                    "allows make makes util utils helper helpers common core base default defaults",
                    // what paths say about every file
                    "src lib java kt kts ts tsx js jsx py go rb rs yaml yml json xml md html css scss sql",
                    "properties gradle pom txt com org net io www http https api v1 v2 impl index resources",
                    "internal app apps service services config id ids",
                    // environments
                    "production prod staging stage dev env environment")
            .flatMap(line -> Arrays.stream(line.split(" ")))
            .flatMap(word -> Tokenizer.words(word).stream())
            .map(Tokenizer.Word::stem)
            .collect(Collectors.toUnmodifiableSet());

    private static final int PREFIX_CLASSES = 37;
    private static final int NOTHING = Integer.MIN_VALUE;

    private final List<String> terms;
    private final List<String> termSurfaces;
    private final List<Phrase> phrases;
    private final Map<Long, Integer> phraseByPair;
    private final char[][] keys;
    private final int[] values;
    private final long[] prefixes = new long[(PREFIX_CLASSES * PREFIX_CLASSES + 63) / 64];

    /** Two terms that stand next to each other in the incident, as the incident wrote them. */
    record Phrase(int first, int second, String surface) {}

    private IncidentTerms(List<String> terms, List<String> termSurfaces, List<Phrase> phrases) {
        this.terms = List.copyOf(terms);
        this.termSurfaces = List.copyOf(termSurfaces);
        this.phrases = List.copyOf(phrases);
        this.phraseByPair = new HashMap<>();
        Map<String, Integer> entries = new LinkedHashMap<>();
        for (int p = 0; p < phrases.size(); p++) {
            Phrase phrase = phrases.get(p);
            phraseByPair.put(pair(phrase.first(), phrase.second()), p);
            for (String compound : compounds(phrase.surface())) {
                entries.putIfAbsent(compound, -p - 1);
            }
        }
        for (int t = 0; t < terms.size(); t++) {
            entries.put(terms.get(t), t);
        }
        int capacity = Integer.highestOneBit(Math.max(4, entries.size() * 4) - 1) << 1;
        keys = new char[capacity][];
        values = new int[capacity];
        Arrays.fill(values, NOTHING);
        entries.forEach(this::put);
    }

    /**
     * The terms of the incident's texts. Stop words and words shorter than two letters are left
     * out; a stop word also ends a phrase.
     */
    static IncidentTerms of(Collection<String> texts) {
        Map<String, Integer> index = new LinkedHashMap<>();
        List<String> surfaces = new ArrayList<>();
        Map<Long, Phrase> phrases = new LinkedHashMap<>();
        for (String text : texts) {
            int previous = -1;
            String previousSurface = null;
            for (Tokenizer.Word word : Tokenizer.words(text)) {
                if (STOP_WORDS.contains(word.stem())) {
                    previous = -1;
                    continue;
                }
                Integer term = index.get(word.stem());
                if (term == null) {
                    term = index.size();
                    index.put(word.stem(), term);
                    surfaces.add(word.surface());
                }
                if (previous >= 0 && previous != term) {
                    phrases.putIfAbsent(
                            pair(previous, term), new Phrase(previous, term, previousSurface + " " + word.surface()));
                }
                previous = term;
                previousSurface = word.surface();
            }
        }
        return new IncidentTerms(new ArrayList<>(index.keySet()), surfaces, new ArrayList<>(phrases.values()));
    }

    boolean isEmpty() {
        return terms.isEmpty();
    }

    int size() {
        return terms.size();
    }

    String term(int index) {
        return terms.get(index);
    }

    /** How the incident first wrote the term: "items" for the term {@code item}. */
    String surface(int term) {
        return termSurfaces.get(term);
    }

    Phrase phrase(int index) {
        return phrases.get(index);
    }

    int phraseCount() {
        return phrases.size();
    }

    /** The index of a term, or -1; for the few words a caller needs to look up by name. */
    int indexOf(String stem) {
        return terms.indexOf(stem);
    }

    Matcher matcher() {
        return new Matcher();
    }

    /**
     * The stems under which a phrase written as one word can appear: "line items" as "lineitems"
     * or "lineitem", "members list" as "memberslist" or "memberlist".
     */
    private static List<String> compounds(String surface) {
        String first = surface.substring(0, surface.indexOf(' '));
        String second = surface.substring(surface.indexOf(' ') + 1);
        List<String> compounds = new ArrayList<>(2);
        for (String head : List.of(first, first.endsWith("s") ? first.substring(0, first.length() - 1) : first)) {
            List<Tokenizer.Word> words = Tokenizer.words(head + second);
            if (words.size() == 1 && !compounds.contains(words.getFirst().stem())) {
                compounds.add(words.getFirst().stem());
            }
        }
        return compounds;
    }

    private static long pair(int first, int second) {
        return ((long) first << 32) | second;
    }

    private void put(String key, int value) {
        int slot = slot(key.toCharArray(), key.length());
        keys[slot] = key.toCharArray();
        values[slot] = value;
        prefixes[prefixBit(key.charAt(0), key.charAt(1)) >>> 6] |= 1L << prefixBit(key.charAt(0), key.charAt(1));
    }

    /** The term index of a word, {@code -p - 1} for a phrase {@code p} written as one word, or {@link #NOTHING}. */
    private int lookup(char[] word, int length) {
        int slot = slot(word, length);
        return keys[slot] == null ? NOTHING : values[slot];
    }

    private int slot(char[] word, int length) {
        int hash = 0;
        for (int i = 0; i < length; i++) {
            hash = 31 * hash + word[i];
        }
        int mask = keys.length - 1;
        int slot = (hash ^ (hash >>> 16)) & mask;
        while (keys[slot] != null && !Arrays.equals(keys[slot], 0, keys[slot].length, word, 0, length)) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    private boolean mayWant(char first, char second) {
        int bit = prefixBit(first, second);
        return (prefixes[bit >>> 6] & (1L << bit)) != 0;
    }

    private static int prefixBit(char first, char second) {
        return prefixClass(first) * PREFIX_CLASSES + prefixClass(second);
    }

    /** a–z, 0–9, and one class for everything else (non-ASCII letters), which always passes together. */
    private static int prefixClass(char c) {
        if (c >= 'a' && c <= 'z') {
            return c - 'a';
        }
        if (c >= '0' && c <= '9') {
            return 26 + c - '0';
        }
        return 36;
    }

    /**
     * Finds the incident's terms and phrases in the texts of one change at a time. Not thread-safe:
     * one matcher per ranking.
     */
    final class Matcher implements Tokenizer.Sink {

        private final char[] buffer = new char[Tokenizer.MAX_WORD];
        private final int[] termSeen = new int[terms.size()];
        private final int[] phraseSeen = new int[phrases.size()];
        private int stamp;
        private int previous = -1;
        private int termsFound;
        private int phrasesFound;

        /**
         * Starts on a new change: nothing found yet, and these terms and phrases count for nothing
         * in it (they are treated as found already).
         */
        void start(int[] ignoredTerms, int[] ignoredPhrases) {
            stamp++;
            termsFound = 0;
            phrasesFound = 0;
            for (int term : ignoredTerms) {
                termSeen[term] = stamp;
            }
            for (int phrase : ignoredPhrases) {
                phraseSeen[phrase] = stamp;
            }
        }

        /** Looks for the incident's words in one text of the change; phrases do not cross texts. */
        void scan(CharSequence text) {
            previous = -1;
            Tokenizer.scan(text, buffer, this);
        }

        int termsFound() {
            return termsFound;
        }

        int phrasesFound() {
            return phrasesFound;
        }

        boolean found(int term) {
            return termSeen[term] == stamp;
        }

        boolean foundPhrase(int phrase) {
            return phraseSeen[phrase] == stamp;
        }

        @Override
        public boolean mayWant(char first, char second) {
            return IncidentTerms.this.mayWant(first, second);
        }

        @Override
        public void word(char[] word, int length) {
            int value = lookup(word, length);
            if (value == NOTHING) {
                previous = -1;
            } else if (value >= 0) {
                mark(value);
                if (previous >= 0) {
                    Integer phrase = phraseByPair.get(pair(previous, value));
                    if (phrase != null) {
                        markPhrase(phrase);
                    }
                }
                previous = value;
            } else {
                Phrase phrase = phrases.get(-value - 1);
                markPhrase(-value - 1);
                mark(phrase.first());
                mark(phrase.second());
                previous = phrase.second();
            }
        }

        @Override
        public void skip() {
            previous = -1;
        }

        private void mark(int term) {
            if (termSeen[term] != stamp) {
                termSeen[term] = stamp;
                termsFound++;
            }
        }

        private void markPhrase(int phrase) {
            if (phraseSeen[phrase] != stamp) {
                phraseSeen[phrase] = stamp;
                phrasesFound++;
            }
        }
    }
}
