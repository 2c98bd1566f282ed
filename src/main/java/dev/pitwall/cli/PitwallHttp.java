package dev.pitwall.cli;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The HTTP client of the command line. Retries while the server cannot be reached or answers
 * 502/503/504 (with backoff), and turns a refusal into a message built from the server's problem
 * details, so a pipeline log says what to fix.
 */
public final class PitwallHttp {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final URI server;
    private final String token;
    private final int attempts;
    private final HttpClient client;

    public PitwallHttp(String server, String token, int attempts) {
        this.server = URI.create(server.endsWith("/") ? server : server + "/");
        this.token = token;
        this.attempts = Math.max(1, attempts);
        this.client =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** An answer the server gave: 2xx, or a refusal to show to the user. */
    public record Reply(int status, String body) {

        public boolean ok() {
            return status >= 200 && status < 300;
        }

        public JsonNode json() {
            return JSON.readTree(body);
        }

        /** The problem's detail (or the whole body) for a message. */
        public String problem() {
            try {
                JsonNode node = JSON.readTree(body);
                if (node.has("detail")) {
                    return node.get("detail").asString();
                }
                if (node.has("errors")) {
                    return node.get("errors").toString();
                }
            } catch (RuntimeException e) {
                // not JSON: show the body as it is
            }
            return body == null || body.isBlank() ? "HTTP " + status : body;
        }
    }

    /** The server could not be reached (or stayed busy) through every attempt. */
    public static final class UnreachableException extends Exception {
        public UnreachableException(String message) {
            super(message);
        }
    }

    public Reply get(String path) throws UnreachableException {
        return send("GET", path, null);
    }

    public Reply post(String path, Object body) throws UnreachableException {
        return send("POST", path, JSON.writeValueAsString(body));
    }

    public Reply patch(String path, Object body) throws UnreachableException {
        return send("PATCH", path, JSON.writeValueAsString(body));
    }

    public Reply send(String method, String path, String json) throws UnreachableException {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        server.resolve(path.startsWith("/") ? path.substring(1) : path))
                .timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json")
                .method(
                        method,
                        json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null && !token.isBlank()) {
            request.header("Authorization", "Bearer " + token);
        }
        String lastProblem = "no attempt made";
        for (int attempt = 1; attempt <= attempts; attempt++) {
            try {
                HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
                int status = response.statusCode();
                if (status != 502 && status != 503 && status != 504) {
                    return new Reply(status, response.body());
                }
                lastProblem = "the server answered " + status;
            } catch (ConnectException | HttpConnectTimeoutException e) {
                lastProblem = "cannot connect to " + server;
            } catch (HttpTimeoutException e) {
                lastProblem = "no answer from " + server + " within 30 s";
            } catch (IOException e) {
                lastProblem = e.getClass().getSimpleName() + " talking to " + server + ": " + e.getMessage();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new UnreachableException("interrupted");
            }
            if (attempt < attempts) {
                pause(attempt);
            }
        }
        throw new UnreachableException(lastProblem + " (after " + attempts + " attempts)");
    }

    /** Backoff between attempts: 1 s, 2 s, 4 s… capped at 10 s. */
    private static void pause(int attempt) throws UnreachableException {
        try {
            Thread.sleep(Math.min(10_000L, 1000L << (attempt - 1)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnreachableException("interrupted");
        }
    }
}
