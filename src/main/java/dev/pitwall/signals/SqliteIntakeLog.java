package dev.pitwall.signals;

import dev.pitwall.system.PitwallProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;

/**
 * The intake log on SQLite: its own file ({@code intake.db} next to {@code pitwall.db}), so that
 * appending never waits for the database's writer, which folds. One thread appends, so positions
 * are contiguous and "folded up to position P" (kept in the main database, in the fold's
 * transaction) says exactly which entries are done.
 *
 * <p>Write-ahead-log checkpoints of this file run on their own thread and connection, never inside
 * an append: a passive one every 100 ms, and a truncating one (which briefly holds appends) only
 * when the WAL has grown past {@code walLimit} all the same. After a restart of the WAL its file is
 * cut back to {@code walKeep}.
 */
final class SqliteIntakeLog implements IntakeLog {

    private static final Logger log = LoggerFactory.getLogger(SqliteIntakeLog.class);
    private static final int DELETE_CHUNK = 20_000;

    private final Path file;
    private final Path wal;
    private final SignalRepository repository;
    private final long walKeep;
    private final long walLimit;
    private final Connection writer;
    private final Connection reader;
    private final PreparedStatement insert;
    private final PreparedStatement deleteUpTo;
    private final AtomicLong foldedPosition = new AtomicLong();
    private final AtomicLong backlog = new AtomicLong();
    private final Thread checkpointer;
    private volatile boolean open = true;
    private long nextPosition;
    private long deletedUpTo;

    SqliteIntakeLog(
            Path file,
            PitwallProperties.Durability durability,
            SignalRepository repository,
            long walKeep,
            long walLimit) {
        this.file = file;
        this.wal = file.resolveSibling(file.getFileName() + "-wal");
        this.repository = repository;
        this.walKeep = walKeep;
        this.walLimit = walLimit;
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            writer = connect(durability, false);
            try (Statement s = writer.createStatement()) {
                // Checkpoints belong to the checkpointer thread, not to the thread that acknowledges.
                s.execute("PRAGMA wal_autocheckpoint = 0");
                s.execute("CREATE TABLE IF NOT EXISTS intake_log ("
                        + " position INTEGER PRIMARY KEY,"
                        + " received_at INTEGER NOT NULL,"
                        + " record_count INTEGER NOT NULL,"
                        + " records BLOB NOT NULL)");
            }
            writer.setAutoCommit(false);
            reader = connect(durability, true);
            insert = writer.prepareStatement(
                    "INSERT INTO intake_log (position, received_at, record_count, records) VALUES (?, ?, ?, ?)");
            deleteUpTo = writer.prepareStatement("DELETE FROM intake_log WHERE position <= ?");
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot open the intake log " + file + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long folded = repository.foldedPosition();
        foldedPosition.set(folded);
        long[] tail = tail(folded);
        nextPosition = Math.max(folded, tail[0]) + 1;
        backlog.set(tail[1]);
        deletedUpTo = 0;
        checkpointer =
                Thread.ofPlatform().daemon().name("pitwall-intake-checkpoint").start(this::checkpointLoop);
    }

    private Connection connect(PitwallProperties.Durability durability, boolean readOnly) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(
                durability == PitwallProperties.Durability.FULL
                        ? SQLiteConfig.SynchronousMode.FULL
                        : SQLiteConfig.SynchronousMode.NORMAL);
        config.setBusyTimeout(30_000);
        config.setJournalSizeLimit((int) Math.min(Integer.MAX_VALUE, walKeep));
        config.setReadOnly(readOnly);
        // sqlite-jdbc would otherwise query last_insert_rowid() after every insert; positions are ours.
        config.setGetGeneratedKeys(false);
        return config.createConnection("jdbc:sqlite:" + file.toAbsolutePath());
    }

    /** The highest position in the file and the records after the folded position. */
    private long[] tail(long folded) {
        try (PreparedStatement s = writer.prepareStatement(
                "SELECT coalesce(max(position), 0), coalesce(sum(CASE WHEN position > ? THEN record_count END), 0)"
                        + " FROM intake_log")) {
            s.setLong(1, folded);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                long[] result = {rs.getLong(1), rs.getLong(2)};
                writer.commit();
                return result;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the intake log " + file, e);
        }
    }

    @Override
    public long[] append(List<byte[]> entries, int[] recordCounts, long receivedAt) {
        long first = nextPosition;
        long[] positions = new long[entries.size()];
        long records = 0;
        try {
            for (int i = 0; i < entries.size(); i++) {
                insert.setLong(1, first + i);
                insert.setLong(2, receivedAt);
                insert.setInt(3, recordCounts[i]);
                insert.setBytes(4, entries.get(i));
                insert.executeUpdate();
                positions[i] = first + i;
                records += recordCounts[i];
            }
            deleteFolded(DELETE_CHUNK / 10);
            writer.commit();
        } catch (SQLException e) {
            rollback();
            throw new IllegalStateException("Appending to the intake log failed: " + e.getMessage(), e);
        }
        nextPosition = first + entries.size();
        backlog.addAndGet(records);
        return positions;
    }

    /** Drops entries the fold has committed, a bounded number at a time so that appends stay quick. */
    private void deleteFolded(int chunk) throws SQLException {
        long folded = foldedPosition.get();
        if (folded <= deletedUpTo) {
            return;
        }
        long upTo = Math.min(folded, deletedUpTo + chunk);
        deleteUpTo.setLong(1, upTo);
        deleteUpTo.executeUpdate();
        deletedUpTo = upTo;
    }

    @Override
    public void idle() {
        try {
            deleteFolded(DELETE_CHUNK);
            writer.commit();
        } catch (SQLException e) {
            rollback();
            log.warn("Could not drop folded intake entries; trying again later: {}", e.getMessage());
        }
    }

    private void rollback() {
        try {
            writer.rollback();
        } catch (SQLException e) {
            log.warn("Rollback of the intake log failed", e);
        }
    }

    @Override
    public List<Entry> unfolded(int maxRecords, int maxEntries) {
        long after = repository.foldedPosition();
        List<Entry> entries = new ArrayList<>();
        synchronized (reader) {
            try (PreparedStatement s = reader.prepareStatement(
                    "SELECT position, record_count, records FROM intake_log WHERE position > ? ORDER BY position LIMIT ?")) {
                s.setLong(1, after);
                s.setInt(2, maxEntries);
                try (ResultSet rs = s.executeQuery()) {
                    int records = 0;
                    while (rs.next() && (entries.isEmpty() || records < maxRecords)) {
                        Entry entry = new Entry(rs.getLong(1), rs.getInt(2), rs.getBytes(3));
                        entries.add(entry);
                        records += entry.recordCount();
                    }
                }
            } catch (SQLException e) {
                throw new IllegalStateException("Reading the intake log failed: " + e.getMessage(), e);
            }
        }
        return entries;
    }

    @Override
    public void markFolded(List<Entry> entries) {
        repository.setFoldedPosition(entries.getLast().position());
    }

    @Override
    public void folded(List<Entry> entries) {
        long records = 0;
        for (Entry entry : entries) {
            records += entry.recordCount();
        }
        foldedPosition.accumulateAndGet(entries.getLast().position(), Math::max);
        backlog.addAndGet(-records);
    }

    @Override
    public boolean isFolded(long position) {
        return position <= foldedPosition.get();
    }

    @Override
    public long backlog() {
        return backlog.get();
    }

    /**
     * Copies committed pages back into the database file in the background (passive: appends go
     * on meanwhile), so that the writer can start the WAL over; only a WAL that still grew past the
     * limit is truncated, which holds appends for that moment.
     */
    private void checkpointLoop() {
        try (Connection connection = connect(PitwallProperties.Durability.NORMAL, false)) {
            while (open) {
                checkpoint(connection, walSize() > walLimit ? "TRUNCATE" : "PASSIVE");
                sleep(Duration.ofMillis(100));
            }
        } catch (SQLException e) {
            if (open) {
                log.error("The intake log's checkpointer stopped; the write-ahead log is no longer bounded", e);
            }
        }
    }

    private void checkpoint(Connection connection, String mode) {
        try (Statement s = connection.createStatement()) {
            s.execute("PRAGMA wal_checkpoint(" + mode + ")");
        } catch (SQLException e) {
            if (open) {
                log.warn("Checkpoint ({}) of the intake log failed: {}", mode, e.getMessage());
            }
        }
    }

    private long walSize() {
        try {
            return Files.exists(wal) ? Files.size(wal) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        open = false;
        checkpointer.interrupt();
        try {
            checkpointer.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (AutoCloseable c : new AutoCloseable[] {insert, deleteUpTo, reader, writer}) {
            try {
                c.close();
            } catch (Exception e) {
                log.debug("Closing the intake log", e);
            }
        }
    }
}
