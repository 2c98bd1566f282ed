package dev.pitwall.incidents;

/**
 * Something about an incident changed: a signal attached, repeated or resolved, its status,
 * severity, roles, title, notes or updates. A plain Spring event published after the commit, at
 * most once per incident per transaction; for cache refreshes and live pages.
 */
public record IncidentChanged(long incidentId) {}
