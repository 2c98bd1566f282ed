package dev.pitwall.changes;

import dev.pitwall.system.Database;
import dev.pitwall.system.PitwallProperties;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The change log's benchmark (run with {@code bench/changes/run.sh}; not a test).
 *
 * <ul>
 *   <li>{@code ingest DIALECT SECONDS CONCURRENCY}: starts the whole server on a fresh database and
 *       records changes through {@code POST /api/v1/changes} from CONCURRENCY clients for SECONDS
 *       (after a warm-up of a third of that), printing changes/s and latencies.
 *   <li>{@code query DIALECT CHANGES SERVICES DAYS RUNS}: loads CHANGES changes of SERVICES services
 *       spread over DAYS days straight into the tables, then times "what changed" over random
 *       12-hour windows and the first page of the change list, RUNS times each.
 * </ul>
 */
final class ChangeBenchmark {

    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 ? args[0] : "query";
        String dialect = args.length > 1 ? args[1] : "sqlite";
        try (Target target = Target.start(dialect)) {
            if (mode.equals("ingest")) {
                ingest(target, intArg(args, 2, 20), intArg(args, 3, 32));
            } else {
                query(
                        target,
                        intArg(args, 2, 1_000_000),
                        intArg(args, 3, 5_000),
                        intArg(args, 4, 30),
                        intArg(args, 5, 300));
            }
        }
    }

    private static int intArg(String[] args, int index, int fallback) {
        return args.length > index ? Integer.parseInt(args[index]) : fallback;
    }

    /** A fresh database of one dialect: a SQLite file, or an embedded PostgreSQL server. */
    record Target(String dialect, Path dataDir, EmbeddedPostgres postgres) implements AutoCloseable {

        static Target start(String dialect) throws Exception {
            Path dir = Files.createTempDirectory("pitwall-bench");
            if (dialect.equals("postgresql")) {
                // durable settings, as a production server would run (fsync and synchronous_commit on)
                EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                        .setServerConfig("max_connections", "100")
                        .setServerConfig("shared_buffers", "256MB")
                        .start();
                return new Target(dialect, dir, postgres);
            }
            return new Target("sqlite", dir, null);
        }

        String url() {
            return postgres == null ? "" : "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres";
        }

        Database open() {
            return postgres == null
                    ? Database.sqlite(dataDir.resolve("pitwall.db"), PitwallProperties.Durability.NORMAL, 4, null)
                    : Database.postgresql(url(), "postgres", "", 10, null);
        }

        @Override
        public void close() throws Exception {
            if (postgres != null) {
                postgres.close();
            }
            // a million changes take 650 MB: leave nothing behind
            try (var files = Files.walk(dataDir)) {
                files.sorted(java.util.Comparator.reverseOrder())
                        .forEach(path -> path.toFile().delete());
            }
        }
    }

    // ---------------------------------------------------------------- ingest through the API

    /**
     * Runs the real server ({@code target/pitwall.jar serve} with the JVM options of
     * {@code ./pitwall}) as its own process and loads it from this one, so that the server's CPU is
     * measured apart from the load generator's.
     */
    private static void ingest(Target target, int seconds, int concurrency) throws Exception {
        Path jar = Path.of("target/pitwall.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException("Build target/pitwall.jar first (bench/changes/run.sh does)");
        }
        String javaCommand =
                Path.of(System.getProperty("java.home"), "bin", "java").toString();
        int port;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        List<String> env = new ArrayList<>(List.of(
                "PITWALL_DATA=" + target.dataDir(),
                "PITWALL_PORT=" + port,
                "PITWALL_ADMIN_PASSWORD=bench-admin-password"));
        if (!target.url().isEmpty()) {
            env.add("PITWALL_DATABASE_URL=" + target.url());
            env.add("PITWALL_DATABASE_USER=postgres");
        }
        Process tokenCommand = process(
                        env, javaCommand, "-jar", jar.toString(), "token", "create", "bench", "--scope", "ingest")
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        // the secret is the line that starts with pw_ (warnings may be logged to the same output)
        String token = new String(tokenCommand.getInputStream().readAllBytes())
                .lines()
                .map(String::strip)
                .filter(line -> line.startsWith("pw_"))
                .findFirst()
                .orElse("");
        tokenCommand.waitFor();
        if (!token.startsWith("pw_")) {
            throw new IllegalStateException("token create printed no token: " + token);
        }
        List<String> serve = new ArrayList<>(List.of(javaCommand));
        // the defaults of ./pitwall (PITWALL_JAVA_OPTS)
        serve.addAll(List.of(System.getProperty(
                        "bench.server-opts",
                        "-Xms256m -Xmx768m -XX:+UseParallelGC -XX:+ExitOnOutOfMemoryError -XX:TieredStopAtLevel=4")
                .split(" ")));
        serve.addAll(List.of(
                "--enable-native-access=ALL-UNNAMED", "-jar", jar.toString(), "serve", "--logging.level.root=WARN"));
        Process server = process(env, serve.toArray(String[]::new))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            waitForHealth(port);
            URI uri = URI.create("http://127.0.0.1:" + port + "/api/v1/changes");
            System.out.printf(
                    Locale.ROOT,
                    "ingest on %s: %d clients, %d s (after %d s of warm-up), server pid %d%n",
                    target.dialect(),
                    concurrency,
                    seconds,
                    Math.max(3, seconds / 3),
                    server.pid());
            run(uri, token, server.pid(), concurrency, Math.max(3, seconds / 3), false);
            run(uri, token, server.pid(), concurrency, seconds, true);
        } finally {
            server.destroy();
            server.waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    private static ProcessBuilder process(List<String> env, String... command) {
        ProcessBuilder builder = new ProcessBuilder(command);
        for (String entry : env) {
            int eq = entry.indexOf('=');
            builder.environment().put(entry.substring(0, eq), entry.substring(eq + 1));
        }
        return builder;
    }

    private static void waitForHealth(int port) throws InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<Void> health = http.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
                if (health.statusCode() == 200) {
                    return;
                }
            } catch (java.io.IOException e) {
                // not up yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("The server did not come up within 2 minutes");
    }

    /** CPU time (user + system) of a process, from /proc. */
    private static long processCpuNanos(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            return ticks * 10_000_000L; // USER_HZ is 100 on Linux
        } catch (java.io.IOException e) {
            return 0;
        }
    }

    private static void run(URI uri, String token, long serverPid, int concurrency, int seconds, boolean report)
            throws InterruptedException {
        AtomicBoolean running = new AtomicBoolean(true);
        LongAdder recorded = new LongAdder();
        LongAdder failed = new LongAdder();
        long[][] latencies = new long[concurrency][];
        int[] counts = new int[concurrency];
        AtomicLong sequence = new AtomicLong(ThreadLocalRandom.current().nextLong(1L << 40));
        List<Thread> clients = new ArrayList<>();
        long started = System.nanoTime();
        long serverCpuBefore = processCpuNanos(serverPid);
        long clientCpuBefore = cpuNanos();
        for (int c = 0; c < concurrency; c++) {
            int client = c;
            latencies[c] = new long[200_000];
            clients.add(Thread.ofVirtual().start(() -> {
                Random random = new Random(client);
                RawHttp connection = null;
                while (running.get()) {
                    long n = sequence.incrementAndGet();
                    String body = body(random, n);
                    long t0 = System.nanoTime();
                    try {
                        if (connection == null) {
                            connection = new RawHttp(uri);
                        }
                        int status = connection.post(uri.getPath(), token, body);
                        if (connection.closing) {
                            // the server ends a kept-alive connection after so many requests
                            connection.close();
                            connection = null;
                        }
                        if (status == 201) {
                            recorded.increment();
                            if (counts[client] < latencies[client].length) {
                                latencies[client][counts[client]++] = System.nanoTime() - t0;
                            }
                        } else {
                            failed.increment();
                        }
                    } catch (Exception e) {
                        failed.increment();
                        if (connection != null) {
                            connection.close();
                        }
                        connection = null;
                    }
                }
                if (connection != null) {
                    connection.close();
                }
            }));
        }
        Thread.sleep(seconds * 1000L);
        running.set(false);
        for (Thread client : clients) {
            client.join();
        }
        double elapsed = (System.nanoTime() - started) / 1e9;
        double serverCpuPerChange = (processCpuNanos(serverPid) - serverCpuBefore) / 1e6 / Math.max(1, recorded.sum());
        double clientCpuPerChange = (cpuNanos() - clientCpuBefore) / 1e6 / Math.max(1, recorded.sum());
        if (!report) {
            return;
        }
        long[] all = new long[Arrays.stream(counts).sum()];
        int at = 0;
        for (int c = 0; c < concurrency; c++) {
            System.arraycopy(latencies[c], 0, all, at, counts[c]);
            at += counts[c];
        }
        Arrays.sort(all);
        System.out.printf(
                Locale.ROOT,
                "  %,d changes recorded in %.1f s: %,.0f changes/s; latency p50 %.1f ms,"
                        + " p99 %.1f ms; %d refused or failed%n",
                recorded.sum(),
                elapsed,
                recorded.sum() / elapsed,
                percentile(all, 0.50) / 1e6,
                percentile(all, 0.99) / 1e6,
                failed.sum());
        int cores = Runtime.getRuntime().availableProcessors();
        System.out.printf(
                Locale.ROOT,
                "  CPU per change: server %.3f ms, load generator %.3f ms; the server alone on %d cores: about %,.0f"
                        + " changes/s%n",
                serverCpuPerChange,
                clientCpuPerChange,
                cores,
                cores * 1000 / serverCpuPerChange);
    }

    /**
     * A minimal HTTP/1.1 client on one kept-alive socket, so that the load generator costs little
     * of the CPU it shares with the server (the JDK's client costs about as much as the server).
     */
    static final class RawHttp implements AutoCloseable {
        private final java.net.Socket socket;
        private final java.io.OutputStream out;
        private final java.io.BufferedInputStream in;
        private final String host;
        boolean closing;

        RawHttp(URI uri) throws java.io.IOException {
            socket = new java.net.Socket(uri.getHost(), uri.getPort());
            socket.setTcpNoDelay(true);
            out = new java.io.BufferedOutputStream(socket.getOutputStream(), 8192);
            in = new java.io.BufferedInputStream(socket.getInputStream(), 16384);
            host = uri.getHost() + ":" + uri.getPort();
        }

        int post(String path, String token, String json) throws java.io.IOException {
            byte[] body = json.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            String head = "POST " + path + " HTTP/1.1\r\nHost: " + host + "\r\nAuthorization: Bearer " + token
                    + "\r\nContent-Type: application/json\r\nAccept: application/json\r\nContent-Length: "
                    + body.length + "\r\n\r\n";
            out.write(head.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            String status = line();
            int code = Integer.parseInt(status.substring(9, 12));
            long length = -1;
            boolean chunked = false;
            closing = false;
            for (String header = line(); !header.isEmpty(); header = line()) {
                String lower = header.toLowerCase(Locale.ROOT);
                if (lower.startsWith("content-length:")) {
                    length = Long.parseLong(header.substring(15).strip());
                } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                    chunked = true;
                } else if (lower.startsWith("connection:") && lower.contains("close")) {
                    closing = true;
                }
            }
            if (chunked) {
                for (long size = Long.parseLong(line().strip(), 16);
                        size > 0;
                        size = Long.parseLong(line().strip(), 16)) {
                    skip(size);
                    line();
                }
                line();
            } else if (length > 0) {
                skip(length);
            }
            return code;
        }

        private void skip(long n) throws java.io.IOException {
            while (n > 0) {
                long skipped = in.skip(n);
                if (skipped <= 0) {
                    if (in.read() < 0) {
                        throw new java.io.EOFException();
                    }
                    skipped = 1;
                }
                n -= skipped;
            }
        }

        private String line() throws java.io.IOException {
            StringBuilder line = new StringBuilder();
            for (int c = in.read(); c != '\n'; c = in.read()) {
                if (c < 0) {
                    throw new java.io.EOFException();
                }
                if (c != '\r') {
                    line.append((char) c);
                }
            }
            return line.toString();
        }

        @Override
        public void close() {
            try {
                socket.close();
            } catch (java.io.IOException ignored) {
                // closing anyway
            }
        }
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean)
                        java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static String body(Random random, long n) {
        int service = random.nextInt(5_000);
        String sha = Long.toHexString(n * 2654435761L) + "0000000000";
        return "{\"externalId\": \"bench-" + n + "\", \"service\": \"svc-" + service + "\", \"environment\": \""
                + (random.nextInt(5) == 0 ? "staging" : "production") + "\", \"kind\": \"deploy\", \"version\": \"1."
                + n + "\", \"commitSha\": \"" + sha + "\", \"author\": \"ci\", \"description\": \"Release 1." + n
                + "\", \"commits\": [{\"sha\": \"" + sha + "\", \"message\": \"Change " + n
                + "\", \"author\": \"Ana\"}],"
                + " \"files\": [\"src/main/Service" + (n % 97) + ".java\", \"README.md\"],"
                + " \"url\": \"https://ci.example.com/runs/" + n + "\"}";
    }

    // ---------------------------------------------------------------- queries on a large store

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

    private static void query(Target target, int changes, int services, int days, int runs) throws Exception {
        try (Database database = target.open().migrate()) {
            Instant end = Instant.parse("2026-11-25T08:00:00Z");
            Instant begin = end.minus(Duration.ofDays(days));
            long loading = System.nanoTime();
            load(database, changes, services, begin, end);
            System.out.printf(
                    Locale.ROOT,
                    "query on %s: %,d changes of %,d services over %d days, loaded in %.0f s%n",
                    target.dialect(),
                    changes,
                    services,
                    days,
                    (System.nanoTime() - loading) / 1e9);
            JdbcClient jdbc = database.jdbcClient();
            // a running server has its recent data in the OS page cache; read the store once, as it would have
            long warming = System.nanoTime();
            jdbc.sql("SELECT sum(length(description)) + sum(coalesce(length(commits), 0)) FROM changes_change")
                    .query(Long.class)
                    .single();
            System.out.printf(
                    Locale.ROOT,
                    "  read the whole store once in %.1f s (page cache)%n",
                    (System.nanoTime() - warming) / 1e9);
            ChangeRepository repository = new ChangeRepository(jdbc);
            TransactionTemplate readOnly =
                    new TransactionTemplate(new DataSourceTransactionManager(database.dataSource()));
            readOnly.setReadOnly(true);
            Random random = new Random(7);

            long[] diffNanos = new long[runs];
            long[] diffProductionNanos = new long[runs];
            long[] overlappingNanos = new long[runs];
            long[] diffCpuNanos = new long[runs];
            var threads = java.lang.management.ManagementFactory.getThreadMXBean();
            long rows = 0;
            for (int i = -runs / 5; i < runs; i++) {
                Instant to = end.minus(Duration.ofMinutes(random.nextInt((days - 1) * 24 * 60)));
                Instant from = to.minus(Duration.ofHours(12));
                long c0 = threads.getCurrentThreadCpuTime();
                long t0 = System.nanoTime();
                ChangeDiff diff = readOnly.execute(s ->
                        WhatChanged.between(from, to, Set.of(), repository.overlapping(from, to, Set.of(), false)));
                long t1 = System.nanoTime();
                long c1 = threads.getCurrentThreadCpuTime();
                readOnly.execute(s -> WhatChanged.between(
                        from, to, Set.of("production"), repository.overlapping(from, to, Set.of("production"), false)));
                long t2 = System.nanoTime();
                List<RecordedChange> withDetail =
                        readOnly.execute(s -> repository.overlapping(from, to, Set.of(), true));
                long t3 = System.nanoTime();
                if (i >= 0) {
                    diffNanos[i] = t1 - t0;
                    diffCpuNanos[i] = c1 - c0;
                    diffProductionNanos[i] = t2 - t1;
                    overlappingNanos[i] = t3 - t2;
                    rows += diff.changeCount() + withDetail.size() * 0L;
                }
            }
            report("what changed, 12 h, all environments", diffNanos, "(" + rows / runs + " changes per window)");
            report("what changed, 12 h, all environments: CPU of the thread", diffCpuNanos, "(SQLite runs in it)");
            report("what changed, 12 h, production", diffProductionNanos, "");
            report("ChangeLog.overlapping, 12 h, with commits and files", overlappingNanos, "");

            long[] firstPage = new long[runs];
            long[] byService = new long[runs];
            long[] byKind = new long[runs];
            for (int i = -runs / 5; i < runs; i++) {
                String service = "svc-" + random.nextInt(services);
                long t0 = System.nanoTime();
                readOnly.execute(s -> repository.list(ChangeFilter.none(), null, 50));
                long t1 = System.nanoTime();
                readOnly.execute(
                        s -> repository.list(new ChangeFilter(service, null, null, null, null, null, null), null, 50));
                long t2 = System.nanoTime();
                readOnly.execute(s -> repository.list(
                        new ChangeFilter(null, "production", ChangeKind.CONFIG, null, null, null, null), null, 50));
                long t3 = System.nanoTime();
                if (i >= 0) {
                    firstPage[i] = t1 - t0;
                    byService[i] = t2 - t1;
                    byKind[i] = t3 - t2;
                }
            }
            report("change list, first page of 50", firstPage, "");
            report("change list, first page, one service", byService, "");
            report("change list, first page, production config changes", byKind, "");
        }
    }

    private static void load(Database database, int changes, int services, Instant begin, Instant end)
            throws Exception {
        long span = end.toEpochMilli() - begin.toEpochMilli();
        Random random = new Random(42);
        String[] running = new String[services * 2];
        try (Connection connection = database.dataSource().getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement("""
                    INSERT INTO changes_change (source, external_id, service, environment, kind, version,
                        previous_version, commit_sha, commit_count, file_count, author, description, started_at,
                        finished_at, status, recorded_by, created_at, updated_at, initial_status, commits, files)
                    VALUES ('api', ?, ?, ?, ?, ?, ?, ?, 3, 4, 'ci', ?, ?, ?, ?, 'bench', ?, ?, ?, ?, ?)""")) {
                for (int i = 0; i < changes; i++) {
                    // in time order, so that each change knows the version that ran before it
                    long started = begin.toEpochMilli() + (long) ((double) span * i / changes);
                    int service = random.nextInt(services);
                    boolean production = random.nextInt(5) != 0;
                    int slot = service * 2 + (production ? 0 : 1);
                    String kind = KINDS[random.nextInt(KINDS.length)];
                    boolean setsVersion = kind.equals("deploy") || kind.equals("rollback");
                    boolean recent = end.toEpochMilli() - started < 3_600_000;
                    String status = recent && random.nextInt(10) == 0
                            ? "in_progress"
                            : random.nextInt(25) == 0 ? "failed" : "succeeded";
                    String version = setsVersion ? "1." + i : null;
                    insert.setString(1, "bench-" + i);
                    insert.setString(2, "svc-" + service);
                    insert.setString(3, production ? "production" : "staging");
                    insert.setString(4, kind);
                    insert.setString(5, version);
                    insert.setString(6, running[slot]);
                    insert.setString(7, Long.toHexString(random.nextLong()));
                    insert.setString(8, kind + " of svc-" + service + " #" + i);
                    insert.setLong(9, started);
                    if (status.equals("in_progress")) {
                        insert.setNull(10, java.sql.Types.BIGINT);
                    } else {
                        insert.setLong(10, started + 30_000 + random.nextInt(600_000));
                    }
                    insert.setString(11, status);
                    insert.setLong(12, started);
                    insert.setLong(13, started);
                    insert.setString(14, status);
                    insert.setString(
                            15,
                            "[{\"sha\":\"" + Long.toHexString(random.nextLong()) + "\",\"message\":\"Fix "
                                    + kind + " handling in svc-" + service + "\",\"author\":\"Ana\",\"time\":" + started
                                    + "},{\"sha\":\"" + Long.toHexString(random.nextLong())
                                    + "\",\"message\":\"Add tests\",\"author\":\"Bo\",\"time\":" + started
                                    + "},{\"sha\":\"" + Long.toHexString(random.nextLong())
                                    + "\",\"message\":\"Bump version\",\"author\":\"Cy\",\"time\":" + started + "}]");
                    insert.setString(
                            16,
                            "[\"src/main/java/Service" + service + ".java\",\"src/test/java/ServiceTest.java\","
                                    + "\"pom.xml\",\"README.md\"]");
                    insert.addBatch();
                    if (setsVersion && status.equals("succeeded")) {
                        running[slot] = version;
                    }
                    if (i % 10_000 == 9_999) {
                        insert.executeBatch();
                        connection.commit();
                    }
                }
                insert.executeBatch();
                connection.commit();
            }
            // a few changes that never finished, days ago: they belong in every window
            try (PreparedStatement stuck = connection.prepareStatement("""
                    INSERT INTO changes_change (source, service, environment, kind, started_at, status, recorded_by,
                        created_at, updated_at, initial_status) VALUES ('api', ?, 'production', 'migration', ?,
                        'in_progress', 'bench', ?, ?, 'in_progress')""")) {
                for (int i = 0; i < 20; i++) {
                    long started = begin.toEpochMilli() + random.nextLong(span / 2);
                    stuck.setString(1, "svc-" + random.nextInt(services));
                    stuck.setLong(2, started);
                    stuck.setLong(3, started);
                    stuck.setLong(4, started);
                    stuck.addBatch();
                }
                stuck.executeBatch();
                connection.commit();
            }
            try (var statement = connection.createStatement()) {
                statement.execute(database.dialect() == dev.pitwall.system.Dialect.SQLITE ? "ANALYZE" : "ANALYZE");
            }
            connection.commit();
        }
    }

    private static void report(String what, long[] nanos, String note) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        System.out.printf(
                Locale.ROOT,
                "  %-52s p50 %6.2f ms  p99 %6.2f ms  max %6.2f ms %s%n",
                what,
                percentile(sorted, 0.50) / 1e6,
                percentile(sorted, 0.99) / 1e6,
                sorted[sorted.length - 1] / 1e6,
                note);
    }

    private static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }
}
