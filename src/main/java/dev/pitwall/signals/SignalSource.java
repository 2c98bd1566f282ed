package dev.pitwall.signals;

import java.util.Locale;

/** Where a signal came from; incidents record it as how the problem was detected. */
public enum SignalSource {
    ALERTMANAGER,
    PAGERDUTY,
    GENERIC,
    REPORT,
    CHECK;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
