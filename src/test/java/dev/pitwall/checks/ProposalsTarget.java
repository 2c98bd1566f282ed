package dev.pitwall.checks;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small "proposals" app on loopback for tests: members log in and list their line items. It can
 * break the way real deploys do, answering 200 with an empty list, and it records what it received
 * (for hooks and secrets).
 */
final class ProposalsTarget implements AutoCloseable {

    enum Mode {
        HEALTHY,
        EMPTY_LIST,
        SERVER_ERROR,
        HANG
    }

    record Received(String method, String path, Map<String, List<String>> headers, String body) {}

    static final String TOKEN = "tok-7f3a9c";

    private final HttpServer server;
    private volatile Mode mode = Mode.HEALTHY;
    private final CountDownLatch release = new CountDownLatch(1);
    final List<Received> received = new CopyOnWriteArrayList<>();
    final AtomicInteger lineItemRequests = new AtomicInteger();
    final Map<String, String> hookReplies = new ConcurrentHashMap<>();

    ProposalsTarget() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 200);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/api/login", this::login);
        server.createContext("/api/members/42/line-items", this::lineItems);
        server.createContext("/echo", this::echo);
        server.createContext("/hook", this::hook);
        server.createContext("/redirect", ex -> {
            ex.getResponseHeaders().add("Location", "/api/members/42/line-items");
            reply(ex, 302, "");
        });
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    String url(String path) {
        return "http://127.0.0.1:" + port() + path;
    }

    void mode(Mode mode) {
        this.mode = mode;
    }

    private void login(HttpExchange ex) throws IOException {
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        received.add(new Received(
                ex.getRequestMethod(), ex.getRequestURI().toString(), Map.copyOf(ex.getRequestHeaders()), body));
        if (!body.contains("\"password\": \"s3cret-pw\"") && !body.contains("\"password\":\"s3cret-pw\"")) {
            reply(ex, 401, "{\"error\": \"bad credentials\"}");
            return;
        }
        ex.getResponseHeaders().add("Set-Cookie", "session=abc123; Path=/; HttpOnly");
        ex.getResponseHeaders().add("Content-Type", "application/json");
        reply(ex, 200, "{\"token\": \"" + TOKEN + "\", \"member\": {\"id\": 42}}");
    }

    private void lineItems(HttpExchange ex) throws IOException {
        lineItemRequests.incrementAndGet();
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        if (!("Bearer " + TOKEN).equals(auth)) {
            reply(ex, 401, "{\"error\": \"no token\"}");
            return;
        }
        ex.getResponseHeaders().add("Content-Type", "application/json");
        switch (mode) {
            case HEALTHY ->
                reply(
                        ex,
                        200,
                        "{\"total\": 2, \"items\": [{\"id\": 17, \"sku\": \"PLAN-A\"}, {\"id\": 18, \"sku\": \"PLAN-B\"}]}");
            case EMPTY_LIST -> reply(ex, 200, "{\"total\": 0, \"items\": []}");
            case SERVER_ERROR -> reply(ex, 500, "{\"error\": \"boom\"}");
            case HANG -> {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                reply(ex, 200, "{}");
            }
        }
    }

    private void echo(HttpExchange ex) throws IOException {
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String echoed = "query=" + ex.getRequestURI().getRawQuery() + " key="
                + ex.getRequestHeaders().getFirst("X-Api-Key") + " body=" + body;
        reply(ex, 200, echoed);
    }

    private void hook(HttpExchange ex) throws IOException {
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        received.add(new Received(
                ex.getRequestMethod(), ex.getRequestURI().toString(), Map.copyOf(ex.getRequestHeaders()), body));
        ex.getResponseHeaders().add("Content-Type", "application/json");
        reply(ex, 202, "{\"rollback\": \"started\", \"job\": 991}");
    }

    List<Received> hooks() {
        return received.stream().filter(r -> r.path().startsWith("/hook")).toList();
    }

    private static void reply(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        release.countDown();
        server.stop(0);
    }
}
