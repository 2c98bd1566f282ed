package dev.pitwall.signals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pitwall.system.Database;
import dev.pitwall.system.PitwallProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The real server in a child JVM, killed with SIGKILL while alerts pour in: after a restart every
 * alert that got a 200 is stored, and none twice.
 */
class SignalDurabilityTest {

    static final Duration START = Duration.ofSeconds(90);

    final List<Process> started = new ArrayList<>();

    @AfterEach
    void stopServers() {
        for (Process process : started) {
            process.destroyForcibly();
        }
    }

    @Test
    void everyAcknowledgedAlertIsStoredExactlyOnceAfterTheServerIsKilled() throws Exception {
        Path data = Files.createTempDirectory("pitwall-kill9");
        String token = createToken(data);
        int port = freePort();
        Process first = serve(data, port, "first");
        waitUntilHealthy(port);

        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicBoolean sending = new AtomicBoolean(true);
        AtomicInteger failures = new AtomicInteger();
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor();
        for (int s = 0; s < 8; s++) {
            int sender = s;
            senders.execute(() -> {
                for (int request = 0; sending.get(); request++) {
                    int batch = 1 + request % 4;
                    List<String> names = new ArrayList<>();
                    StringBuilder body = new StringBuilder("[");
                    for (int i = 0; i < batch; i++) {
                        String name = "Kill" + sender + "x" + request + "x" + i;
                        names.add(name);
                        body.append(i == 0 ? "" : ",")
                                .append("{\"labels\":{\"alertname\":\"")
                                .append(name)
                                .append("\",\"service\":\"kill9\"}}");
                    }
                    try {
                        HttpResponse<Void> response = http.send(
                                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v2/alerts"))
                                        .header("Authorization", "Bearer " + token)
                                        .header("Content-Type", "application/json")
                                        .timeout(Duration.ofSeconds(10))
                                        .POST(HttpRequest.BodyPublishers.ofString(
                                                body.append("]").toString()))
                                        .build(),
                                HttpResponse.BodyHandlers.discarding());
                        if (response.statusCode() == 200) {
                            acknowledged.addAll(names);
                        }
                    } catch (IOException e) {
                        failures.incrementAndGet();
                        if (!first.isAlive()) {
                            return;
                        }
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> acknowledged.size() >= 3000);
        first.destroyForcibly(); // SIGKILL: no shutdown hook, no graceful stop, no checkpoint
        first.waitFor();
        sending.set(false);
        senders.shutdown();
        assertThat(senders.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS))
                .isTrue();
        Set<String> acked = Set.copyOf(acknowledged);

        Process second = serve(data, port, "second");
        waitUntilHealthy(port);
        await().atMost(Duration.ofSeconds(60)).until(() -> backlog(http, port, token) == 0);
        second.destroy();
        assertThat(second.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();

        Map<String, Long> stored = storedCounts(data);
        assertThat(acked).hasSizeGreaterThanOrEqualTo(3000);
        assertThat(failures.get()).as("the kill cut requests off").isPositive();
        for (String name : acked) {
            assertThat(stored.get(name)).as("acknowledged alert %s", name).isEqualTo(1L);
        }
        assertThat(stored.values()).as("no alert stored twice").allMatch(count -> count == 1L);
    }

    static Map<String, Long> storedCounts(Path data) {
        Map<String, Long> counts = new HashMap<>();
        try (Database database =
                Database.sqlite(data.resolve("pitwall.db"), PitwallProperties.Durability.NORMAL, 1, null)) {
            database.jdbcClient()
                    .sql("SELECT title, seen_count FROM signals_signal WHERE service = 'kill9'")
                    .query((rs, n) -> counts.merge(rs.getString(1), rs.getLong(2), Long::sum))
                    .list();
        }
        return counts;
    }

    static long backlog(HttpClient http, int port, String token) throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/signals/intake"))
                        .header("Authorization", "Bearer " + token)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        String body = response.body();
        int at = body.indexOf("\"backlog\":") + 10;
        return Long.parseLong(body.substring(at, body.indexOf(',', at)));
    }

    static String createToken(Path data) throws Exception {
        Process process = java(
                data,
                "token-create",
                "token",
                "create",
                "kill9",
                "--scope",
                "ingest",
                "--scope",
                "read",
                "--data",
                data.toString());
        assertThat(process.waitFor()).isZero();
        String output = Files.readString(data.resolve("token-create.log"), StandardCharsets.UTF_8);
        return output.lines().filter(l -> l.startsWith("pw_")).findFirst().orElseThrow();
    }

    Process serve(Path data, int port, String name) throws IOException {
        Process process = java(data, name, "serve", "--port", Integer.toString(port), "--data", data.toString());
        started.add(process);
        return process;
    }

    static Process java(Path data, String logName, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "--enable-native-access=ALL-UNNAMED",
                "-Xmx384m",
                "-XX:+UseSerialGC",
                "-cp",
                System.getProperty("java.class.path"),
                "dev.pitwall.PitwallMain"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(data.resolve(logName + ".log").toFile());
        builder.environment().put("PITWALL_ADMIN_PASSWORD", "kill-nine-admin-password");
        return builder.start();
    }

    static void waitUntilHealthy(int port) {
        HttpClient http = HttpClient.newHttpClient();
        await().atMost(START)
                .pollInterval(Duration.ofMillis(250))
                .ignoreExceptions()
                .until(() -> http.send(
                                        HttpRequest.newBuilder(
                                                        URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                                                .build(),
                                        HttpResponse.BodyHandlers.discarding())
                                .statusCode()
                        == 200);
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
