package dev.pitwall.system;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Server-sent events for pages that update live (the change timeline, an incident). A page
 * subscribes to a topic such as {@code incident-42}; whoever changes what the page shows publishes
 * an HTML fragment (or a small text) under an event name that htmx's SSE extension swaps in.
 *
 * <p>Updates reach the browsers connected to this node; with several nodes a page reloaded or
 * polled elsewhere still shows the committed state, which stays the source of truth.
 */
@Component
public class LiveUpdates implements DisposableBean {

    private static final Duration TIMEOUT = Duration.ofMinutes(30);

    private final Map<String, Set<SseEmitter>> subscribers = new ConcurrentHashMap<>();
    // Sends happen off the publishing thread: a slow browser must never hold up a commit.
    private final ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor();

    /** Opens a stream for one browser; return it from a controller method. */
    public SseEmitter subscribe(String topic) {
        SseEmitter emitter = new SseEmitter(TIMEOUT.toMillis());
        Set<SseEmitter> set = subscribers.computeIfAbsent(topic, t -> ConcurrentHashMap.newKeySet());
        set.add(emitter);
        Runnable remove = () -> set.remove(emitter);
        emitter.onCompletion(remove);
        emitter.onTimeout(remove);
        emitter.onError(e -> remove.run());
        try {
            // An initial comment makes proxies and browsers treat the stream as open at once.
            emitter.send(SseEmitter.event().comment("connected"));
        } catch (IOException e) {
            remove.run();
        }
        return emitter;
    }

    /** Sends now to every subscriber of the topic. */
    public void publish(String topic, String event, String data) {
        Set<SseEmitter> set = subscribers.get(topic);
        if (set == null || set.isEmpty()) {
            return;
        }
        for (SseEmitter emitter : set) {
            senders.execute(() -> {
                try {
                    emitter.send(SseEmitter.event().name(event).data(data));
                } catch (IOException | IllegalStateException e) {
                    set.remove(emitter);
                }
            });
        }
    }

    /** Sends once the current transaction commits (at once when there is none), never on rollback. */
    public void publishAfterCommit(String topic, String event, String data) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            publish(topic, event, data);
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                publish(topic, event, data);
            }
        });
    }

    public int subscriberCount(String topic) {
        Set<SseEmitter> set = subscribers.get(topic);
        return set == null ? 0 : set.size();
    }

    @Override
    public void destroy() {
        subscribers.values().forEach(set -> set.forEach(SseEmitter::complete));
        senders.shutdownNow();
    }
}
