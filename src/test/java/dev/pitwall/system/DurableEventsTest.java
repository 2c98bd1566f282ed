package dev.pitwall.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

@PitwallTest
@Import(DurableEventsTest.Listeners.class)
class DurableEventsTest {

    record SomethingHappened(String what) {}

    record SomethingFlaky(String what) {}

    @TestConfiguration
    static class Listeners {
        final List<String> received = new CopyOnWriteArrayList<>();
        final AtomicInteger flakyAttempts = new AtomicInteger();
        final JdbcClient jdbc;

        Listeners(JdbcClient jdbc) {
            this.jdbc = jdbc;
        }

        @DurableEventListener
        void on(SomethingHappened event) {
            jdbc.sql("INSERT INTO outbox_test_effect (what) VALUES (?)")
                    .param(event.what())
                    .update();
            received.add(event.what());
        }

        @DurableEventListener
        void on(SomethingFlaky event) {
            jdbc.sql("INSERT INTO outbox_test_effect (what) VALUES (?)")
                    .param(event.what())
                    .update();
            if (flakyAttempts.incrementAndGet() < 3) {
                throw new IllegalStateException("not yet");
            }
            received.add(event.what());
        }
    }

    @Autowired
    DurableEvents events;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Listeners listeners;

    @BeforeEach
    void effectTable() {
        jdbc.sql("CREATE TABLE IF NOT EXISTS outbox_test_effect (what TEXT NOT NULL)")
                .update();
        jdbc.sql("DELETE FROM outbox_test_effect").update();
        listeners.received.clear();
    }

    @Test
    void deliversAnEventAfterItsTransactionCommits() {
        transactions.executeWithoutResult(s -> events.publish(new SomethingHappened("deploy finished")));

        await().atMost(Duration.ofSeconds(10)).until(() -> listeners.received.contains("deploy finished"));
        assertThat(effects("deploy finished")).isEqualTo(1);
        assertThat(pending()).isZero();
    }

    @Test
    void dropsTheEventWhenItsTransactionRollsBack() {
        assertThatThrownBy(() -> transactions.executeWithoutResult(s -> {
                    events.publish(new SomethingHappened("never happened"));
                    throw new IllegalStateException("the state change failed");
                }))
                .isInstanceOf(IllegalStateException.class);

        transactions.executeWithoutResult(s -> events.publish(new SomethingHappened("marker")));
        await().atMost(Duration.ofSeconds(10)).until(() -> listeners.received.contains("marker"));
        assertThat(listeners.received).doesNotContain("never happened");
    }

    @Test
    void retriesAFailingListenerAndKeepsOnlyTheSuccessfulAttemptsWork() {
        transactions.executeWithoutResult(s -> events.publish(new SomethingFlaky("flaky")));

        await().atMost(Duration.ofSeconds(15)).until(() -> listeners.received.contains("flaky"));
        assertThat(listeners.flakyAttempts.get()).isEqualTo(3);
        assertThat(effects("flaky")).as("failed attempts were rolled back").isEqualTo(1);
    }

    @Test
    void refusesToPublishOutsideATransaction() {
        assertThatThrownBy(() -> events.publish(new SomethingHappened("loose")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("inside the transaction");
    }

    private long effects(String what) {
        return jdbc.sql("SELECT count(*) FROM outbox_test_effect WHERE what = ?")
                .param(what)
                .query(Long.class)
                .single();
    }

    private long pending() {
        return jdbc.sql("SELECT count(*) FROM system_outbox").query(Long.class).single();
    }
}
