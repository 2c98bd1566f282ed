/**
 * Triage: the ranking of the changes most likely to have caused an incident, each with its
 * reasons, the responders' marks (confirmed cause, ruled out), and the evaluation harness that
 * measures the ranking. May call catalog, changes and incidents.
 */
@org.springframework.modulith.ApplicationModule(
        displayName = "Triage",
        allowedDependencies = {"system", "catalog", "changes", "incidents"})
package dev.pitwall.triage;
