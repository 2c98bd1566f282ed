package dev.pitwall.incidents;

import java.time.Instant;
import java.util.Set;

/** A signal that a threshold rule held back: not (yet) part of any incident. */
record PendingSignal(
        long signalId,
        dev.pitwall.signals.Severity severity,
        String customerId,
        int customersAffected,
        Set<String> words,
        Instant lastSeenAt) {

    PendingSignal {
        words = Set.copyOf(words);
    }
}
