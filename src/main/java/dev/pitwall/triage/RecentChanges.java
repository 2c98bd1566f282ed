package dev.pitwall.triage;

import dev.pitwall.changes.ChangeLog;
import dev.pitwall.changes.Commit;
import dev.pitwall.changes.RecordedChange;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;

/**
 * The changes the server ranks, held in memory with their words worked out once. A ranking weighs
 * every change of a day (33,000 at 1,000,000 changes a month); reading their texts from the
 * database and tokenizing them at every ranking would take far longer than the ranking itself.
 *
 * <p>The index covers a horizon (48 hours by default: the 24-hour look-back of an incident that
 * has been open for a day): it holds every change that overlaps {@code [coveredFrom, ∞)}. It is
 * filled from {@link ChangeLog#overlapping} when the server starts and kept current by
 * {@link #refresh} for each {@code ChangeRecorded}. Windows reaching before {@code coveredFrom}
 * (an incident open longer than the horizon allows, or before the index is warm) read that part
 * from the database, so the answer is always complete; only its speed depends on the index.
 *
 * <p>Memory is bounded: entries keep words, times and names but no texts (the few changes that
 * are shown get their texts back through {@link #withTexts}), and their estimated size is capped
 * ({@code pitwall.triage.index-max-size}, 64 MB by default). Over the cap the oldest changes are
 * dropped and {@code coveredFrom} moves forward. The texts of the changes shown and recorded last
 * are kept apart, up to two million characters, because an incident's ten suspects rarely change
 * from one ranking to the next and reading each again is a round trip.
 *
 * <p>Changes that are unfinished or took longer than an hour are kept apart, like the change
 * log's own partial index: they are few, and they are the only ones that overlap a window they
 * started more than an hour before, so the sorted list is scanned only from an hour before a
 * window's start.
 */
@Component
class RecentChanges implements ChangeSource {

    static final long LONG_MILLIS = Duration.ofHours(1).toMillis();
    /** Fixed cost of an entry: the candidate, two instants, the words' array and the lists' slots. */
    static final int ENTRY_BYTES = 240;

    private static final Duration WARM_CHUNK = Duration.ofHours(1);
    /** The texts kept for writing reasons (the changes shown and recorded last) add up to at most this many characters. */
    static final int TEXTS_KEPT_CHARS = 2_000_000;
    /** A change with more text than this (thousands of files) is read again rather than kept. */
    static final int TEXTS_MAX_CHARS = 20_000;

    private final ChangeLog log;
    private final Clock clock;
    private final Duration horizon;
    private final long maxBytes;

    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    // Everything below is guarded by lock.
    private final Map<Long, CandidateChange> byId = new HashMap<>();
    /** Finished within an hour of starting, by start time then id. */
    private final ArrayList<CandidateChange> shortChanges = new ArrayList<>();
    /** Unfinished, or longer than an hour. */
    private final Map<Long, CandidateChange> longChanges = new HashMap<>();
    /** Service and environment names are shared by thousands of entries. */
    private final Map<String, String> names = new HashMap<>();

    /**
     * The texts of the changes shown last and recorded last, most recently used last: an
     * incident's ten suspects rarely change from one ranking to the next, and reading them again
     * costs a round trip each (a millisecond on PostgreSQL). Guarded by itself.
     */
    private final Map<Long, Texts> texts = new java.util.LinkedHashMap<>(256, 0.75f, true);

    private long textChars;

    private record Texts(String description, List<String> messages, List<String> files, int chars) {
        static Texts of(RecordedChange change) {
            List<String> messages = RecentChanges.messages(change);
            long chars = change.description() == null ? 0 : change.description().length();
            for (String message : messages) {
                chars += message.length();
            }
            for (String file : change.files()) {
                chars += file.length();
            }
            return new Texts(change.description(), messages, change.files(), (int) Math.min(chars, Integer.MAX_VALUE));
        }
    }

    /** Keeps a change's texts, dropping the least recently used beyond {@link #TEXTS_KEPT_CHARS}. */
    private void keepTexts(long changeId, Texts kept) {
        synchronized (texts) {
            Texts old = texts.remove(changeId);
            if (old != null) {
                textChars -= old.chars();
            }
            if (kept == null || kept.chars() > TEXTS_MAX_CHARS) {
                return;
            }
            texts.put(changeId, kept);
            textChars += kept.chars();
            var eldest = texts.entrySet().iterator();
            while (textChars > TEXTS_KEPT_CHARS && eldest.hasNext()) {
                textChars -= eldest.next().getValue().chars();
                eldest.remove();
            }
        }
    }

    private boolean warm;
    private long coveredFrom = Long.MAX_VALUE;
    private long bytes;

    RecentChanges(
            ChangeLog log,
            Clock clock,
            @Value("${pitwall.triage.index-horizon:48h}") Duration horizon,
            @Value("${pitwall.triage.index-max-size:64MB}") DataSize maxSize) {
        if (horizon.compareTo(SuspectFinder.DEFAULT_LOOK_BACK) < 0) {
            throw new IllegalArgumentException(
                    "pitwall.triage.index-horizon must be at least the 24 h look-back, not " + horizon);
        }
        this.log = log;
        this.clock = clock;
        this.horizon = horizon;
        this.maxBytes = maxSize.toBytes();
    }

    /**
     * Loads the changes of the horizon, an hour at a time so that the texts of only one hour are in
     * memory at once. Changes recorded meanwhile must be passed to {@link #refresh} afterwards.
     */
    void warm() {
        Instant now = clock.instant();
        Instant from = now.minus(horizon);
        // changes may be recorded with a start a little in the future (a scheduled flag flip)
        Instant end = now.plus(Duration.ofDays(1));
        for (Instant chunk = from; chunk.isBefore(end); chunk = chunk.plus(WARM_CHUNK)) {
            Instant chunkEnd = chunk.plus(WARM_CHUNK).isBefore(end) ? chunk.plus(WARM_CHUNK) : end;
            List<CandidateChange> loaded = log.overlapping(chunk, chunkEnd, Set.of()).stream()
                    .map(RecentChanges::candidate)
                    .toList();
            lock.writeLock().lock();
            try {
                // Until the index is warm nothing is covered; evictions while warming move this.
                long floor = Math.max(from.toEpochMilli(), evictedUpTo);
                for (CandidateChange change : loaded) {
                    if (!byId.containsKey(change.id()) && overlapsFrom(change, floor)) {
                        add(change);
                    }
                }
                evictOverBudget();
            } finally {
                lock.writeLock().unlock();
            }
        }
        lock.writeLock().lock();
        try {
            coveredFrom = Math.max(from.toEpochMilli(), evictedUpTo);
            warm = true;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** The latest end of a change dropped for the memory cap, plus one: nothing before it is held. */
    private long evictedUpTo = Long.MIN_VALUE;

    boolean isWarm() {
        lock.readLock().lock();
        try {
            return warm;
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Reads a recorded or updated change again and puts it in the index (or takes it out), and
     * returns it as the ranking sees it; empty when the change does not exist.
     */
    Optional<CandidateChange> refresh(long changeId) {
        return refresh(changeId, Optional.empty());
    }

    /**
     * Like {@link #refresh(long)}, but a change just recorded comes as its event carried it and is
     * not read back (a burst of deploys would otherwise cost a read each). It is put in only if the
     * index does not hold it yet: an update read back meanwhile is newer.
     */
    Optional<CandidateChange> refresh(long changeId, Optional<RecordedChange> justRecorded) {
        if (justRecorded.isPresent()) {
            return Optional.of(addRecorded(justRecorded.get()));
        }
        Optional<RecordedChange> recorded = log.find(changeId);
        // a change just recorded is the likeliest to be shown next
        keepTexts(changeId, recorded.map(Texts::of).orElse(null));
        Optional<CandidateChange> found = recorded.map(RecentChanges::candidate);
        lock.writeLock().lock();
        try {
            remove(changeId);
            found.filter(change -> overlapsFrom(change, warm ? coveredFrom : evictedUpTo))
                    .ifPresent(change -> {
                        add(change);
                        evictOverBudget();
                    });
        } finally {
            lock.writeLock().unlock();
        }
        return found;
    }

    private CandidateChange addRecorded(RecordedChange recorded) {
        CandidateChange change = candidate(recorded);
        lock.writeLock().lock();
        try {
            if (byId.containsKey(change.id()) || !overlapsFrom(change, warm ? coveredFrom : evictedUpTo)) {
                return change;
            }
            add(change);
            evictOverBudget();
        } finally {
            lock.writeLock().unlock();
        }
        keepTexts(change.id(), Texts.of(recorded));
        return change;
    }

    /** Drops what has fallen out of the horizon. */
    void trim() {
        long from = clock.instant().minus(horizon).toEpochMilli();
        lock.writeLock().lock();
        try {
            if (warm && from > coveredFrom) {
                coveredFrom = from;
                dropFinishedBefore(from);
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public List<CandidateChange> changes(Instant from, Instant to, Set<String> environments) {
        List<CandidateChange> found = new ArrayList<>();
        long covered;
        lock.readLock().lock();
        try {
            covered = warm ? coveredFrom : Long.MAX_VALUE;
            if (to.toEpochMilli() > covered) {
                collect(from, to, environments, found);
            }
        } finally {
            lock.readLock().unlock();
        }
        if (from.toEpochMilli() < covered) {
            // The part of the window the index does not cover comes from the database.
            Instant end = to.toEpochMilli() < covered ? to : Instant.ofEpochMilli(covered);
            Set<Long> seen = new HashSet<>();
            found.forEach(change -> seen.add(change.id()));
            for (RecordedChange change : log.overlapping(from, end, environments)) {
                if (seen.add(change.id())) {
                    found.add(candidate(change));
                }
            }
        }
        return found;
    }

    @Override
    public CandidateChange withTexts(CandidateChange change) {
        Texts known;
        synchronized (texts) {
            known = texts.get(change.id());
        }
        if (known == null) {
            Optional<RecordedChange> recorded = log.find(change.id());
            if (recorded.isEmpty()) {
                return change;
            }
            known = Texts.of(recorded.get());
            keepTexts(change.id(), known);
        }
        return new CandidateChange(
                change.id(),
                change.service(),
                change.environment(),
                change.kind(),
                change.version(),
                change.status(),
                change.startedAt(),
                change.finishedAt(),
                known.description(),
                known.messages(),
                known.files(),
                change.commitCount(),
                change.verification(),
                change.words());
    }

    /** What the index holds, for the documentation's numbers and the operators' metrics. */
    record Stats(int changes, long estimatedBytes, Instant coveredFrom, boolean warm) {}

    Stats stats() {
        lock.readLock().lock();
        try {
            return new Stats(
                    byId.size(), bytes, coveredFrom == Long.MAX_VALUE ? null : Instant.ofEpochMilli(coveredFrom), warm);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** A recorded change as the ranking weighs it: words, times and names, without its texts. */
    static CandidateChange candidate(RecordedChange change) {
        List<String> messages = messages(change);
        return new CandidateChange(
                change.id(),
                change.service(),
                change.environment(),
                ChangeKind.valueOf(change.kind().name()),
                change.version(),
                change.status().name().toLowerCase(Locale.ROOT),
                change.startedAt(),
                change.finishedAt(),
                "",
                List.of(),
                List.of(),
                change.commitCount(),
                Verification.valueOf(change.verification().name()),
                ChangeWords.of(change.description(), messages, change.files()));
    }

    private static List<String> messages(RecordedChange change) {
        List<String> messages = new ArrayList<>(change.commits().size());
        for (Commit commit : change.commits()) {
            if (commit.message() != null) {
                messages.add(commit.message());
            }
        }
        return messages;
    }

    static long estimatedBytes(CandidateChange change) {
        long size = ENTRY_BYTES + 8L * change.words().hashes().length;
        return change.version() == null ? size : size + 40 + change.version().length();
    }

    // ---- under the write lock

    private void collect(Instant from, Instant to, Set<String> environments, List<CandidateChange> found) {
        long end = to.toEpochMilli();
        for (int i = firstStartingAtOrAfter(from.toEpochMilli() - LONG_MILLIS);
                i < shortChanges.size() && shortChanges.get(i).startedAt().toEpochMilli() < end;
                i++) {
            take(shortChanges.get(i), from, to, environments, found);
        }
        for (CandidateChange change : longChanges.values()) {
            take(change, from, to, environments, found);
        }
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

    private static boolean overlapsFrom(CandidateChange change, long from) {
        return change.finishedAt() == null || change.finishedAt().toEpochMilli() >= from;
    }

    private static boolean isLong(CandidateChange change) {
        return change.finishedAt() == null
                || change.finishedAt().toEpochMilli() - change.startedAt().toEpochMilli() > LONG_MILLIS;
    }

    private void add(CandidateChange change) {
        CandidateChange shared = shareNames(change);
        byId.put(shared.id(), shared);
        if (isLong(shared)) {
            longChanges.put(shared.id(), shared);
        } else {
            int at = insertionPoint(shared);
            shortChanges.add(at, shared);
        }
        bytes += estimatedBytes(shared);
    }

    private void remove(long id) {
        CandidateChange old = byId.remove(id);
        if (old == null) {
            return;
        }
        if (longChanges.remove(id) == null) {
            int at = insertionPoint(old);
            if (at < shortChanges.size() && shortChanges.get(at).id() == id) {
                shortChanges.remove(at);
            }
        }
        bytes -= estimatedBytes(old);
    }

    /** Drops the oldest changes until the index is under nine tenths of its cap. */
    private void evictOverBudget() {
        if (bytes <= maxBytes) {
            return;
        }
        long target = maxBytes / 10 * 9;
        int count = 0;
        long freed = 0;
        long latestEnd = Long.MIN_VALUE;
        while (count < shortChanges.size() && bytes - freed > target) {
            CandidateChange change = shortChanges.get(count++);
            freed += estimatedBytes(change);
            latestEnd = Math.max(latestEnd, change.finishedAt().toEpochMilli());
        }
        if (count == 0) {
            return;
        }
        List<CandidateChange> dropped = shortChanges.subList(0, count);
        dropped.forEach(change -> byId.remove(change.id()));
        dropped.clear();
        bytes -= freed;
        // Every dropped change ended by latestEnd: the index still holds all that overlap what follows.
        evictedUpTo = Math.max(evictedUpTo, latestEnd + 1);
        if (warm) {
            coveredFrom = Math.max(coveredFrom, evictedUpTo);
        }
        dropFinishedBefore(evictedUpTo);
    }

    private void dropFinishedBefore(long from) {
        int end = firstStartingAtOrAfter(from);
        List<CandidateChange> head = shortChanges.subList(0, end);
        head.removeIf(change -> {
            if (change.finishedAt().toEpochMilli() < from) {
                byId.remove(change.id());
                bytes -= estimatedBytes(change);
                return true;
            }
            return false;
        });
        longChanges.values().removeIf(change -> {
            if (change.finishedAt() != null && change.finishedAt().toEpochMilli() < from) {
                byId.remove(change.id());
                bytes -= estimatedBytes(change);
                return true;
            }
            return false;
        });
    }

    private CandidateChange shareNames(CandidateChange change) {
        String service = names.computeIfAbsent(change.service(), name -> name);
        String environment =
                change.environment() == null ? null : names.computeIfAbsent(change.environment(), name -> name);
        String status = change.status() == null ? null : names.computeIfAbsent(change.status(), name -> name);
        if (service == change.service() && environment == change.environment() && status == change.status()) {
            return change;
        }
        return new CandidateChange(
                change.id(),
                service,
                environment,
                change.kind(),
                change.version(),
                status,
                change.startedAt(),
                change.finishedAt(),
                change.description(),
                change.commitMessages(),
                change.files(),
                change.commitCount(),
                change.verification(),
                change.words());
    }

    /** Where the change belongs in {@link #shortChanges}, ordered by start and then id. */
    private int insertionPoint(CandidateChange change) {
        long start = change.startedAt().toEpochMilli();
        int low = 0;
        int high = shortChanges.size();
        while (low < high) {
            int middle = (low + high) >>> 1;
            CandidateChange other = shortChanges.get(middle);
            long otherStart = other.startedAt().toEpochMilli();
            if (otherStart < start || (otherStart == start && other.id() < change.id())) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }

    private int firstStartingAtOrAfter(long millis) {
        int low = 0;
        int high = shortChanges.size();
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (shortChanges.get(middle).startedAt().toEpochMilli() < millis) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }
}
