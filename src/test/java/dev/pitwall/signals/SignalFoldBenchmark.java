package dev.pitwall.signals;

import dev.pitwall.system.Database;
import dev.pitwall.system.PitwallProperties;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.springframework.jdbc.support.JdbcTransactionManager;

/**
 * The intake pipeline on SQLite without HTTP: how fast the group commit accepts alerts and the fold
 * turns them into signals, and at what CPU cost. Run it with {@code bench/signals/fold.sh}; it is not
 * a test and does not run in {@code ./mvnw verify}.
 *
 * <p>Arguments: alerts (default 200,000), alerts per request (1), distinct fingerprints (all),
 * sending threads (16).
 */
final class SignalFoldBenchmark {

    public static void main(String[] args) throws Exception {
        int alerts = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int batch = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        int distinct = args.length > 2 ? Integer.parseInt(args[2]) : Integer.MAX_VALUE;
        int threads = args.length > 3 ? Integer.parseInt(args[3]) : 16;
        Path dir = Files.createTempDirectory("pitwall-fold-bench");
        try (Database database =
                Database.sqlite(dir.resolve("pitwall.db"), PitwallProperties.Durability.NORMAL, 2, null)) {
            database.migrate();
            SignalRepository repository = new SignalRepository(
                    database.jdbcClient(), database.jdbcTemplate(), database.dialect(), TestSettings.JSON);
            JdbcTransactionManager tm = new JdbcTransactionManager(database.dataSource());
            SignalsProperties.Intake settings = new SignalsProperties.Intake(
                    10_000,
                    Duration.ofSeconds(1),
                    10_000_000,
                    2048,
                    20_000,
                    Duration.ofMillis(100),
                    org.springframework.util.unit.DataSize.ofMegabytes(16),
                    org.springframework.util.unit.DataSize.ofMegabytes(128));
            IntakeLog log = new SqliteIntakeLog(
                    dir.resolve("intake.db"), PitwallProperties.Durability.NORMAL, repository, 16 << 20, 128 << 20);
            SignalRecorder recorder = new SignalRecorder(repository, name -> name, event -> {}, Severity.WARNING);
            SignalFolder folder = new SignalFolder(
                    log, recorder, repository, tm, settings, Clock.systemUTC(), Duration.ofMillis(200));
            IntakeWriter writer = new IntakeWriter(log, settings, folder::wake, Clock.systemUTC());
            writer.start();
            folder.start();
            long cpu0 = cpu();
            long t0 = System.nanoTime();
            ExecutorService senders = Executors.newFixedThreadPool(threads);
            int requests = alerts / batch;
            int perThread = requests / threads;
            List<Future<Long>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(senders.submit(() -> {
                    long last = 0;
                    for (int r = 0; r < perThread; r++) {
                        List<Observation> observations = new ArrayList<>(batch);
                        for (int i = 0; i < batch; i++) {
                            long k = ((long) (r * threads + thread) * batch + i) % distinct;
                            observations.add(alert(k));
                        }
                        last = writer.append(observations);
                    }
                    return last;
                }));
            }
            long lastPosition = 0;
            for (Future<Long> f : done) {
                lastPosition = Math.max(lastPosition, f.get());
            }
            long accepted = System.nanoTime() - t0;
            long cpuAccepted = cpu() - cpu0;
            folder.await(lastPosition, Duration.ofMinutes(10));
            long folded = System.nanoTime() - t0;
            long cpuTotal = cpu() - cpu0;
            senders.shutdown();
            folder.stop();
            writer.stop();
            log.close();
            long sent = (long) perThread * threads * batch;
            System.out.printf(
                    "FOLD alerts=%d batch=%d distinct=%s accepted_per_s=%.0f folded_per_s=%.0f cpu_us_per_alert=%.1f"
                            + " (while accepting %.1f) signals=%d%n",
                    sent,
                    batch,
                    distinct == Integer.MAX_VALUE ? "all" : Integer.toString(distinct),
                    sent / (accepted / 1e9),
                    sent / (folded / 1e9),
                    cpuTotal / 1e3 / sent,
                    cpuAccepted / 1e3 / sent,
                    database.jdbcClient()
                            .sql("SELECT count(*) FROM signals_signal")
                            .query(Long.class)
                            .single());
        }
    }

    static Observation alert(long k) {
        Map<String, String> labels = new TreeMap<>();
        labels.put("alertname", "Bench" + (k % 50));
        labels.put("service", "svc" + (k / 50) % 20);
        labels.put("instance", "host-" + k);
        labels.put("severity", "critical");
        return new Observation(
                Fingerprints.alertmanager(labels),
                SignalSource.ALERTMANAGER,
                Observation.Action.TRIGGER,
                true,
                Severity.CRITICAL,
                "synthetic benchmark alert " + k,
                null,
                labels.get("service"),
                null,
                labels,
                List.of(new SignalView.Link("http://127.0.0.1/bench", "Source")),
                List.of(),
                null,
                null,
                null,
                Clock.systemUTC().instant(),
                null,
                null);
    }

    /** CPU time of the whole process, all threads, in nanoseconds. */
    static long cpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
