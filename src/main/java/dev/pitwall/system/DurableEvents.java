package dev.pitwall.system;

import java.time.Clock;
import java.util.List;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.json.JsonMapper;

/**
 * The transactional outbox. An event published here is stored in the same transaction as the
 * state change that caused it, once per {@link DurableEventListener}, and delivered after commit;
 * a crash between the two loses nothing. Use it for hand-overs whose loss would lose an incident
 * (a finished deploy that must be verified, a failing check that must raise a signal).
 */
@Component
public class DurableEvents {

    private final OutboxRepository outbox;
    private final DurableListenerRegistry listeners;
    private final JsonMapper json;
    private final Clock clock;
    private final OutboxDispatcher dispatcher;

    DurableEvents(
            OutboxRepository outbox,
            DurableListenerRegistry listeners,
            JsonMapper json,
            Clock clock,
            OutboxDispatcher dispatcher) {
        this.outbox = outbox;
        this.listeners = listeners;
        this.json = OutboxRepository.payloadMapper(json);
        this.clock = clock;
        this.dispatcher = dispatcher;
    }

    /** Stores the event for every listener of its type. Must run inside a transaction. */
    public void publish(Object event) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("A durable event must be published inside the transaction that caused it: "
                    + event.getClass().getName());
        }
        List<String> ids = listeners.listenerIdsFor(event.getClass());
        if (ids.isEmpty()) {
            return;
        }
        String payload = json.writeValueAsString(event);
        long now = clock.millis();
        for (String id : ids) {
            outbox.append(id, event.getClass().getName(), payload, now);
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                dispatcher.wake();
            }
        });
    }
}
