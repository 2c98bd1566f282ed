package dev.pitwall.signals;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The intake log on PostgreSQL: the table {@code signals_intake_log}, shared by every node. Nodes
 * append at once, so positions commit out of order and a single "folded up to" mark would skip
 * entries; instead the fold deletes exactly the entries it folded, in its own transaction, and folds
 * run one at a time cluster-wide (an advisory lock, see {@link SignalRepository#lockSignalWrites}).
 */
final class PostgresIntakeLog implements IntakeLog {

    private final SignalRepository repository;
    private final TransactionTemplate appends;
    private final AtomicLong backlog = new AtomicLong();

    PostgresIntakeLog(SignalRepository repository, PlatformTransactionManager transactionManager) {
        this.repository = repository;
        this.appends = new TransactionTemplate(transactionManager);
        this.appends.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        backlog.set(repository.intakeBacklog());
    }

    @Override
    public long[] append(List<byte[]> entries, int[] recordCounts, long receivedAt) {
        long[] positions = appends.execute(s -> repository.appendIntake(entries, recordCounts, receivedAt));
        long records = 0;
        for (int count : recordCounts) {
            records += count;
        }
        backlog.addAndGet(records);
        return positions;
    }

    @Override
    public List<Entry> unfolded(int maxRecords, int maxEntries) {
        return repository.unfoldedIntake(maxRecords, maxEntries);
    }

    @Override
    public void markFolded(List<Entry> entries) {
        repository.deleteIntake(entries.stream().mapToLong(Entry::position).toArray());
    }

    @Override
    public void folded(List<Entry> entries) {
        // Other nodes fold too: the backlog is also re-read from the table now and then (idle()).
        long records = 0;
        for (Entry entry : entries) {
            records += entry.recordCount();
        }
        backlog.addAndGet(-records);
    }

    @Override
    public boolean isFolded(long position) {
        return repository.isIntakeFolded(position);
    }

    @Override
    public long backlog() {
        return backlog.get();
    }

    @Override
    public void idle() {
        backlog.set(repository.intakeBacklog());
    }

    @Override
    public void close() {}
}
