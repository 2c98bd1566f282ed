package dev.pitwall.signals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pitwall.checks.CheckFailed;
import dev.pitwall.checks.CheckRecovered;
import dev.pitwall.system.DurableEvents;
import dev.pitwall.system.PitwallTest;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.transaction.support.TransactionTemplate;

@PitwallTest
@Import(RecordedSignals.class)
class CheckSignalsTest {

    static final AtomicLong IDS = new AtomicLong(System.nanoTime() % 1_000_000);
    static final Duration WAIT = Duration.ofSeconds(15);

    @Autowired
    DurableEvents events;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    Signals signals;

    @Autowired
    RecordedSignals recorded;

    static CheckFailed failed(long checkId, boolean critical, Long changeId) {
        return failed(checkId, critical, changeId, Instant.parse("2026-12-01T10:00:00Z"));
    }

    static CheckFailed failed(long checkId, boolean critical, Long changeId, Instant t) {
        return new CheckFailed(
                checkId,
                "member line items",
                "proposals-app",
                "production",
                critical,
                "step 2 GET /proposals/42/line-items: expected status 200, got 500",
                "https://proposals.example.com/proposals/42/line-items",
                changeId,
                changeId == null ? null : "proposals-app 2.14.0",
                changeId == null ? null : t.minusSeconds(120),
                t.minusSeconds(60),
                t);
    }

    void publish(Object event) {
        transactions.executeWithoutResult(s -> events.publish(event));
    }

    @Test
    void aFailingCriticalCheckRaisesACriticalSignalWithItsChangeAndItsRecoveryResolvesIt() {
        long checkId = IDS.incrementAndGet();
        String fingerprint = CheckSignals.fingerprint(checkId);

        publish(failed(checkId, true, 77L));
        SignalView raised = await().atMost(WAIT)
                .until(() -> signals.findByFingerprint(fingerprint), java.util.Optional::isPresent)
                .orElseThrow();

        assertThat(raised.source()).isEqualTo(SignalSource.CHECK);
        assertThat(raised.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(raised.status()).isEqualTo(SignalStatus.FIRING);
        assertThat(raised.service()).isEqualTo("proposals-app");
        assertThat(raised.startedAt()).isEqualTo(Instant.parse("2026-12-01T09:59:00Z"));
        assertThat(raised.check().changeId()).isEqualTo(77L);
        assertThat(raised.check().change()).isEqualTo("proposals-app 2.14.0");
        assertThat(raised.check().reason()).contains("expected status 200, got 500");
        assertThat(recorded.of(fingerprint)).singleElement().satisfies(u -> {
            assertThat(u.change()).isEqualTo(SignalUpdate.Change.CREATED);
            assertThat(u.check().critical()).isTrue();
            assertThat(u.check().changeFinishedAt()).isEqualTo(Instant.parse("2026-12-01T09:58:00Z"));
        });

        publish(new CheckRecovered(
                checkId, "member line items", "proposals-app", "production", Instant.parse("2026-12-01T10:05:00Z")));
        await().atMost(WAIT)
                .until(() ->
                        signals.findByFingerprint(fingerprint).orElseThrow().status() == SignalStatus.RESOLVED);
        publish(failed(checkId, true, null, Instant.parse("2026-12-01T10:30:00Z")));
        await().atMost(WAIT)
                .until(() ->
                        signals.findByFingerprint(fingerprint).orElseThrow().status() == SignalStatus.FIRING);

        assertThat(recorded.changes(fingerprint))
                .containsExactly(
                        SignalUpdate.Change.CREATED, SignalUpdate.Change.RESOLVED, SignalUpdate.Change.REOPENED);
        assertThat(signals.findByFingerprint(fingerprint).orElseThrow().count()).isEqualTo(3);
        assertThat(recorded.sawAnUpdateOutsideItsTransaction()).isFalse();
    }

    @Test
    void aCheckThatIsNotCriticalRaisesAnErrorSignal() {
        long checkId = IDS.incrementAndGet();

        publish(failed(checkId, false, null));

        SignalView raised = await().atMost(WAIT)
                .until(
                        () -> signals.findByFingerprint(CheckSignals.fingerprint(checkId)),
                        java.util.Optional::isPresent)
                .orElseThrow();
        assertThat(raised.severity()).isEqualTo(Severity.ERROR);
        assertThat(raised.check().changeId()).isNull();
    }

    @Test
    void aRecoveryOfACheckWithoutSignalStoresNothing() {
        long checkId = IDS.incrementAndGet();

        publish(new CheckRecovered(checkId, "never failed", "x", "production", Instant.parse("2026-12-01T10:05:00Z")));
        long marker = IDS.incrementAndGet();
        publish(failed(marker, false, null));

        await().atMost(WAIT)
                .until(() -> signals.findByFingerprint(CheckSignals.fingerprint(marker))
                        .isPresent());
        assertThat(signals.findByFingerprint(CheckSignals.fingerprint(checkId))).isEmpty();
    }
}
