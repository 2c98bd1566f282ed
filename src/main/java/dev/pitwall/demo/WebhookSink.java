package dev.pitwall.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stands in for the on-call team's incident bridge: a webhook receiver on loopback that checks
 * each delivery's {@code X-Pitwall-Signature} the way docs/incidents.md tells receivers to, and
 * prints what arrived.
 */
final class WebhookSink implements AutoCloseable {

    static final String PATH = "/pitwall-webhook";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** One delivery as received: the event, the incident, its text, and whether the signature held. */
    record Delivery(String event, long incidentId, String text, boolean signatureValid, String deliveryId) {}

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final byte[] secret;
    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    private volatile Narrator narrator;

    private WebhookSink(HttpServer server, String secret) {
        this.server = server;
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        server.setExecutor(executor);
        server.createContext(PATH, this::receive);
    }

    static WebhookSink start(String secret) throws IOException {
        WebhookSink sink = new WebhookSink(HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50), secret);
        sink.server.start();
        return sink;
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + PATH;
    }

    void narrateTo(Narrator narrator) {
        this.narrator = narrator;
    }

    List<Delivery> deliveries() {
        return List.copyOf(deliveries);
    }

    private void receive(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!exchange.getRequestMethod().equals("POST")) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            byte[] body = exchange.getRequestBody().readAllBytes();
            boolean valid = verified(body, exchange.getRequestHeaders().getFirst("X-Pitwall-Signature"));
            JsonNode json;
            try {
                json = JSON.readTree(body);
            } catch (RuntimeException e) {
                exchange.sendResponseHeaders(400, -1);
                return;
            }
            Delivery delivery = new Delivery(
                    json.path("event").asString(""),
                    json.path("incident").path("id").asLong(),
                    json.path("text").asString(""),
                    valid,
                    exchange.getRequestHeaders().getFirst("X-Pitwall-Delivery"));
            // a receiver drops what it cannot verify; Pitwall then retries, which the log would show
            exchange.sendResponseHeaders(valid ? 204 : 401, -1);
            if (valid) {
                deliveries.add(delivery);
            }
            Narrator current = narrator;
            if (current != null) {
                current.event("webhook received " + delivery.event() + " (signature "
                        + (valid ? "verified" : "INVALID, refused") + "): " + delivery.text());
            }
        }
    }

    private boolean verified(byte[] body, String header) {
        if (header == null) {
            return false;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            String expected = "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
            return MessageDigest.isEqual(
                    expected.getBytes(StandardCharsets.US_ASCII), header.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.close();
    }
}
