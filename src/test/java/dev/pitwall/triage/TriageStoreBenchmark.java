package dev.pitwall.triage;

import dev.pitwall.PitwallApplication;
import dev.pitwall.changes.ChangeLog;
import dev.pitwall.changes.RecordedChange;
import dev.pitwall.incidents.IncidentView;
import dev.pitwall.incidents.Incidents;
import dev.pitwall.signals.Severity;
import dev.pitwall.system.Database;
import dev.pitwall.system.PitwallProperties;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Ranks incidents in the running server against a store of 1,000,000 changes (5,000 services,
 * 30 days) in a real SQLite or PostgreSQL database, and prints the time per ranking. Run it with
 * {@code bench/triage/run.sh db}; it is not a test and does not run in {@code ./mvnw verify}.
 *
 * <p>The changes (with commit messages and files, as the change log stores them) and the catalog
 * are loaded straight into the tables, ending now; then the whole application starts on that
 * database, fills its index of recent changes, and incidents are opened through the signals'
 * event as the intake publishes it. Each measured ranking is what the worker does for an
 * incident: read its evidence, take the window from the index, score, write the reasons (reading
 * the texts of the shown changes from the database) and store the ten with their marks.
 *
 * <p>Arguments: {@code sqlite|postgresql}, changes, services, days, rankings measured (after a
 * fifth as many for warm-up).
 */
final class TriageStoreBenchmark {

    private static final String[] WORDS =
            ("account address adjust allowance amount approval archive audit auth backfill balance batch benefit "
                            + "billing broker bundle cache calendar card carrier catalog census charge checkout claim "
                            + "client cohort commission consent contract copay coupon coverage credit currency "
                            + "dashboard deductible dependent deposit device discount document download eligibility "
                            + "email employer enrollment entry estimate event export family fee filter flag form "
                            + "fraud gateway grace group history household identity import index invoice item journal "
                            + "label language ledger limit line list locale lookup mapper member message network note "
                            + "notice offer order override owner partner payment payout period plan policy portal "
                            + "preference premium price profile promo proposal provider quote receipt reconcile "
                            + "record referral refund region reminder renewal report retry review rider rule "
                            + "schedule search session settlement signup statement subscription summary tax template "
                            + "tenant tier token transfer upload visit wallet webhook")
                    .split(" ");
    private static final String[] VERBS =
            "Add Fix Handle Support Remove Rename Cache Validate Retry Migrate Split Speed up Log Expose Limit Map Sort"
                    .split(" ");
    private static final String[] FILE_KINDS = {"Service", "Controller", "Repository", "Mapper", "Client", "Job"};
    private static final String[] KINDS = {
        "deploy",
        "deploy",
        "deploy",
        "deploy",
        "deploy",
        "deploy",
        "deploy",
        "config",
        "feature_flag",
        "migration",
        "infra",
        "rollback"
    };

    public static void main(String[] args) throws Exception {
        String dialect = args.length > 0 ? args[0] : "sqlite";
        int changes = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        int services = args.length > 2 ? Integer.parseInt(args[2]) : 5_000;
        int days = args.length > 3 ? Integer.parseInt(args[3]) : 30;
        int rankings = args.length > 4 ? Integer.parseInt(args[4]) : 200;

        Path dir = Files.createTempDirectory("pitwall-triage-bench");
        EmbeddedPostgres postgres = dialect.equals("postgresql")
                ? EmbeddedPostgres.builder()
                        .setServerConfig("max_connections", "100")
                        .setServerConfig("shared_buffers", "256MB")
                        .start()
                : null;
        String url = postgres == null ? "" : "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres";
        try {
            Instant end = Clock.systemUTC().instant();
            Random random = new Random(42);
            String[] names = serviceNames(random, services);
            long loading = System.nanoTime();
            try (Database database = (postgres == null
                            ? Database.sqlite(dir.resolve("pitwall.db"), PitwallProperties.Durability.NORMAL, 4, null)
                            : Database.postgresql(url, "postgres", "", 10, null))
                    .migrate()) {
                loadCatalog(database, names, random);
                loadChanges(database, names, changes, end.minus(Duration.ofDays(days)), end, random);
            }
            System.out.printf(
                    Locale.ROOT,
                    "triage store benchmark on %s: %,d changes of %,d services over %d days, loaded in %.0f s%n",
                    dialect,
                    changes,
                    services,
                    days,
                    (System.nanoTime() - loading) / 1e9);
            run(dir, url, names, rankings, random);
        } finally {
            if (postgres != null) {
                postgres.close();
            }
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder())
                        .forEach(path -> path.toFile().delete());
            }
        }
    }

    private static void run(Path dir, String url, String[] names, int rankings, Random random) throws Exception {
        // command-line arguments, which win over application.yaml (default properties would not)
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("server.port", "0");
        properties.put("pitwall.data-dir", dir.toString());
        properties.put("pitwall.admin-password", "bench-password-1234");
        properties.put("logging.level.root", "warn");
        properties.put("logging.level.dev.pitwall.triage", "info");
        if (!url.isEmpty()) {
            properties.put("pitwall.database.url", url);
            properties.put("pitwall.database.username", "postgres");
            properties.put("pitwall.database.password", "");
        }
        long starting = System.nanoTime();
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(PitwallApplication.class)
                .run(properties.entrySet().stream()
                        .map(p -> "--" + p.getKey() + "=" + p.getValue())
                        .toArray(String[]::new))) {
            RankingWorker worker = context.getBean(RankingWorker.class);
            RecentChanges index = context.getBean(RecentChanges.class);
            while (!worker.isIdle()) {
                Thread.sleep(50); // a benchmark's poll, not a test's wait
            }
            RecentChanges.Stats stats = index.stats();
            System.out.printf(
                    Locale.ROOT,
                    "server started and its index warm in %.1f s: %,d changes from %s, estimated %.1f MB%n",
                    (System.nanoTime() - starting) / 1e9,
                    stats.changes(),
                    stats.coveredFrom(),
                    stats.estimatedBytes() / 1048576.0);
            measureIndexMemory(context);

            Incidents incidents = context.getBean(Incidents.class);
            IncidentSignals signals = new IncidentSignals(context, context.getBean(TransactionTemplate.class));
            Clock clock = context.getBean(Clock.class);
            Set<String> used = new HashSet<>();
            for (int i = 0; i < 20; i++) {
                String service;
                do {
                    service = names[random.nextInt(names.length)];
                } while (!used.add(service));
                Instant impact = clock.instant().minus(Duration.ofMinutes(5 + random.nextInt(180)));
                String path =
                        "/api/" + pick(random, WORDS) + "s/{id}/" + pick(random, WORDS) + "-" + pick(random, WORDS);
                signals.publish(IncidentSignals.alert(
                        "HighErrorRate",
                        service + ": 5xx on " + path,
                        Severity.CRITICAL,
                        service,
                        "production",
                        impact));
                signals.publish(IncidentSignals.report(
                        "customer-" + i,
                        "Customers can't see their " + pick(random, WORDS) + " " + pick(random, WORDS),
                        service,
                        "production",
                        impact.plusSeconds(120)));
            }
            List<IncidentView> open = incidents.open();
            do {
                Thread.sleep(50);
            } while (!worker.isIdle());

            SuspectRanker ranker = context.getBean(SuspectRanker.class);
            SuspectFinder finder = new SuspectFinder(index);
            long[] facts = new long[rankings];
            long[] window = new long[rankings];
            long[] ranking = new long[rankings];
            long[] whole = new long[rankings];
            long[] wholeCpu = new long[rankings];
            var threads = ManagementFactory.getThreadMXBean();
            long candidates = 0;
            for (int i = -rankings / 5; i < rankings; i++) {
                IncidentView incident = open.get(random.nextInt(open.size()));
                Instant now = clock.instant();
                long t0 = System.nanoTime();
                IncidentFacts known = ranker.facts(incident);
                long t1 = System.nanoTime();
                List<CandidateChange> found = finder.candidates(known, now);
                long t2 = System.nanoTime();
                finder.rank(known, ranker.graph(known.services()), CauseHistory.NONE, found);
                long t3 = System.nanoTime();
                long c3 = threads.getCurrentThreadCpuTime();
                ranker.rank(incident, true);
                long t4 = System.nanoTime();
                long c4 = threads.getCurrentThreadCpuTime();
                if (i >= 0) {
                    facts[i] = t1 - t0;
                    window[i] = t2 - t1;
                    ranking[i] = t3 - t2;
                    whole[i] = t4 - t3;
                    wholeCpu[i] = c4 - c3;
                    candidates += found.size();
                }
            }
            System.out.printf(
                    Locale.ROOT,
                    "%d rankings of %d open incidents after %d for warm-up, %,d candidate changes per ranking%n",
                    rankings,
                    open.size(),
                    rankings / 5,
                    candidates / rankings);
            print("incident's facts (evidence read)", facts);
            // A first ranking reads the texts of its (up to 20) shown changes; later ones find most kept.
            ChangeLog log = context.getBean(ChangeLog.class);
            List<CandidateChange> day =
                    index.changes(clock.instant().minus(Duration.ofHours(24)), clock.instant(), Set.of());
            long[] texts = new long[rankings];
            for (int i = 0; i < rankings; i++) {
                long id = day.get(random.nextInt(day.size())).id();
                long t0 = System.nanoTime();
                log.find(id);
                texts[i] = System.nanoTime() - t0;
            }
            print("one change's texts read from the DB (ChangeLog.find)", texts);
            print("window from the index", window);
            print("scoring + reasons (texts of the shown from the DB)", ranking);
            print("whole ranking, stored (what the worker does)", whole);
            print("  the same: CPU time of the ranking thread", wholeCpu);

            // What the index saves: the same window read and tokenized from the database each time.
            ChangeLog changeLog = context.getBean(ChangeLog.class);
            ChangeSource fromDatabase =
                    (from, to, environments) -> changeLog.overlapping(from, to, environments).stream()
                            .map(TriageStoreBenchmark::withTexts)
                            .toList();
            SuspectFinder direct = new SuspectFinder(fromDatabase);
            long[] withoutIndex = new long[Math.max(5, rankings / 20)];
            for (int i = -2; i < withoutIndex.length; i++) {
                IncidentView incident = open.get(random.nextInt(open.size()));
                IncidentFacts known = ranker.facts(incident);
                long t0 = System.nanoTime();
                direct.suspects(known, ranker.graph(known.services()), CauseHistory.NONE, clock.instant());
                if (i >= 0) {
                    withoutIndex[i] = System.nanoTime() - t0;
                }
            }
            print("for comparison: window read and tokenized from the DB", withoutIndex);
        }
    }

    /** The heap an index of the same changes keeps, measured on a second one after collections. */
    private static void measureIndexMemory(ConfigurableApplicationContext context) {
        var memory = ManagementFactory.getMemoryMXBean();
        System.gc();
        long before = memory.getHeapMemoryUsage().getUsed();
        RecentChanges second = new RecentChanges(
                context.getBean(ChangeLog.class),
                context.getBean(Clock.class),
                Duration.ofHours(48),
                org.springframework.util.unit.DataSize.ofMegabytes(512));
        second.warm();
        System.gc();
        long after = memory.getHeapMemoryUsage().getUsed();
        System.out.printf(
                Locale.ROOT,
                "  a second index of the same %,d changes: estimated %.1f MB, heap grew by %.1f MB after GC%n",
                second.stats().changes(),
                second.stats().estimatedBytes() / 1048576.0,
                (after - before) / 1048576.0);
    }

    private static CandidateChange withTexts(RecordedChange change) {
        CandidateChange lean = RecentChanges.candidate(change);
        return new CandidateChange(
                lean.id(),
                lean.service(),
                lean.environment(),
                lean.kind(),
                lean.version(),
                lean.status(),
                lean.startedAt(),
                lean.finishedAt(),
                change.description(),
                change.commits().stream().map(c -> c.message()).toList(),
                change.files(),
                lean.commitCount(),
                lean.verification(),
                lean.words());
    }

    private static String[] serviceNames(Random random, int count) {
        String[] names = new String[count];
        Set<String> taken = new HashSet<>();
        for (int i = 0; i < count; i++) {
            String name;
            do {
                name = pick(random, WORDS) + "-" + pick(random, WORDS) + (random.nextInt(4) == 0 ? "-api" : "");
            } while (!taken.add(name));
            names[i] = name;
        }
        return names;
    }

    /** Each service depends on up to five services created before it: a graph without cycles. */
    private static void loadCatalog(Database database, String[] names, Random random) throws Exception {
        try (Connection connection = database.dataSource().getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO catalog_service (name, source, created_at, updated_at) VALUES (?, 'auto', 0, 0)")) {
                for (String name : names) {
                    insert.setString(1, name);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            Map<String, Long> ids = new HashMap<>();
            try (Statement statement = connection.createStatement();
                    var rows = statement.executeQuery("SELECT id, name FROM catalog_service")) {
                while (rows.next()) {
                    ids.put(rows.getString(2), rows.getLong(1));
                }
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO catalog_dependency (service_id, depends_on_id) VALUES (?, ?) ON CONFLICT DO NOTHING")) {
                for (int i = 1; i < names.length; i++) {
                    for (int d = random.nextInt(6); d > 0; d--) {
                        insert.setLong(1, ids.get(names[i]));
                        insert.setLong(2, ids.get(names[random.nextInt(i)]));
                        insert.addBatch();
                    }
                }
                insert.executeBatch();
            }
            connection.commit();
        }
    }

    /** Changes in the order they happen, with pooled commit messages and per-service files. */
    private static void loadChanges(
            Database database, String[] names, int count, Instant begin, Instant end, Random random) throws Exception {
        Map<String, String[]> files = new HashMap<>();
        for (String service : names) {
            String[] paths = new String[20];
            for (int f = 0; f < paths.length; f++) {
                paths[f] = "src/main/java/com/acme/" + pick(random, WORDS) + "/" + capitalize(pick(random, WORDS))
                        + capitalize(pick(random, WORDS)) + pick(random, FILE_KINDS) + ".java";
            }
            files.put(service, paths);
        }
        String[] messages = new String[50_000];
        for (int m = 0; m < messages.length; m++) {
            StringBuilder message = new StringBuilder(pick(random, VERBS));
            for (int w = 2 + random.nextInt(5); w > 0; w--) {
                message.append(' ').append(pick(random, WORDS));
            }
            messages[m] = message.toString();
        }
        long span = end.toEpochMilli() - begin.toEpochMilli();
        try (Connection connection = database.dataSource().getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement("""
                    INSERT INTO changes_change (source, external_id, service, environment, kind, version,
                        commit_sha, commit_count, file_count, author, description, started_at, finished_at, status,
                        initial_status, verification, recorded_by, created_at, updated_at, commits, files)
                    VALUES ('api', ?, ?, ?, ?, ?, ?, ?, ?, 'ci', ?, ?, ?, 'succeeded', 'succeeded', ?, 'bench', ?, ?,
                        ?, ?)""")) {
                for (int i = 0; i < count; i++) {
                    long started = begin.toEpochMilli() + (long) ((double) span * i / count);
                    String service = names[random.nextInt(names.length)];
                    String kind = KINDS[random.nextInt(KINDS.length)];
                    int commits = random.nextInt(40) == 0 ? 20 + random.nextInt(60) : 1 + random.nextInt(5);
                    StringBuilder commitJson = new StringBuilder("[");
                    for (int m = 0; m < Math.min(commits, 5); m++) {
                        commitJson
                                .append(m == 0 ? "" : ",")
                                .append("{\"sha\":\"")
                                .append(Long.toHexString(random.nextLong()))
                                .append("\",\"message\":\"")
                                .append(messages[random.nextInt(messages.length)])
                                .append("\",\"author\":\"Ana\",\"time\":")
                                .append(started)
                                .append('}');
                    }
                    commitJson.append(']');
                    String[] pool = files.get(service);
                    StringBuilder fileJson = new StringBuilder("[");
                    int fileCount = 1 + random.nextInt(6);
                    for (int f = 0; f < fileCount; f++) {
                        fileJson.append(f == 0 ? "" : ",")
                                .append('"')
                                .append(pool[random.nextInt(pool.length)])
                                .append('"');
                    }
                    fileJson.append(']');
                    insert.setString(1, "bench-" + i);
                    insert.setString(2, service);
                    insert.setString(3, random.nextInt(5) == 0 ? "staging" : "production");
                    insert.setString(4, kind);
                    insert.setString(5, kind.equals("deploy") || kind.equals("rollback") ? "1." + i : null);
                    insert.setString(6, Long.toHexString(random.nextLong()));
                    insert.setInt(7, commits);
                    insert.setInt(8, fileCount);
                    insert.setString(9, "Deploy " + service);
                    insert.setLong(10, started);
                    insert.setLong(11, started + (kind.equals("deploy") ? 120_000 + random.nextInt(600_000) : 0));
                    insert.setString(12, random.nextInt(3) == 0 ? "passed" : "none");
                    insert.setLong(13, started);
                    insert.setLong(14, started);
                    insert.setString(15, commitJson.toString());
                    insert.setString(16, fileJson.toString());
                    insert.addBatch();
                    if (i % 10_000 == 9_999) {
                        insert.executeBatch();
                        connection.commit();
                    }
                }
                insert.executeBatch();
                connection.commit();
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute("ANALYZE");
            }
            connection.commit();
        }
    }

    private static void print(String what, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        System.out.printf(
                Locale.ROOT,
                "  %-52s p50 %7.2f ms  p99 %7.2f ms  max %7.2f ms%n",
                what,
                percentile(sorted, 50) / 1e6,
                percentile(sorted, 99) / 1e6,
                sorted[sorted.length - 1] / 1e6);
    }

    private static long percentile(long[] sorted, int percent) {
        int index = (int) Math.ceil(percent / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static String pick(Random random, String[] words) {
        return words[random.nextInt(words.length)];
    }

    private static String capitalize(String word) {
        return Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }

    private TriageStoreBenchmark() {}
}
