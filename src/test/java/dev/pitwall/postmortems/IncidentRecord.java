package dev.pitwall.postmortems;

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
 * Builds an incident's record the way production does: signals arrive as committed
 * {@link SignalsUpdated} batches (what the signals module publishes after storing them), and the
 * incidents module groups them.
 */
final class IncidentRecord {

    private static final AtomicLong IDS = new AtomicLong(8_000_000);

    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;
    private final Clock clock;

    IncidentRecord(ApplicationEventPublisher events, TransactionTemplate transactions, Clock clock) {
        this.events = events;
        this.transactions = transactions;
        this.clock = clock;
    }

    void publish(SignalUpdate... updates) {
        transactions.executeWithoutResult(s -> events.publishEvent(new SignalsUpdated(List.of(updates))));
    }

    /** A customer report; a widespread one opens an incident at once. */
    SignalUpdate report(String customer, String text, String service, boolean widespread) {
        long id = IDS.incrementAndGet();
        Instant now = clock.instant();
        return new SignalUpdate(
                id,
                "pm-report-" + id,
                SignalSource.REPORT,
                SignalUpdate.Change.CREATED,
                SignalStatus.FIRING,
                Severity.WARNING,
                text,
                text,
                service,
                "production",
                Map.of(),
                now.minusSeconds(600),
                now,
                1,
                1,
                new SignalUpdate.Report(customer, text, 1, widespread),
                null);
    }

    /** A failing critical check, as checks reports it (with the URL it probes). */
    SignalUpdate check(String name, String service, String url) {
        long id = IDS.incrementAndGet();
        Instant now = clock.instant();
        return new SignalUpdate(
                id,
                "pm-check-" + id,
                SignalSource.CHECK,
                SignalUpdate.Change.CREATED,
                SignalStatus.FIRING,
                Severity.CRITICAL,
                "check '" + name + "' failing",
                "step 2: expected > 0, got 0",
                service,
                "production",
                Map.of(),
                now.minusSeconds(120),
                now,
                1,
                1,
                null,
                new SignalUpdate.CheckContext(
                        IDS.incrementAndGet(),
                        name,
                        url,
                        true,
                        "$.items.length() > 0: expected > 0, got 0",
                        null,
                        null,
                        null));
    }

    SignalUpdate alert(String name, String service) {
        long id = IDS.incrementAndGet();
        Instant now = clock.instant();
        return new SignalUpdate(
                id,
                "pm-alert-" + id,
                SignalSource.ALERTMANAGER,
                SignalUpdate.Change.CREATED,
                SignalStatus.FIRING,
                Severity.CRITICAL,
                name,
                "description of " + name,
                service,
                "production",
                Map.of("alertname", name),
                now.minusSeconds(300),
                now,
                1,
                1,
                null,
                null);
    }

    static SignalUpdate resolved(SignalUpdate s, Instant at) {
        return new SignalUpdate(
                s.signalId(),
                s.fingerprint(),
                s.source(),
                SignalUpdate.Change.RESOLVED,
                SignalStatus.RESOLVED,
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
