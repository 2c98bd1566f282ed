package dev.pitwall.signals;

import java.util.List;

/**
 * The append-only log that intake acknowledges from. A request's observations are appended as one
 * entry (committed before the reply) and later folded into the signals table by
 * {@link SignalFolder}, exactly once. Two implementations: a separate SQLite file next to the
 * database, whose single writer makes positions contiguous so that one folded position is enough;
 * and a table on PostgreSQL, where several nodes append at once and the fold deletes what it folded
 * in its own transaction.
 */
interface IntakeLog extends AutoCloseable {

    /**
     * Appends the entries in one transaction and returns their positions, in order. Only the intake
     * writer thread calls this.
     */
    long[] append(List<byte[]> entries, int[] recordCounts, long receivedAt);

    /**
     * Entries not folded yet, oldest first: at most {@code maxEntries}, and no more than about
     * {@code maxRecords} records (always at least one entry when there is one). Runs inside the fold
     * transaction on the main database, after {@link SignalRepository#lockSignalWrites}.
     */
    List<Entry> unfolded(int maxRecords, int maxEntries);

    /** Records the entries as folded, inside the same fold transaction. */
    void markFolded(List<Entry> entries);

    /** Called once the fold transaction committed. */
    void folded(List<Entry> entries);

    /** Whether the entry at this position has been folded (on any node). */
    boolean isFolded(long position);

    /** Records appended and not yet folded; the intake refuses more above a limit. */
    long backlog();

    /** Housekeeping when the writer has nothing to do: drop folded entries, bound the write-ahead log. */
    default void idle() {}

    @Override
    void close();

    record Entry(long position, int recordCount, byte[] records) {}
}
