package dev.pitwall.incidents;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The words of a customer report that say what is broken, and how alike two reports are. Reports
 * are short and worded differently by every customer, so similarity is the share of the shorter
 * report's words that the other report also uses (overlap), and at least two words must match.
 */
final class ReportWords {

    private static final Set<String> STOP = Set.of(
            "the",
            "a",
            "an",
            "and",
            "or",
            "but",
            "to",
            "of",
            "in",
            "on",
            "for",
            "with",
            "is",
            "are",
            "was",
            "were",
            "be",
            "been",
            "it",
            "its",
            "i",
            "we",
            "they",
            "he",
            "she",
            "you",
            "my",
            "our",
            "their",
            "your",
            "me",
            "us",
            "them",
            "can",
            "cant",
            "cannot",
            "could",
            "not",
            "no",
            "dont",
            "doesnt",
            "didnt",
            "wont",
            "isnt",
            "arent",
            "when",
            "from",
            "at",
            "this",
            "that",
            "these",
            "those",
            "any",
            "all",
            "some",
            "has",
            "have",
            "had",
            "do",
            "does",
            "did",
            "get",
            "got",
            "getting",
            "there",
            "since",
            "today",
            "now",
            "just",
            "still",
            "please",
            "help",
            "customer",
            "customers",
            "user",
            "users",
            "client",
            "clients",
            "anymore",
            "able",
            "by",
            "as",
            "if",
            "so",
            "than",
            "then",
            "too",
            "very",
            "what",
            "which",
            "who",
            "why",
            "how",
            "after",
            "before",
            "again",
            "also",
            "into",
            "out",
            "up",
            "down",
            "about",
            "over",
            "keeps",
            "keep",
            "seems",
            "seem",
            "like",
            "one",
            "each",
            "account",
            "reports",
            "report",
            "reported",
            "problem",
            "issue",
            "issues",
            "working",
            "work",
            "works");

    private static final int MIN_SHARED = 2;

    private ReportWords() {}

    /** Lower-case words of three letters or more, without common words; plurals folded ("items" → "item"). */
    static Set<String> of(String text) {
        Set<String> words = new HashSet<>();
        if (text == null) {
            return words;
        }
        StringBuilder word = new StringBuilder();
        String lower = text.toLowerCase(Locale.ROOT);
        for (int i = 0; i <= lower.length(); i++) {
            char c = i < lower.length() ? lower.charAt(i) : ' ';
            if (Character.isLetterOrDigit(c)) {
                word.append(c);
            } else if (c == '\'' || c == '’') {
                continue;
            } else if (!word.isEmpty()) {
                add(words, word.toString());
                word.setLength(0);
            }
        }
        return words;
    }

    private static void add(Set<String> words, String word) {
        if (word.length() < 3 || STOP.contains(word)) {
            return;
        }
        if (word.length() > 4 && word.endsWith("s") && !word.endsWith("ss")) {
            word = word.substring(0, word.length() - 1);
        }
        words.add(word);
    }

    /** 0 to 1: the share of the smaller set's words found in the other; 0 below two shared words. */
    static double similarity(Set<String> a, Set<String> b) {
        if (a.isEmpty() || b.isEmpty()) {
            return 0;
        }
        Set<String> small = a.size() <= b.size() ? a : b;
        Set<String> large = small == a ? b : a;
        int shared = 0;
        for (String w : small) {
            if (large.contains(w)) {
                shared++;
            }
        }
        return shared < MIN_SHARED ? 0 : (double) shared / small.size();
    }
}
