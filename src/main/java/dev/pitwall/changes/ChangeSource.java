package dev.pitwall.changes;

import java.util.Locale;

/** How a change reached Pitwall. An external id is unique per source. */
public enum ChangeSource {
    API,
    CLI,
    GITHUB,
    CDEVENTS,
    PAGERDUTY;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
