/**
 * Triage: the ranking of the changes most likely to have caused an incident, each with its
 * reasons; the responders' marks (confirmed cause, ruled out); and the evaluation harness that
 * measures the ranking ({@code pitwall triage eval}). May call catalog, changes and incidents.
 *
 * <p>The ranking ({@code SuspectFinder}, {@code SuspectRanking} and the named {@code EvidenceRule}s)
 * is plain Java. In the server a worker thread ranks each open incident when it opens, when its
 * signals change it ({@code IncidentOpened}, {@code IncidentChanged}) and when a change is
 * recorded in its environment ({@code ChangeRecorded}), against an in-memory index of recent
 * changes with their words ({@code RecentChanges}, bounded in memory, completed from the change
 * log where it does not reach), and stores the ten most suspect in the {@code triage_*} tables.
 * Responders mark suspects from the incident page's "Suspect changes" panel or the API
 * ({@code /api/v1/incidents/{id}/suspects}); marks and a new top suspect go on the incident's
 * timeline.
 *
 * <p>For other modules: {@link dev.pitwall.triage.IncidentSuspects} ({@code suspects},
 * {@code confirmedCauses}) with the records {@link dev.pitwall.triage.SuspectList},
 * {@link dev.pitwall.triage.RankedSuspect}, {@link dev.pitwall.triage.Evidence} and the enum
 * {@link dev.pitwall.triage.SuspectMark}. docs/triage.md has the details.
 */
@org.springframework.modulith.ApplicationModule(
        displayName = "Triage",
        allowedDependencies = {"system", "catalog", "changes", "incidents"})
package dev.pitwall.triage;
