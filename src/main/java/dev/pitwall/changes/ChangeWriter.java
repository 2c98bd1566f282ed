package dev.pitwall.changes;

import dev.pitwall.system.WorkerThread;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.server.ResponseStatusException;

/**
 * Group commit for recording changes: request threads hand their write to one writer thread,
 * which runs everything waiting (up to {@value #BATCH} writes) in one transaction and answers each
 * request only after the commit. On SQLite, with its single writer connection, this turns many short
 * transactions that queue for the connection into few larger ones (see PERFORMANCE.md); the queue
 * is bounded, and a full queue answers 503 with {@code Retry-After}.
 */
@Component
class ChangeWriter extends WorkerThread {

    static final int BATCH = 256;
    private static final int CAPACITY = 4096;
    private static final Duration ENQUEUE_WAIT = Duration.ofSeconds(5);
    private static final Logger log = LoggerFactory.getLogger(ChangeWriter.class);

    private record Write(Supplier<?> work, CompletableFuture<Object> result) {}

    private final BlockingQueue<Write> queue = new ArrayBlockingQueue<>(CAPACITY);
    private final TransactionTemplate batch;

    ChangeWriter(PlatformTransactionManager transactionManager) {
        super("pitwall-change-writer", false, Duration.ofSeconds(10));
        this.batch = new TransactionTemplate(transactionManager);
    }

    /**
     * Runs {@code work} in the next batch and returns its result once that batch committed. Call
     * it outside any transaction: the writer thread needs the connection a caller's transaction
     * would hold (on SQLite there is one).
     */
    @SuppressWarnings("unchecked")
    <T> T write(Supplier<T> work) {
        if (!running()) {
            return batch.execute(s -> work.get());
        }
        Write write = new Write(work, new CompletableFuture<>());
        try {
            if (!queue.offer(write, ENQUEUE_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new Busy();
            }
            return (T) write.result().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Busy();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    @Override
    protected void loop() {
        List<Write> writes = new ArrayList<>(BATCH);
        while (running() || !queue.isEmpty()) {
            try {
                Write first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                writes.add(first);
                queue.drainTo(writes, BATCH - 1);
                commit(writes);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                writes.clear();
            }
        }
    }

    /**
     * Runs the writes in one transaction. Refusals are rare (input is checked before it is
     * queued), so instead of a savepoint per write, a batch in which one write fails is rolled
     * back whole and its writes run again one transaction each.
     */
    private void commit(List<Write> writes) {
        if (writes.size() > 1) {
            Object[] results = new Object[writes.size()];
            try {
                batch.executeWithoutResult(status -> {
                    for (int i = 0; i < writes.size(); i++) {
                        results[i] = writes.get(i).work().get();
                    }
                });
                for (int i = 0; i < writes.size(); i++) {
                    writes.get(i).result().complete(results[i]);
                }
                return;
            } catch (RuntimeException e) {
                log.debug("A batch of {} change writes failed; running them one by one", writes.size(), e);
            }
        }
        for (Write write : writes) {
            try {
                write.result().complete(batch.execute(status -> write.work().get()));
            } catch (RuntimeException e) {
                write.result().completeExceptionally(e);
            }
        }
    }

    /**
     * Stops after the web server's graceful shutdown (phase {@code DEFAULT_PHASE - 1024}) let the
     * requests in flight finish, and before the server itself stops; a write that still arrives
     * after it stopped runs in its own transaction on the caller's thread.
     */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 1536;
    }

    /** The queue stayed full: the sender should retry shortly. */
    static final class Busy extends ResponseStatusException {
        Busy() {
            super(HttpStatus.SERVICE_UNAVAILABLE, "Pitwall is recording changes as fast as it can; retry in a second");
        }

        @Override
        public HttpHeaders getHeaders() {
            HttpHeaders headers = new HttpHeaders();
            headers.set(HttpHeaders.RETRY_AFTER, "1");
            return headers;
        }
    }
}
