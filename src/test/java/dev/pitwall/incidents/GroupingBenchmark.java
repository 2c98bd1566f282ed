package dev.pitwall.incidents;

import dev.pitwall.PitwallApplication;
import dev.pitwall.signals.Severity;
import dev.pitwall.signals.SignalSource;
import dev.pitwall.signals.SignalStatus;
import dev.pitwall.signals.SignalUpdate;
import dev.pitwall.signals.SignalsUpdated;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * How many signals a second grouping takes on the intake fold thread: batches of SignalsUpdated
 * published in a transaction, as the signals module does, against a fresh SQLite database (or
 * the PostgreSQL of {@code --pitwall.database.url=…}). Labels follow the Alertmanager benchmark:
 * 20 services, 50 alert names, a third each critical, warning and info. Run it with
 * {@code bench/incidents/run.sh}; it is not a test.
 *
 * <p>Arguments: signals per scenario (default 100000), then any Spring properties.
 */
final class GroupingBenchmark {

    private static final Severity[] SEVERITIES = {Severity.CRITICAL, Severity.WARNING, Severity.INFO};

    public static void main(String[] args) throws Exception {
        int total = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        Path data = Files.createTempDirectory("pitwall-grouping-bench");
        List<String> spring = new ArrayList<>(
                List.of("--pitwall.data-dir=" + data, "--logging.level.root=WARN", "--db-scheduler.enabled=false"));
        for (int i = 1; i < args.length; i++) {
            spring.add(args[i]);
        }
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(PitwallApplication.class)
                .web(WebApplicationType.NONE)
                .run(spring.toArray(String[]::new))) {
            ApplicationEventPublisher events = context;
            TransactionTemplate transactions = context.getBean(TransactionTemplate.class);
            Clock clock = context.getBean(Clock.class);
            System.out.printf("grouping benchmark: %d signals per scenario, data in %s%n", total, data);
            long id = 0;
            // warm-up, and the open incidents of the 20 services exist from here on
            id = run(events, transactions, clock, "warm-up (distinct, 100/batch)", id, 20_000, 100, false);
            baseline(transactions, Math.min(total, 20_000));
            id = run(events, transactions, clock, "distinct, 1 per batch", id, Math.min(total, 20_000), 1, false);
            id = run(events, transactions, clock, "distinct, 100 per batch", id, total, 100, false);
            id = run(events, transactions, clock, "distinct, 1000 per batch", id, total, 1000, false);
            run(events, transactions, clock, "repeating, 1000 per batch", id - 1000, total, 1000, true);
            long incidents = context.getBean(IncidentService.class).count(List.of());
            System.out.printf("incidents opened: %d%n", incidents);
        }
    }

    /** The cost of a transaction that groups nothing, which the fold pays anyway. */
    private static void baseline(TransactionTemplate transactions, int total) {
        long started = System.nanoTime();
        for (int i = 0; i < total; i++) {
            transactions.executeWithoutResult(s -> {});
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf(Locale.ROOT, "%-32s %9.0f transactions/s%n", "baseline: empty transactions", total / seconds);
    }

    private static long run(
            ApplicationEventPublisher events,
            TransactionTemplate transactions,
            Clock clock,
            String name,
            long firstId,
            int total,
            int batch,
            boolean repeat) {
        long id = firstId;
        long started = System.nanoTime();
        long worst = 0;
        for (int sent = 0; sent < total; sent += batch) {
            List<SignalUpdate> updates = new ArrayList<>(batch);
            Instant now = clock.instant();
            for (int i = 0; i < batch; i++) {
                long signal = repeat ? firstId + (sent + i) % 1000 : ++id;
                updates.add(signal(signal, now, repeat));
            }
            long t = System.nanoTime();
            transactions.executeWithoutResult(s -> events.publishEvent(new SignalsUpdated(updates)));
            worst = Math.max(worst, System.nanoTime() - t);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf(
                Locale.ROOT,
                "%-32s %9.0f signals/s  (%d in %.2f s, slowest batch %.1f ms)%n",
                name,
                total / seconds,
                total,
                seconds,
                worst / 1e6);
        return repeat ? firstId : id;
    }

    private static SignalUpdate signal(long id, Instant now, boolean repeat) {
        int k = (int) (id % 1000);
        String title = "Bench" + (k % 50);
        String service = "svc" + (k / 50) % 20;
        return new SignalUpdate(
                id,
                "bench-" + id,
                SignalSource.ALERTMANAGER,
                repeat ? SignalUpdate.Change.REPEATED : SignalUpdate.Change.CREATED,
                SignalStatus.FIRING,
                SEVERITIES[k % 3],
                title,
                "synthetic benchmark alert " + k,
                service,
                null,
                Map.of("alertname", title, "service", service, "instance", "host-" + k),
                now,
                now,
                repeat ? 2 : 1,
                1,
                null,
                null);
    }
}
