package dev.pitwall.incidents;

import dev.pitwall.system.LiveUpdates;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * What the rest of the application hears once a transaction that changed incidents commits:
 * {@link IncidentOpened} and {@link IncidentChanged} (at most once per incident per transaction),
 * and the live incident pages (new timeline entries, "changed"). Nothing is sent on rollback.
 */
@Component
class IncidentBroadcast {

    /** Topic of the incident list page. */
    static final String LIST_TOPIC = "incidents";

    private final ApplicationEventPublisher events;
    private final LiveUpdates live;
    private final TimelineFragments fragments;

    IncidentBroadcast(ApplicationEventPublisher events, LiveUpdates live, TimelineFragments fragments) {
        this.events = events;
        this.live = live;
        this.fragments = fragments;
    }

    private static final class Pending {
        final Set<Long> opened = new LinkedHashSet<>();
        final Set<Long> changed = new LinkedHashSet<>();
        final List<TimelineEntry> entries = new ArrayList<>();
    }

    void opened(long incidentId) {
        Pending pending = pending();
        pending.opened.add(incidentId);
        pending.changed.add(incidentId);
        flushIfNoTransaction(pending);
    }

    void changed(long incidentId) {
        Pending pending = pending();
        pending.changed.add(incidentId);
        flushIfNoTransaction(pending);
    }

    void timeline(List<TimelineEntry> entries) {
        Pending pending = pending();
        pending.entries.addAll(entries);
        entries.forEach(e -> pending.changed.add(e.incidentId()));
        flushIfNoTransaction(pending);
    }

    private Pending pending() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return new Pending();
        }
        Object bound = TransactionSynchronizationManager.getResource(this);
        if (bound instanceof Pending pending) {
            return pending;
        }
        Pending pending = new Pending();
        TransactionSynchronizationManager.bindResource(this, pending);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                TransactionSynchronizationManager.unbindResourceIfPossible(IncidentBroadcast.this);
                if (status == STATUS_COMMITTED) {
                    IncidentBroadcast.this.flush(pending);
                }
            }
        });
        return pending;
    }

    private void flushIfNoTransaction(Pending pending) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            flush(pending);
        }
    }

    private void flush(Pending pending) {
        for (TimelineEntry entry : pending.entries) {
            String topic = topic(entry.incidentId());
            if (live.subscriberCount(topic) > 0) {
                live.publish(topic, "timeline", fragments.entry(entry));
            }
        }
        for (long id : pending.changed) {
            live.publish(topic(id), "changed", Long.toString(id));
        }
        if (!pending.changed.isEmpty()) {
            live.publish(LIST_TOPIC, "changed", "");
        }
        pending.opened.forEach(id -> events.publishEvent(new IncidentOpened(id)));
        pending.changed.forEach(id -> events.publishEvent(new IncidentChanged(id)));
    }

    /** Whether a live page of the incident is open on this node. */
    boolean watched(long incidentId) {
        return live.subscriberCount(topic(incidentId)) > 0;
    }

    static String topic(long incidentId) {
        return "incident-" + incidentId;
    }
}
