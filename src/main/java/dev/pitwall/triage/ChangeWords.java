package dev.pitwall.triage;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The words of a change (its description, commit messages and changed file paths) in the form
 * the words rule matches against: stemmed, hashed, in order. Worked out once, when the change is
 * made into a candidate, because a ranking weighs tens of thousands of changes and reading their
 * text each time would cost more than everything else together (10 million characters a ranking
 * at 1,000,000 stored changes). Stop words, over-long words and the ends of texts are kept as
 * breaks, so that two words count as a phrase only where they really stand side by side.
 */
public final class ChangeWords {

    static final long BREAK = 0;

    public static final ChangeWords NONE = new ChangeWords(new long[0]);

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

    private static final Set<Long> STOP_HASHES =
            STOP_WORDS.stream().map(Tokenizer::hash).collect(Collectors.toUnmodifiableSet());

    private final long[] words;

    private ChangeWords(long[] words) {
        this.words = words;
    }

    public static ChangeWords of(String description, List<String> commitMessages, List<String> files) {
        Builder builder = new Builder();
        builder.add(description);
        commitMessages.forEach(builder::add);
        files.forEach(builder::add);
        return builder.build();
    }

    static ChangeWords of(String text) {
        Builder builder = new Builder();
        builder.add(text);
        return builder.build();
    }

    /** The stemmed words' hashes in order, {@link #BREAK} where a phrase cannot continue. Not to be modified. */
    long[] hashes() {
        return words;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ChangeWords that && Arrays.equals(words, that.words);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(words);
    }

    @Override
    public String toString() {
        return "ChangeWords[" + Arrays.stream(words).filter(w -> w != BREAK).count() + " words]";
    }

    private static final class Builder implements Tokenizer.Sink {
        private final char[] buffer = new char[Tokenizer.MAX_WORD];
        private long[] words = new long[32];
        private int size;

        void add(String text) {
            if (text != null && !text.isEmpty()) {
                Tokenizer.scan(text, buffer, this);
                skip();
            }
        }

        @Override
        public void word(char[] word, int length) {
            long hash = Tokenizer.hash(word, length);
            if (STOP_HASHES.contains(hash)) {
                skip();
            } else {
                append(hash);
            }
        }

        @Override
        public void skip() {
            if (size > 0 && words[size - 1] != BREAK) {
                append(BREAK);
            }
        }

        private void append(long word) {
            if (size == words.length) {
                words = Arrays.copyOf(words, size * 2);
            }
            words[size++] = word;
        }

        ChangeWords build() {
            int length = size > 0 && words[size - 1] == BREAK ? size - 1 : size;
            return length == 0 ? NONE : new ChangeWords(Arrays.copyOf(words, length));
        }
    }
}
