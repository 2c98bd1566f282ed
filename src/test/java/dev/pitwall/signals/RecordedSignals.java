package dev.pitwall.signals;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.event.EventListener;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Stands in for the incidents module: listens to {@link SignalsUpdated} as it will, inside the
 * transaction that stored the signals, and records what it received.
 */
@TestConfiguration
public class RecordedSignals {

    private final List<SignalUpdate> updates = new CopyOnWriteArrayList<>();
    private volatile boolean outsideTransaction;

    @EventListener
    void on(SignalsUpdated event) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            outsideTransaction = true;
        }
        updates.addAll(event.updates());
    }

    public List<SignalUpdate> of(String fingerprint) {
        return updates.stream().filter(u -> u.fingerprint().equals(fingerprint)).toList();
    }

    public List<SignalUpdate.Change> changes(String fingerprint) {
        return of(fingerprint).stream()
                .map(SignalUpdate::change)
                .filter(c -> c != SignalUpdate.Change.REPEATED)
                .toList();
    }

    public boolean sawAnUpdateOutsideItsTransaction() {
        return outsideTransaction;
    }
}
