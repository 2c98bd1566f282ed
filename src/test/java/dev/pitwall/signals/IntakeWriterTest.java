package dev.pitwall.signals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

class IntakeWriterTest {

    /** A log whose commits wait until the test lets them go, and that can be made to fail. */
    static final class GatedLog implements IntakeLog {
        final CountDownLatch open = new CountDownLatch(1);
        final CountDownLatch entered = new CountDownLatch(1);
        volatile int firstBatch;
        final AtomicInteger commits = new AtomicInteger();
        final List<Integer> batchSizes = new ArrayList<>();
        volatile boolean fail;
        long next = 1;

        @Override
        public long[] append(List<byte[]> entries, int[] recordCounts, long receivedAt) {
            if (entered.getCount() > 0) {
                firstBatch = entries.size();
                entered.countDown();
            }
            try {
                open.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (fail) {
                throw new IllegalStateException("disk full");
            }
            commits.incrementAndGet();
            batchSizes.add(entries.size());
            long[] positions = new long[entries.size()];
            for (int i = 0; i < positions.length; i++) {
                positions[i] = next++;
            }
            return positions;
        }

        @Override
        public List<Entry> unfolded(int maxRecords, int maxEntries) {
            return List.of();
        }

        @Override
        public void markFolded(List<Entry> entries) {}

        @Override
        public void folded(List<Entry> entries) {}

        @Override
        public boolean isFolded(long position) {
            return false;
        }

        @Override
        public long backlog() {
            return 0;
        }

        @Override
        public void close() {}
    }

    final GatedLog log = new GatedLog();
    final ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor();
    IntakeWriter writer;

    IntakeWriter start(int queueLimit) {
        SignalsProperties.Intake settings = new SignalsProperties.Intake(
                queueLimit,
                Duration.ofMillis(200),
                1_000_000,
                2048,
                20_000,
                Duration.ofMillis(5),
                DataSize.ofMegabytes(16),
                DataSize.ofMegabytes(128));
        writer = new IntakeWriter(log, settings, () -> {}, Clock.systemUTC());
        writer.start();
        return writer;
    }

    @AfterEach
    void stop() {
        log.open.countDown();
        writer.stop();
        senders.shutdownNow();
    }

    CompletableFuture<Long> send() {
        return CompletableFuture.supplyAsync(() -> writer.append(one()), senders);
    }

    static List<Observation> one() {
        return List.of(IntakePipelineTest.firing("x"));
    }

    @Test
    void requestsThatArriveDuringACommitShareTheNextOne() {
        start(100);
        List<CompletableFuture<Long>> sent = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            sent.add(send());
        }
        await().until(() -> log.entered.getCount() == 0 && log.firstBatch + writer.queued() == 20);
        log.open.countDown();

        assertThat(sent.stream().map(CompletableFuture::join))
                .doesNotHaveDuplicates()
                .hasSize(20);
        assertThat(log.commits.get()).isLessThanOrEqualTo(2);
    }

    @Test
    void aFullQueueRefusesWithRetryAfterOnceTheAdmissionWaitIsOver() {
        start(1);
        CompletableFuture<Long> committing = send();
        await().until(() -> log.entered.getCount() == 0);
        CompletableFuture<Long> queued = send();
        await().until(() -> writer.queued() == 1);

        assertThatThrownBy(() -> writer.append(one()))
                .isInstanceOf(IntakeRefusedException.class)
                .hasMessageContaining("queue is full");
        log.open.countDown();
        assertThat(committing.join()).isPositive();
        assertThat(queued.join()).isPositive();
    }

    @Test
    void aFailedCommitIsRefusedSoThatTheSenderRetries() {
        start(10);
        log.fail = true;
        log.open.countDown();

        assertThatThrownBy(() -> writer.append(one()))
                .isInstanceOf(IntakeRefusedException.class)
                .hasMessageContaining("nothing was stored");
    }

    @Test
    void nothingIsAcceptedAfterStop() {
        start(10);
        log.open.countDown();
        writer.stop();

        assertThatThrownBy(() -> writer.append(one()))
                .isInstanceOf(IntakeRefusedException.class)
                .hasMessageContaining("shutting down");
    }
}
