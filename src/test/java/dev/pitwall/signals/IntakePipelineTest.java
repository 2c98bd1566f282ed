package dev.pitwall.signals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.pitwall.system.DatabaseContractTest;
import dev.pitwall.system.DatabaseKind;
import dev.pitwall.system.PitwallProperties;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The whole intake pipeline (log, group commit, fold, recorder) on each database, without Spring:
 * acknowledged entries fold exactly once, also across restarts, failures and several nodes.
 */
class IntakePipelineTest extends DatabaseContractTest {

    static final Duration WAIT = Duration.ofSeconds(20);

    /** One Pitwall node's intake, with a listener that records what each fold published. */
    final class Node implements AutoCloseable {
        final IntakeLog log;
        final SignalFolder folder;
        final IntakeWriter writer;
        final List<SignalUpdate> published = new CopyOnWriteArrayList<>();
        final AtomicInteger failNextFolds = new AtomicInteger();
        volatile boolean publishedOutsideTransaction;

        Node(SignalsProperties.Intake settings, boolean fold) {
            JdbcTransactionManager tm = new JdbcTransactionManager(database.dataSource());
            log = kind == DatabaseKind.SQLITE
                    ? new SqliteIntakeLog(
                            intakeFile, PitwallProperties.Durability.NORMAL, repository, 16 << 20, 128 << 20)
                    : new PostgresIntakeLog(repository, tm);
            SignalRecorder recorder = new SignalRecorder(
                    repository,
                    name -> name,
                    event -> {
                        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
                            publishedOutsideTransaction = true;
                        }
                        if (failNextFolds.getAndDecrement() > 0) {
                            throw new IllegalStateException("a listener failed");
                        }
                        published.addAll(((SignalsUpdated) event).updates());
                    },
                    Severity.WARNING);
            folder =
                    new SignalFolder(log, recorder, repository, tm, settings, Clock.systemUTC(), Duration.ofMillis(50));
            writer = new IntakeWriter(log, settings, folder::wake, Clock.systemUTC());
            writer.start();
            if (fold) {
                folder.start();
            }
        }

        long send(Observation... observations) {
            return writer.append(List.of(observations));
        }

        @Override
        public void close() {
            folder.stop();
            writer.stop();
            log.close();
        }
    }

    SignalRepository repository;
    Path intakeFile;
    final List<Node> nodes = new ArrayList<>();

    @BeforeEach
    void setUp() throws IOException {
        repository = new SignalRepository(jdbc, database.jdbcTemplate(), dialect, TestSettings.JSON);
        intakeFile = Files.createTempDirectory("pitwall-intake").resolve("intake.db");
    }

    @AfterEach
    void stopNodes() {
        nodes.forEach(Node::close);
    }

    Node node() {
        return node(TestSettings.intake(), true);
    }

    Node node(SignalsProperties.Intake settings, boolean fold) {
        Node node = new Node(settings, fold);
        nodes.add(node);
        return node;
    }

    static Observation alert(String fingerprint, Observation.Action action) {
        return new Observation(
                fingerprint,
                SignalSource.ALERTMANAGER,
                action,
                true,
                Severity.CRITICAL,
                "Alert " + fingerprint,
                null,
                "checkout",
                "production",
                Map.of("alertname", fingerprint),
                List.of(),
                List.of(),
                null,
                null,
                null,
                Instant.now(Clock.systemUTC()),
                null,
                null);
    }

    static Observation firing(String fingerprint) {
        return alert(fingerprint, Observation.Action.TRIGGER);
    }

    long count(String fingerprint) {
        return repository.findByFingerprint(fingerprint).map(SignalView::count).orElse(0L);
    }

    long signalRows() {
        return jdbc.sql("SELECT count(*) FROM signals_signal").query(Long.class).single();
    }

    static List<SignalUpdate.Change> statusChanges(List<SignalUpdate> updates, String fingerprint) {
        return updates.stream()
                .filter(u -> u.fingerprint().equals(fingerprint))
                .map(SignalUpdate::change)
                .filter(c -> c != SignalUpdate.Change.REPEATED)
                .toList();
    }

    static long received(List<SignalUpdate> updates, String fingerprint) {
        return updates.stream()
                .filter(u -> u.fingerprint().equals(fingerprint))
                .mapToLong(SignalUpdate::received)
                .sum();
    }

    @Test
    void foldsEveryAcceptedEntryOnceAndPublishesItsChangesInsideTheFoldTransaction() {
        Node node = node();
        node.send(firing("a"));
        node.send(firing("a"), firing("b"));
        long last = node.send(alert("a", Observation.Action.RESOLVE));

        assertThat(node.folder.await(last, WAIT)).isTrue();

        assertThat(count("a")).isEqualTo(3);
        assertThat(count("b")).isEqualTo(1);
        assertThat(repository.findByFingerprint("a").orElseThrow().status()).isEqualTo(SignalStatus.RESOLVED);
        assertThat(statusChanges(node.published, "a"))
                .containsExactly(SignalUpdate.Change.CREATED, SignalUpdate.Change.RESOLVED);
        assertThat(received(node.published, "a")).isEqualTo(3);
        assertThat(node.published.getLast().count()).isEqualTo(3);
        assertThat(node.published).allSatisfy(u -> assertThat(u.signalId()).isPositive());
        assertThat(node.publishedOutsideTransaction).isFalse();
    }

    @Test
    void manyThreadsSendingTheSameFingerprintMakeOneSignal() throws Exception {
        Node node = node();
        ExecutorService threads = Executors.newFixedThreadPool(8);
        List<Future<Long>> sent = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            sent.add(threads.submit(() -> node.send(firing("same"))));
        }
        long last = 0;
        for (Future<Long> position : sent) {
            last = Math.max(last, position.get());
        }
        threads.shutdown();

        assertThat(node.folder.await(last, WAIT)).isTrue();
        assertThat(signalRows()).isEqualTo(1);
        assertThat(count("same")).isEqualTo(400);
        assertThat(received(node.published, "same")).isEqualTo(400);
        assertThat(statusChanges(node.published, "same")).containsExactly(SignalUpdate.Change.CREATED);
    }

    @Test
    void aFailingListenerRollsTheFoldBackAndTheFoldIsDoneAgainOnce() {
        Node node = node();
        node.failNextFolds.set(1);

        long position = node.send(firing("x"), firing("x"));

        assertThat(node.folder.await(position, WAIT)).isTrue();
        assertThat(count("x")).isEqualTo(2);
        assertThat(received(node.published, "x")).isEqualTo(2);
        assertThat(repository.rejectedCount()).isZero();
    }

    @Test
    void entriesAcknowledgedBeforeARestartAreFoldedAfterItAndNeverTwice() {
        Node before = node(TestSettings.intake(), false);
        long last = 0;
        for (int i = 0; i < 50; i++) {
            last = before.send(firing("restart-" + (i % 5)));
        }
        before.close();
        nodes.remove(before);

        Node after = node();
        assertThat(after.folder.await(last, WAIT)).isTrue();
        after.close();
        nodes.remove(after);
        Node again = node();
        long marker = again.send(firing("marker"));
        assertThat(again.folder.await(marker, WAIT)).isTrue();

        for (int i = 0; i < 5; i++) {
            assertThat(count("restart-" + i)).isEqualTo(10);
        }
        assertThat(again.published).extracting(SignalUpdate::fingerprint).containsOnly("marker");
    }

    @Test
    void refusesWithRetryAfterWhenTheFoldIsTooFarBehindAndStoresNothingOfTheRefusedRequest() {
        Node node = node(TestSettings.intake(3), false);
        node.send(firing("1"), firing("2"));
        node.send(firing("3"), firing("4"));

        assertThatThrownBy(() -> node.send(firing("5")))
                .isInstanceOf(IntakeRefusedException.class)
                .hasMessageContaining("limit 3")
                .satisfies(e ->
                        assertThat(((IntakeRefusedException) e).retryAfter()).isPositive());
        assertThat(node.log.backlog()).isEqualTo(4);
        node.folder.start();
        await().atMost(WAIT).until(() -> node.log.backlog() == 0);
        assertThat(signalRows()).isEqualTo(4);
        assertThat(repository.findByFingerprint("5")).isEmpty();
    }

    @Test
    void anEntryThatCannotBeReadIsSetAsideAndTheOthersFold() {
        Node node = node(TestSettings.intake(), false);
        node.log.append(List.of(new byte[] {42, 0, 1}), new int[] {1}, 0);
        long good = node.send(firing("good"));
        node.folder.start();

        assertThat(node.folder.await(good, WAIT)).isTrue();
        assertThat(count("good")).isEqualTo(1);
        assertThat(repository.rejectedCount()).isEqualTo(1);
    }

    @Test
    void twoNodesOnOnePostgresqlFoldEachEntryOnceIntoOneSignal() throws Exception {
        assumeTrue(kind == DatabaseKind.POSTGRESQL, "several nodes share only a PostgreSQL database");
        Node one = node();
        Node two = node();
        ExecutorService threads = Executors.newFixedThreadPool(8);
        List<Future<Long>> sent = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            Node target = i % 2 == 0 ? one : two;
            String fingerprint = i % 4 < 2 ? "shared" : "other-" + (i % 7);
            sent.add(threads.submit(() -> target.send(firing(fingerprint))));
        }
        for (Future<Long> position : sent) {
            position.get();
        }
        threads.shutdown();

        await().atMost(WAIT).until(() -> repository.intakeBacklog() == 0);
        List<SignalUpdate> all = new ArrayList<>(one.published);
        all.addAll(two.published);
        assertThat(count("shared")).isEqualTo(200);
        assertThat(received(all, "shared")).isEqualTo(200);
        assertThat(statusChanges(all, "shared")).containsExactly(SignalUpdate.Change.CREATED);
        assertThat(signalRows()).isEqualTo(1 + 7);
        assertThat(all.stream().mapToLong(SignalUpdate::received).sum()).isEqualTo(400);
    }
}
