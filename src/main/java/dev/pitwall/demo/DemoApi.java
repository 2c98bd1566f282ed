package dev.pitwall.demo;

import dev.pitwall.cli.PitwallHttp;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One caller of Pitwall's HTTP API in the story (the setup, the pipeline, Client Success, the
 * on-call responder), each with its own token, through the command line's client. A refusal stops
 * the demo with the server's own explanation.
 */
final class DemoApi {

    /** The demo cannot go on: what failed, in a sentence. */
    static final class DemoFailed extends RuntimeException {
        DemoFailed(String message) {
            super(message);
        }
    }

    private static final Duration POLL = Duration.ofMillis(100);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String who;
    private final PitwallHttp http;

    DemoApi(String who, String server, String token) {
        this.who = who;
        this.http = new PitwallHttp(server, token, 3);
    }

    String who() {
        return who;
    }

    JsonNode get(String path) {
        return call("GET", path, null);
    }

    JsonNode post(String path, Object body) {
        return call("POST", path, body);
    }

    JsonNode put(String path, Object body) {
        return call("PUT", path, body);
    }

    JsonNode patch(String path, Object body) {
        return call("PATCH", path, body);
    }

    /** GET that may answer 404 (something that does not exist yet). */
    Optional<JsonNode> find(String path) {
        PitwallHttp.Reply reply = send("GET", path, null);
        if (reply.status() == 404) {
            return Optional.empty();
        }
        return Optional.of(checked("GET", path, reply));
    }

    private JsonNode call(String method, String path, Object body) {
        return checked(method, path, send(method, path, body));
    }

    private PitwallHttp.Reply send(String method, String path, Object body) {
        try {
            return switch (method) {
                case "GET" -> http.get(path);
                case "POST" -> http.post(path, body == null ? Map.of() : body);
                case "PATCH" -> http.patch(path, body);
                default -> http.send(method, path, body == null ? null : JSON.writeValueAsString(body));
            };
        } catch (PitwallHttp.UnreachableException e) {
            throw new DemoFailed(method + " " + path + " (" + who + "): " + e.getMessage());
        }
    }

    private JsonNode checked(String method, String path, PitwallHttp.Reply reply) {
        if (!reply.ok()) {
            throw new DemoFailed(method + " " + path + " (" + who + ") was refused with HTTP " + reply.status() + ": "
                    + reply.problem());
        }
        return reply.body() == null || reply.body().isBlank() ? JSON.createObjectNode() : reply.json();
    }

    /**
     * Asks until {@code probe} finds what it looks for, every 100 ms, for at most {@code timeout}:
     * the demo waits on Pitwall's real pace, and says what did not happen if it does not.
     */
    static <T> T await(String what, Duration timeout, Callable<Optional<T>> probe) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<T> found;
            try {
                found = probe.call();
            } catch (DemoFailed e) {
                throw e;
            } catch (Exception e) {
                throw new DemoFailed("while waiting for " + what + ": " + e.getMessage());
            }
            if (found.isPresent()) {
                return found.get();
            }
            if (System.nanoTime() > deadline) {
                throw new DemoFailed(what + " did not happen within " + timeout.toSeconds() + " s");
            }
            try {
                TimeUnit.MILLISECONDS.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DemoFailed("interrupted while waiting for " + what);
            }
        }
    }
}
