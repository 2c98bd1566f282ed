package dev.pitwall.signals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.pitwall.system.DatabaseContractTest;
import dev.pitwall.system.DatabaseKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SignalRepositoryTest extends DatabaseContractTest {

    static final Instant T0 = Instant.parse("2026-11-24T18:00:00Z");

    SignalRepository repository;

    @BeforeEach
    void createRepository() {
        repository = new SignalRepository(jdbc, database.jdbcTemplate(), dialect, TestSettings.JSON);
    }

    static SignalState state(String fingerprint, Instant seen) {
        SignalState s = new SignalState(fingerprint);
        s.source = SignalSource.GENERIC;
        s.status = SignalStatus.FIRING;
        s.severity = Severity.ERROR;
        s.title = "Title of " + fingerprint;
        s.service = "checkout";
        s.environment = "production";
        s.startedAt = seen;
        s.firstSeenAt = seen;
        s.lastSeenAt = seen;
        s.count = 1;
        return s;
    }

    @Test
    void storesAndReadsBackEveryFieldOfASignal() {
        SignalState s = state("fp-1", T0);
        s.source = SignalSource.CHECK;
        s.description = "step 2 returned 500";
        s.labels = Map.of("b", "2", "a", "<script>");
        s.links = List.of(new SignalView.Link("https://runbook", "Runbook"));
        s.images = List.of(new SignalView.Image("https://img", null, "graph"));
        s.details = "{\"x\":1}";
        s.acknowledgedAt = T0.plusSeconds(1);
        s.resolvedAt = T0.plusSeconds(2);
        s.status = SignalStatus.RESOLVED;
        s.report = new SignalUpdate.Report("acme", "cannot pay", 2, true);
        s.check = new SignalUpdate.CheckContext(5, "pay journey", "https://pay", true, "500", 9L, "pay 1.2", T0);

        transactions.executeWithoutResult(t -> repository.insert(List.of(s)));

        assertThat(s.id).isPositive();
        SignalView view = repository.find(s.id).orElseThrow();
        assertThat(view).isEqualTo(s.view());
        assertThat(view.labels()).containsExactly(Map.entry("a", "<script>"), Map.entry("b", "2"));
        assertThat(repository.findByFingerprint("fp-1")).contains(view);
        assertThat(repository.find(List.of(s.id, 12345L))).containsExactly(view);
    }

    @Test
    void updatesASignalInPlace() {
        SignalState s = state("fp-1", T0);
        transactions.executeWithoutResult(t -> repository.insert(List.of(s)));
        SignalState loaded = repository.findByFingerprints(List.of("fp-1")).get("fp-1");
        loaded.count = 7;
        loaded.status = SignalStatus.ACKNOWLEDGED;
        loaded.lastSeenAt = T0.plusSeconds(60);
        loaded.changed = true;

        transactions.executeWithoutResult(t -> repository.update(List.of(loaded)));

        SignalView view = repository.find(s.id).orElseThrow();
        assertThat(view.count()).isEqualTo(7);
        assertThat(view.status()).isEqualTo(SignalStatus.ACKNOWLEDGED);
        assertThat(view.lastSeenAt()).isEqualTo(T0.plusSeconds(60));
    }

    @Test
    void aRepeatThatChangedNothingElseWritesCountAndLastSeen() {
        SignalState s = state("fp-1", T0);
        transactions.executeWithoutResult(t -> repository.insert(List.of(s)));
        SignalState loaded = repository.findByFingerprints(List.of("fp-1")).get("fp-1");
        SignalUpdate.Change change = loaded.apply(new Observation(
                "fp-1",
                SignalSource.GENERIC,
                Observation.Action.TRIGGER,
                true,
                Severity.ERROR,
                "Title of fp-1",
                null,
                "checkout",
                "production",
                Map.of(),
                List.of(),
                List.of(),
                null,
                null,
                null,
                T0.plusSeconds(30),
                null,
                null));

        transactions.executeWithoutResult(t -> repository.update(List.of(loaded)));

        assertThat(change).isEqualTo(SignalUpdate.Change.REPEATED);
        assertThat(loaded.changed).isFalse();
        assertThat(repository.find(s.id).orElseThrow()).satisfies(v -> {
            assertThat(v.count()).isEqualTo(2);
            assertThat(v.lastSeenAt()).isEqualTo(T0.plusSeconds(30));
            assertThat(v.title()).isEqualTo("Title of fp-1");
        });
    }

    @Test
    void listsNewestFirstFilteredAndPagedByCursor() {
        List<SignalState> states = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            SignalState s = state("fp-" + i, T0.plusSeconds(i));
            s.severity = i % 2 == 0 ? Severity.CRITICAL : Severity.INFO;
            s.title = i == 3 ? "Line items 100% missing" : "Other " + i;
            states.add(s);
        }
        transactions.executeWithoutResult(t -> repository.insert(states));

        List<SignalView> first = repository.list(filter(null, null, 2));
        List<SignalView> second = repository.list(filter(null, first.getLast().id(), 10));

        assertThat(first).extracting(SignalView::fingerprint).containsExactly("fp-4", "fp-3");
        assertThat(second).extracting(SignalView::fingerprint).containsExactly("fp-2", "fp-1", "fp-0");
        assertThat(repository.list(
                        new SignalRepository.Filter(null, null, Severity.CRITICAL, "CHECKOUT", null, null, null, 10)))
                .extracting(SignalView::fingerprint)
                .containsExactly("fp-4", "fp-2", "fp-0");
        assertThat(repository.list(filter("100%", null, 10)))
                .extracting(SignalView::fingerprint)
                .containsExactly("fp-3");
        assertThat(repository.list(filter("_", null, 10))).isEmpty();
        assertThat(repository.counts()).isEqualTo(new SignalRepository.Counts(5, 0, 0));
        assertThat(repository.services()).containsExactly("checkout");
    }

    static SignalRepository.Filter filter(String text, Long beforeId, int limit) {
        return new SignalRepository.Filter(null, null, null, null, null, text, beforeId, limit);
    }

    @Test
    void twoWritersInsertingTheSameFingerprintAtOnceMakeOneSignal() throws Exception {
        CountDownLatch ready = new CountDownLatch(2);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                done.add(threads.submit(() -> {
                    ready.countDown();
                    ready.await();
                    // No write lock: the unique index and the upsert alone must keep it to one row.
                    transactions.executeWithoutResult(t -> repository.insert(List.of(state("same", T0))));
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            threads.shutdownNow();
        }

        assertThat(jdbc.sql("SELECT count(*) FROM signals_signal")
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        assertThat(repository.findByFingerprint("same").orElseThrow().count()).isEqualTo(2);
    }

    @Test
    void theFoldPositionIsKeptInTheDatabase() {
        transactions.executeWithoutResult(t -> repository.setFoldedPosition(41));

        assertThat(repository.foldedPosition()).isEqualTo(41);
    }

    @Test
    void thePostgresqlIntakeLogGivesEntriesBackInOrderAndForgetsThemWhenFolded() {
        assumeTrue(kind == DatabaseKind.POSTGRESQL, "the intake log is a table on PostgreSQL only");
        long[] positions = transactions.execute(t -> repository.appendIntake(
                List.of(new byte[] {1}, new byte[] {2, 2}, new byte[] {3}), new int[] {1, 5, 1}, T0.toEpochMilli()));

        List<IntakeLog.Entry> firstTwo = transactions.execute(t -> repository.unfoldedIntake(6, 10));
        transactions.executeWithoutResult(t -> repository.deleteIntake(new long[] {positions[0], positions[1]}));

        assertThat(positions[1]).isEqualTo(positions[0] + 1);
        assertThat(firstTwo).extracting(IntakeLog.Entry::position).containsExactly(positions[0], positions[1]);
        assertThat(firstTwo.get(1).records()).containsExactly(2, 2);
        assertThat(repository.isIntakeFolded(positions[0])).isTrue();
        assertThat(repository.isIntakeFolded(positions[2])).isFalse();
        assertThat(repository.intakeBacklog()).isEqualTo(1);
    }
}
