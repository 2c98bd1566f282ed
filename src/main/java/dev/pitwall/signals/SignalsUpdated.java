package dev.pitwall.signals;

import java.util.List;

/**
 * Signals created, repeated, resolved or acknowledged by one committed batch of intake, in the
 * order they were received. Published synchronously inside the transaction that stores them:
 * listeners ({@code @EventListener}) run in that transaction, so what they write commits, or
 * rolls back and is redone, together with the signals. Listeners must therefore be quick and
 * must not call the network.
 */
public record SignalsUpdated(List<SignalUpdate> updates) {

    public SignalsUpdated {
        updates = List.copyOf(updates);
    }
}
