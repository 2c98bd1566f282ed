package dev.pitwall.checks;

import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps storage bounded: folds raw results into hourly aggregates as each hour ends, deletes raw
 * results after {@code raw-retention} (14 days) and aggregates after {@code aggregate-retention}
 * (a year). Runs as a db-scheduler task every ten minutes, once cluster-wide; deletes in small
 * transactions so that the single writer is never held for long.
 */
@Component
class ResultRetention {

    private static final Logger log = LoggerFactory.getLogger(ResultRetention.class);
    private static final long HOUR = 3_600_000L;
    private static final int DELETE_CHUNK = 5_000;
    private static final int MAX_CHUNKS_PER_RUN = 200;

    private final ResultRepository results;
    private final Clock clock;
    private final Duration raw;
    private final Duration aggregates;
    private final TransactionTemplate transactions;

    ResultRetention(
            ResultRepository results,
            Clock clock,
            ChecksProperties properties,
            PlatformTransactionManager transactionManager) {
        this.results = results;
        this.clock = clock;
        this.raw = properties.rawRetention();
        this.aggregates = properties.aggregateRetention();
        this.transactions = new TransactionTemplate(transactionManager);
    }

    void run() {
        long now = clock.millis();
        // results of an hour may still be in the writer's queue a moment after it ends
        long upTo = ResultRepository.hourStart(now - 5 * 60_000L);
        Long until = transactions.execute(s -> {
            long from = results.rollupUntil();
            if (from == 0) {
                from = results.oldestResult().map(ResultRepository::hourStart).orElse(upTo);
            }
            return from;
        });
        for (long from = until; from < upTo; from += 24 * HOUR) {
            long start = from;
            long end = Math.min(upTo, from + 24 * HOUR);
            transactions.executeWithoutResult(s -> results.rollup(start, end));
        }
        long rawCutoff = now - raw.toMillis();
        int deleted = 0;
        for (int i = 0; i < MAX_CHUNKS_PER_RUN; i++) {
            Integer n = transactions.execute(s -> results.deleteRawBefore(rawCutoff, DELETE_CHUNK));
            deleted += n == null ? 0 : n;
            if (n == null || n < DELETE_CHUNK) {
                break;
            }
        }
        Integer hourly = transactions.execute(s -> results.deleteHourlyBefore(now - aggregates.toMillis()));
        if (deleted > 0 || (hourly != null && hourly > 0)) {
            log.info(
                    "Deleted {} check results older than {} and {} hourly aggregates older than {}",
                    deleted,
                    raw,
                    hourly,
                    aggregates);
        }
    }
}
