package dev.pitwall.incidents;

/**
 * An incident was opened, by grouping or by hand. A plain Spring event published after the commit
 * (listen with {@code @EventListener}); for work that must not be lost, read {@link Incidents#open()}
 * on start as well.
 */
public record IncidentOpened(long incidentId) {}
