/**
 * Incidents: grouping of signals into incidents, their lifecycle, severity, roles, timeline,
 * status updates, notifications and the public status page. Publishes {@code IncidentResolved}.
 * May call catalog and signals.
 */
@org.springframework.modulith.ApplicationModule(
        displayName = "Incidents",
        allowedDependencies = {"system", "catalog", "signals"})
package dev.pitwall.incidents;
