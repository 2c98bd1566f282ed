package dev.pitwall.triage;

import dev.pitwall.signals.Severity;
import dev.pitwall.signals.SignalSource;
import dev.pitwall.signals.SignalStatus;
import dev.pitwall.signals.SignalUpdate;
import dev.pitwall.signals.SignalsUpdated;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Publishes {@link SignalsUpdated} inside a transaction, exactly as the signals module's intake
 * does after storing a batch (the incidents module's tests do the same), so that incidents open
 * and change as they do in production.
 */
final class IncidentSignals {

    private static final AtomicLong IDS = new AtomicLong(5_000_000);

    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;

    IncidentSignals(ApplicationEventPublisher events, TransactionTemplate transactions) {
        this.events = events;
        this.transactions = transactions;
    }

    void publish(SignalUpdate... updates) {
        transactions.executeWithoutResult(s -> events.publishEvent(new SignalsUpdated(List.of(updates))));
    }

    /** An Alertmanager alert as its intake turns it into a signal. */
    static SignalUpdate alert(
            String alertname, String summary, Severity severity, String service, String environment, Instant startsAt) {
        long id = IDS.incrementAndGet();
        return new SignalUpdate(
                id,
                "am-" + id,
                SignalSource.ALERTMANAGER,
                SignalUpdate.Change.CREATED,
                SignalStatus.FIRING,
                severity,
                alertname,
                summary,
                service,
                environment,
                Map.of("alertname", alertname, "service", service, "severity", severity.label()),
                startsAt,
                startsAt.plusSeconds(30),
                1,
                1,
                null,
                null);
    }

    /** A customer report from the Client Success path. */
    static SignalUpdate report(String customer, String text, String service, String environment, Instant at) {
        long id = IDS.incrementAndGet();
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
                environment,
                Map.of(),
                at,
                at,
                1,
                1,
                new SignalUpdate.Report(customer, text, 1, false),
                null);
    }

    /** A failing check in the verification window of a change, as checks raises it. */
    static SignalUpdate check(
            String name,
            String url,
            String service,
            String environment,
            long changeId,
            String change,
            Instant changeFinishedAt,
            Instant failedAt) {
        long id = IDS.incrementAndGet();
        return new SignalUpdate(
                id,
                "check-" + id,
                SignalSource.CHECK,
                SignalUpdate.Change.CREATED,
                SignalStatus.FIRING,
                Severity.CRITICAL,
                "check '" + name + "' failing",
                "step 2: expected status 200, got 500",
                service,
                environment,
                Map.of(),
                failedAt,
                failedAt.plusSeconds(5),
                1,
                1,
                null,
                new SignalUpdate.CheckContext(
                        id,
                        name,
                        url,
                        true,
                        "step 2: expected status 200, got 500",
                        changeId,
                        change,
                        changeFinishedAt));
    }
}
