package dev.pitwall.triage;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Changes held in memory, sorted by start, for the evaluation and the benchmark. A window is found
 * by binary search: changes that started up to the longest rollout before the window can still
 * overlap it, and unfinished changes are kept apart because they overlap every later window.
 */
final class InMemoryChangeSource implements ChangeSource {

    private final CandidateChange[] finished;
    private final long[] starts;
    private final long longestRollout;
    private final List<CandidateChange> unfinished;

    InMemoryChangeSource(Collection<CandidateChange> changes) {
        this.finished = changes.stream()
                .filter(change -> change.finishedAt() != null)
                .sorted(Comparator.comparing(CandidateChange::startedAt))
                .toArray(CandidateChange[]::new);
        this.starts = new long[finished.length];
        long longest = 0;
        for (int i = 0; i < finished.length; i++) {
            starts[i] = finished[i].startedAt().toEpochMilli();
            longest = Math.max(longest, finished[i].finishedAt().toEpochMilli() - starts[i]);
        }
        this.longestRollout = longest;
        this.unfinished =
                changes.stream().filter(change -> change.finishedAt() == null).toList();
    }

    @Override
    public List<CandidateChange> changes(Instant from, Instant to, Set<String> environments) {
        List<CandidateChange> found = new ArrayList<>();
        long end = to.toEpochMilli();
        for (int i = firstStartingAtOrAfter(from.toEpochMilli() - longestRollout);
                i < finished.length && starts[i] < end;
                i++) {
            take(finished[i], from, to, environments, found);
        }
        for (CandidateChange change : unfinished) {
            take(change, from, to, environments, found);
        }
        return found;
    }

    private static void take(
            CandidateChange change, Instant from, Instant to, Set<String> environments, List<CandidateChange> found) {
        if (change.overlaps(from, to)
                && (environments.isEmpty()
                        || change.environment() == null
                        || environments.contains(change.environment()))) {
            found.add(change);
        }
    }

    private int firstStartingAtOrAfter(long millis) {
        int low = 0;
        int high = starts.length;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (starts[middle] < millis) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }
}
