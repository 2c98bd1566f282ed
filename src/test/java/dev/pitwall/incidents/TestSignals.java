package dev.pitwall.incidents;

import dev.pitwall.signals.Severity;
import dev.pitwall.signals.SignalSource;
import dev.pitwall.signals.SignalStatus;
import dev.pitwall.signals.SignalUpdate;
import dev.pitwall.signals.SignalsUpdated;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Publishes {@link SignalsUpdated} inside a transaction, exactly as the signals module does after
 * storing a batch, so incidents can be tested without the intake.
 */
final class TestSignals {

    private static final AtomicLong IDS = new AtomicLong(1_000_000);

    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;
    private final Clock clock;

    TestSignals(ApplicationEventPublisher events, TransactionTemplate transactions, Clock clock) {
        this.events = events;
        this.transactions = transactions;
        this.clock = clock;
    }

    static long nextId() {
        return IDS.incrementAndGet();
    }

    /** Publishes one committed batch. */
    void publish(SignalUpdate... updates) {
        transactions.executeWithoutResult(s -> events.publishEvent(new SignalsUpdated(List.of(updates))));
    }

    SignalUpdate alert(String title, Severity severity, String service) {
        return alert(nextId(), title, severity, service, "production");
    }

    SignalUpdate alert(long id, String title, Severity severity, String service, String environment) {
        Instant now = clock.instant();
        return new SignalUpdate(
                id,
                "fp-" + id,
                SignalSource.ALERTMANAGER,
                SignalUpdate.Change.CREATED,
                SignalStatus.FIRING,
                severity,
                title,
                "description of " + title,
                service,
                environment,
                Map.of("alertname", title, "team", "payments"),
                now.minusSeconds(60),
                now,
                1,
                1,
                null,
                null);
    }

    SignalUpdate report(String customer, String text, String service, boolean widespread) {
        long id = nextId();
        Instant now = clock.instant();
        return new SignalUpdate(
                id,
                "report-" + id,
                SignalSource.REPORT,
                SignalUpdate.Change.CREATED,
                SignalStatus.FIRING,
                Severity.WARNING,
                text,
                text,
                service,
                "production",
                Map.of(),
                now,
                now,
                1,
                1,
                new SignalUpdate.Report(customer, text, 1, widespread),
                null);
    }

    SignalUpdate check(
            String name, String service, Long changeId, String change, Instant changeFinishedAt, Instant failedAt) {
        long id = nextId();
        return new SignalUpdate(
                id,
                "check-" + id,
                SignalSource.CHECK,
                SignalUpdate.Change.CREATED,
                SignalStatus.FIRING,
                Severity.CRITICAL,
                "check '" + name + "' failing",
                "status 500",
                service,
                "production",
                Map.of(),
                failedAt,
                clock.instant(),
                1,
                1,
                null,
                new SignalUpdate.CheckContext(
                        7,
                        name,
                        "https://proposals.example.com/line-items",
                        true,
                        "step 2: expected status 200, got 500",
                        changeId,
                        change,
                        changeFinishedAt));
    }

    /** The same signal as received again, resolved, reopened… */
    static SignalUpdate again(SignalUpdate s, SignalUpdate.Change change, SignalStatus status, Instant at) {
        return new SignalUpdate(
                s.signalId(),
                s.fingerprint(),
                s.source(),
                change,
                status,
                s.severity(),
                s.title(),
                s.description(),
                s.service(),
                s.environment(),
                s.labels(),
                s.startedAt(),
                at,
                s.count() + 1,
                1,
                s.report(),
                s.check());
    }
}
