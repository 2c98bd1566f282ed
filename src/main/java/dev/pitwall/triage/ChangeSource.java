package dev.pitwall.triage;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Where the ranking finds its candidate changes: in memory for the evaluation and the benchmark,
 * from the changes module's store in the running server.
 */
public interface ChangeSource {

    /**
     * The changes that overlap {@code [from, to)}, that is, started before {@code to} and not
     * finished before {@code from} (so a change still rolling out is included however long ago it
     * started), in one of {@code environments} (every environment when empty), together with the
     * changes that have no environment because they apply to all of them. In any order.
     */
    List<CandidateChange> changes(Instant from, Instant to, Set<String> environments);

    /**
     * The change with its description, commit messages and files, for writing the reasons of the
     * few changes that are shown. A source that hands out candidates with their words only (to
     * keep tens of thousands of them in memory) reads the texts here; its words stay as they were,
     * so that the reasons explain the score that was given.
     */
    default CandidateChange withTexts(CandidateChange change) {
        return change;
    }
}
