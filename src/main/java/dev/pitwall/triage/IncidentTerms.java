package dev.pitwall.triage;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The words of one incident, worked out once and kept in a small open-addressing table of word
 * hashes, which the words of each change ({@link ChangeWords}) are looked up in without
 * allocating.
 *
 * <p>Besides single words it keeps phrases, two words that stand next to each other in the
 * incident ("line items"). A phrase matches where the same two words stand next to each other in
 * a change ("LineItemMapper", "line_items") or are written as one word ("lineitems", as in Java
 * packages and table names).
 */
final class IncidentTerms {

    private static final int NOTHING = Integer.MIN_VALUE;

    private final List<String> terms;
    private final List<String> termSurfaces;
    private final List<Phrase> phrases;
    private final Map<Long, Integer> phraseByPair = new HashMap<>();
    private final long[] keys;
    private final int[] values;

    /** Two terms that stand next to each other in the incident, as the incident wrote them. */
    record Phrase(int first, int second, String surface) {}

    private IncidentTerms(List<String> terms, List<String> termSurfaces, List<Phrase> phrases) {
        this.terms = List.copyOf(terms);
        this.termSurfaces = List.copyOf(termSurfaces);
        this.phrases = List.copyOf(phrases);
        Map<Long, Integer> entries = new LinkedHashMap<>();
        for (int p = 0; p < phrases.size(); p++) {
            Phrase phrase = phrases.get(p);
            phraseByPair.put(pair(phrase.first(), phrase.second()), p);
            for (String compound : compounds(phrase.surface())) {
                entries.putIfAbsent(Tokenizer.hash(compound), -p - 1);
            }
        }
        for (int t = 0; t < terms.size(); t++) {
            entries.put(Tokenizer.hash(terms.get(t)), t);
        }
        int capacity = Integer.highestOneBit(Math.max(8, entries.size() * 4) - 1) << 1;
        keys = new long[capacity];
        values = new int[capacity];
        entries.forEach((key, value) -> {
            int slot = slot(key);
            keys[slot] = key;
            values[slot] = value;
        });
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
                if (ChangeWords.STOP_WORDS.contains(word.stem())) {
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

    /** The index of the term whose stem has this hash, or -1 (also for phrases written as one word). */
    int termOf(long word) {
        int value = lookup(word);
        return value >= 0 ? value : -1;
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

    /** The term index of a word, {@code -p - 1} for a phrase {@code p} written as one word, or {@link #NOTHING}. */
    private int lookup(long word) {
        int slot = slot(word);
        return keys[slot] == word ? values[slot] : NOTHING;
    }

    /** The slot holding {@code word}, or the empty slot where it would go (word hashes are never 0). */
    private int slot(long word) {
        int mask = keys.length - 1;
        int slot = (int) word & mask;
        while (keys[slot] != 0 && keys[slot] != word) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    /**
     * Finds the incident's terms and phrases in the words of one change at a time. Not
     * thread-safe: one matcher per ranking.
     */
    final class Matcher {

        private final int[] termSeen = new int[terms.size()];
        private final int[] phraseSeen = new int[phrases.size()];
        private int stamp;
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

        /** Looks for the incident's words among a change's words. */
        void match(ChangeWords words) {
            int previous = -1;
            for (long word : words.hashes()) {
                int value = word == ChangeWords.BREAK ? NOTHING : lookup(word);
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
