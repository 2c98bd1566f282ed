package dev.pitwall.changes;

import dev.pitwall.system.LiveUpdates;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Tells the rest of the server that a change was recorded or changed, once its transaction
 * committed: {@link ChangeRecorded} for other modules and a nudge to the pages that show changes.
 *
 * <p>The event is handed from {@code afterCommit} to one dispatch thread instead of being
 * published right there: during {@code afterCommit} the transaction still holds its connection,
 * and on SQLite that is the only writer, so a listener that wrote would wait for itself. One
 * thread keeps the events in commit order.
 */
@Component
class ChangeNotifications implements DisposableBean {

    static final String TOPIC = "changes";
    static final String EVENT = "change";

    private static final Logger log = LoggerFactory.getLogger(ChangeNotifications.class);

    private final ApplicationEventPublisher publisher;
    private final LiveUpdates liveUpdates;
    private final ExecutorService dispatcher = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().daemon().name("pitwall-change-events").factory());

    ChangeNotifications(ApplicationEventPublisher publisher, LiveUpdates liveUpdates) {
        this.publisher = publisher;
        this.liveUpdates = liveUpdates;
    }

    /**
     * Publishes after the current transaction commits; nothing when it rolls back.
     *
     * @param created whether the transaction recorded the change rather than changed it
     */
    void afterCommit(RecordedChange change, boolean created) {
        ChangeRecorded event = new ChangeRecorded(
                change.id(),
                change.service(),
                change.environment(),
                change.kind(),
                change.startedAt(),
                change,
                created);
        if (liveUpdates.subscriberCount(TOPIC) > 0) {
            liveUpdates.publishAfterCommit(TOPIC, EVENT, Long.toString(change.id()));
        }
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            dispatch(event);
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                dispatch(event);
            }
        });
    }

    private void dispatch(ChangeRecorded event) {
        dispatcher.execute(() -> {
            try {
                publisher.publishEvent(event);
            } catch (RuntimeException e) {
                log.warn("A listener of ChangeRecorded failed for change {}", event.changeId(), e);
            }
        });
    }

    @Override
    public void destroy() {
        dispatcher.shutdown();
    }
}
