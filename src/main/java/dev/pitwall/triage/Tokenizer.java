package dev.pitwall.triage;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits text into the words engineers write, lower-cased and lightly stemmed, so that prose,
 * identifiers and paths meet: "LineItemMapper.java", "line-items", "line_items" and "line items"
 * all give the words {@code line}, {@code item}. Acronyms stay whole ("HTTPClient" gives
 * {@code http}, {@code client}); words of one character and plain numbers are dropped.
 *
 * <p>The scan is written for the ranking's hot path: it allocates nothing, and a {@link Sink}
 * can refuse a word by its first two letters before the word is copied and stemmed.
 */
final class Tokenizer {

    /** Longer words (hashes, base64, minified names) are skipped: they never match an incident's words. */
    static final int MAX_WORD = 48;

    /** Receives the words of a text in order. */
    interface Sink {

        /** Whether a word starting with these two lower-case characters could interest the sink. */
        boolean mayWant(char first, char second);

        /** A word, lower-cased and stemmed, in {@code word[0..length)}; the array is reused. */
        void word(char[] word, int length);

        /** A word the sink did not want; it separates the words on either side, so they are no phrase. */
        void skip();
    }

    private Tokenizer() {}

    static void scan(CharSequence text, char[] buffer, Sink sink) {
        int n = text.length();
        int i = 0;
        while (i < n) {
            if (!Character.isLetterOrDigit(text.charAt(i))) {
                i++;
                continue;
            }
            int start = i;
            i = endOfWord(text, start, n);
            emit(text, start, i, buffer, sink);
        }
    }

    /** A word as the text wrote it (lower-cased) and its stem. */
    record Word(String stem, String surface) {}

    /** The words of {@code text} in order, as strings; for the incident side, which is small. */
    static List<Word> words(CharSequence text) {
        List<Word> words = new ArrayList<>();
        char[] buffer = new char[MAX_WORD];
        int n = text.length();
        int i = 0;
        while (i < n) {
            if (!Character.isLetterOrDigit(text.charAt(i))) {
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
     * Where the word starting at {@code start} ends. A word is a capital or lower-case letter
     * followed by lower-case letters and digits ("Line", "item2"), or a run of capitals: "HTTP" in
     * "HTTPServer" (the last capital starts the next word), "URLs" (a trailing plural s stays).
     */
    static int endOfWord(CharSequence text, int start, int n) {
        int i = start + 1;
        if (Character.isUpperCase(text.charAt(start)) && i < n && Character.isUpperCase(text.charAt(i))) {
            while (i < n && Character.isUpperCase(text.charAt(i))) {
                i++;
            }
            if (i < n && Character.isLowerCase(text.charAt(i))) {
                boolean plural = text.charAt(i) == 's' && (i + 1 == n || !Character.isLetterOrDigit(text.charAt(i + 1)));
                i = plural ? i + 1 : i - 1;
            }
            while (i < n && Character.isDigit(text.charAt(i))) {
                i++;
            }
            return i;
        }
        while (i < n) {
            char c = text.charAt(i);
            if (Character.isDigit(c) || (Character.isLetter(c) && !Character.isUpperCase(c))) {
                i++;
            } else {
                break;
            }
        }
        return i;
    }

    private static void emit(CharSequence text, int start, int end, char[] buffer, Sink sink) {
        int length = end - start;
        if (length < 2) {
            return;
        }
        char first = lower(text.charAt(start));
        if (isDigit(first) && allDigits(text, start, end)) {
            return;
        }
        if (length > buffer.length || !sink.mayWant(first, lower(text.charAt(start + 1)))) {
            sink.skip();
            return;
        }
        for (int i = 0; i < length; i++) {
            buffer[i] = lower(text.charAt(start + i));
        }
        sink.word(buffer, stem(buffer, length));
    }

    /**
     * A light stemmer: plurals, -ing, -ed and a final e, enough for "items"/"item",
     * "failed"/"failing"/"fail", "cache"/"cached"/"caching" and "price"/"pricing" to meet. Never
     * touches the first two characters, so the two-letter pre-filter sees the stem's prefix.
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

    private static boolean allDigits(CharSequence text, int start, int end) {
        for (int i = start; i < end; i++) {
            if (!isDigit(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    static char lower(char c) {
        if (c >= 'A' && c <= 'Z') {
            return (char) (c + ('a' - 'A'));
        }
        return c < 128 ? c : Character.toLowerCase(c);
    }
}
