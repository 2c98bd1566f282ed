/**
 * Incidents: grouping of signals into incidents (named policies whose reasons go on the timeline),
 * their lifecycle, severity, roles, timeline, internal and public status updates, notifications
 * (Slack, signed webhooks, email, delivered durably with retries) and the public status page. May
 * call catalog and signals; listens to {@code SignalsUpdated} inside the signals' transaction.
 *
 * <p>For other modules: {@link dev.pitwall.incidents.Incidents} ({@code find}, {@code open},
 * {@code timeline}, {@code addTimelineEntry}, {@code close}, {@code evidence},
 * {@code notifyActionItemOverdue}) with the records
 * {@link dev.pitwall.incidents.IncidentView}, {@link dev.pitwall.incidents.TimelineEntry} and
 * {@link dev.pitwall.incidents.IncidentEvidence}; the durable event
 * {@link dev.pitwall.incidents.IncidentResolved} and the after-commit events
 * {@link dev.pitwall.incidents.IncidentOpened} and {@link dev.pitwall.incidents.IncidentChanged};
 * {@link dev.pitwall.incidents.IncidentPanel} beans add htmx-loaded sections to the incident page.
 * The live incident page listens on {@code LiveUpdates} topic {@code incident-{id}} for the events
 * {@code timeline} (an escaped {@code <li>} appended to the timeline), {@code changed} (facts and
 * signals reload) and {@code panels} (every panel reloads). docs/incidents.md has the details.
 */
@org.springframework.modulith.ApplicationModule(
        displayName = "Incidents",
        allowedDependencies = {"system", "catalog", "signals"})
package dev.pitwall.incidents;
