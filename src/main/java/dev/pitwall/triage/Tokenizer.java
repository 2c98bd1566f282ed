package dev.pitwall.triage;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits text into the words engineers write, lower-cased and lightly stemmed, so that prose,
 * identifiers and paths meet: "LineItemMapper.java", "line-items", "line_items" and "line items"
 * all give the words {@code line}, {@code item}. Acronyms stay whole ("HTTPClient" gives
 * {@code http}, {@code client}); words of one character and plain numbers are dropped.
 */
final class Tokenizer {

    /** Longer words (hashes, base64, minified names) are skipped: they never match an incident's words. */
    static final int MAX_WORD = 48;

    /** Receives the words of a text in order. */
    interface Sink {

        /** A word, lower-cased and stemmed, in {@code word[0..length)}; the array is reused. */
        void word(char[] word, int length);

        /** A word too long to be one of the incident's; it separates the words on either side. */
        void skip();
    }

    /** A word as the text wrote it (lower-cased) and its stem. */
    record Word(String stem, String surface) {}

    private static final byte OTHER = 0;
    private static final byte LOWER = 1;
    private static final byte UPPER = 2;
    private static final byte DIGIT = 3;

    /** Character classes of ASCII, looked up instead of asking {@link Character} for every character. */
    private static final byte[] ASCII = new byte[128];

    static {
        for (char c = 'a'; c <= 'z'; c++) {
            ASCII[c] = LOWER;
            ASCII[c - 'a' + 'A'] = UPPER;
        }
        for (char c = '0'; c <= '9'; c++) {
            ASCII[c] = DIGIT;
        }
    }

    private Tokenizer() {}

    static void scan(String text, char[] buffer, Sink sink) {
        int n = text.length();
        int i = 0;
        while (i < n) {
            if (kind(text.charAt(i)) == OTHER) {
                i++;
                continue;
            }
            int start = i;
            i = endOfWord(text, start, n);
            int length = i - start;
            if (length < 2 || allDigits(text, start, i)) {
                continue;
            }
            if (length > buffer.length) {
                sink.skip();
                continue;
            }
            for (int k = 0; k < length; k++) {
                buffer[k] = lower(text.charAt(start + k));
            }
            sink.word(buffer, stem(buffer, length));
        }
    }

    /** The words of {@code text} in order, with how the text wrote them; for the incident side, which is small. */
    static List<Word> words(String text) {
        List<Word> words = new ArrayList<>();
        char[] buffer = new char[MAX_WORD];
        int n = text.length();
        int i = 0;
        while (i < n) {
            if (kind(text.charAt(i)) == OTHER) {
                i++;
                continue;
            }
            int start = i;
            i = endOfWord(text, start, n);
            int length = i - start;
            if (length < 2 || length > MAX_WORD || allDigits(text, start, i)) {
                continue;
            }
            for (int k = 0; k < length; k++) {
                buffer[k] = lower(text.charAt(start + k));
            }
            String surface = new String(buffer, 0, length);
            words.add(new Word(new String(buffer, 0, stem(buffer, length)), surface));
        }
        return words;
    }

    /**
     * A 64-bit hash of a word (FNV-1a, then mixed), never 0. Changes keep their words as hashes:
     * with 64 bits, two different words that meet in one ranking practically never share one.
     */
    static long hash(char[] word, int length) {
        long hash = 0xcbf29ce484222325L;
        for (int i = 0; i < length; i++) {
            hash = (hash ^ word[i]) * 0x100000001b3L;
        }
        hash ^= hash >>> 33;
        hash *= 0xff51afd7ed558ccdL;
        hash ^= hash >>> 33;
        return hash == 0 ? 1 : hash;
    }

    static long hash(String word) {
        return hash(word.toCharArray(), word.length());
    }

    /**
     * Where the word starting at {@code start} ends. A word is a capital or lower-case letter
     * followed by lower-case letters and digits ("Line", "item2"), or a run of capitals: "HTTP" in
     * "HTTPServer" (the last capital starts the next word), "URLs" (a trailing plural s stays).
     */
    private static int endOfWord(String text, int start, int n) {
        int i = start + 1;
        if (kind(text.charAt(start)) == UPPER && i < n && kind(text.charAt(i)) == UPPER) {
            while (i < n && kind(text.charAt(i)) == UPPER) {
                i++;
            }
            if (i < n && kind(text.charAt(i)) == LOWER) {
                boolean plural = text.charAt(i) == 's' && (i + 1 == n || kind(text.charAt(i + 1)) == OTHER);
                i = plural ? i + 1 : i - 1;
            }
            while (i < n && kind(text.charAt(i)) == DIGIT) {
                i++;
            }
            return i;
        }
        while (i < n) {
            int kind = kind(text.charAt(i));
            if (kind == LOWER || kind == DIGIT) {
                i++;
            } else {
                break;
            }
        }
        return i;
    }

    /** Letters without case (as in many scripts) continue a word like lower-case ones. */
    private static int kind(char c) {
        if (c < 128) {
            return ASCII[c];
        }
        if (Character.isUpperCase(c)) {
            return UPPER;
        }
        if (Character.isLetter(c)) {
            return LOWER;
        }
        return Character.isDigit(c) ? DIGIT : OTHER;
    }

    /**
     * A light stemmer: plurals, -ing, -ed and a final e, enough for "items"/"item",
     * "failed"/"failing"/"fail", "cache"/"cached"/"caching" and "price"/"pricing" to meet.
     */
    static int stem(char[] w, int length) {
        int n = length;
        if (n > 4 && endsWith(w, n, "ies")) {
            n -= 2;
            w[n - 1] = 'y';
        } else if (n > 4 && endsWith(w, n, "sses")) {
            n -= 2;
        } else if (n > 3 && w[n - 1] == 's' && w[n - 2] != 's' && w[n - 2] != 'u' && w[n - 2] != 'i') {
            n -= 1;
        }
        if (n > 5 && endsWith(w, n, "ing")) {
            n = undouble(w, n - 3);
        } else if (n > 4 && endsWith(w, n, "ed") && w[n - 3] != 'e') {
            n = undouble(w, n - 2);
        }
        if (n > 3 && w[n - 1] == 'e') {
            n -= 1;
        }
        return n;
    }

    /** "mapp" (from "mapping") becomes "map"; "fall" and "pass" keep their double letter. */
    private static int undouble(char[] w, int n) {
        char last = w[n - 1];
        boolean doubled = n > 3 && last == w[n - 2] && last != 'l' && last != 's' && last != 'z';
        return doubled && "aeiouy".indexOf(last) < 0 ? n - 1 : n;
    }

    private static boolean endsWith(char[] w, int n, String suffix) {
        int k = suffix.length();
        if (n < k) {
            return false;
        }
        for (int i = 0; i < k; i++) {
            if (w[n - k + i] != suffix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static boolean allDigits(String text, int start, int end) {
        for (int i = start; i < end; i++) {
            if (kind(text.charAt(i)) != DIGIT) {
                return false;
            }
        }
        return true;
    }

    private static char lower(char c) {
        if (c >= 'A' && c <= 'Z') {
            return (char) (c + ('a' - 'A'));
        }
        return c < 128 ? c : Character.toLowerCase(c);
    }
}
