package dev.pitwall.incidents;

/**
 * A section of the incident page served by another module (suspect changes by triage, the
 * postmortem by postmortems). The incident page lists every panel bean in {@link #order()} and
 * loads each one's HTML fragment from {@link #path(long)} with htmx when the page loads, and again
 * whenever the page's live stream sends an event named {@code panels}; so incidents never calls
 * the module that owns a panel.
 */
public interface IncidentPanel {

    /** The heading shown above the panel, such as "Suspect changes". */
    String title();

    /** Where the panel's HTML fragment is served, such as {@code /triage/incidents/42/suspects}. */
    String path(long incidentId);

    /** Panels are shown in ascending order. */
    int order();
}
