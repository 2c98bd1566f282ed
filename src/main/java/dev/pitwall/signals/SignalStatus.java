package dev.pitwall.signals;

import java.util.Locale;

/** Where a signal stands: still firing, acknowledged at its source, or resolved. */
public enum SignalStatus {
    FIRING,
    ACKNOWLEDGED,
    RESOLVED;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
