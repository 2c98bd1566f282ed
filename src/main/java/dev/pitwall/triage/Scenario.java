package dev.pitwall.triage;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One incident as it really unfolded, for measuring the ranking: the catalog, the day's changes,
 * what the incident's signals said, and the change that a postmortem confirmed as the cause.
 *
 * @param file the file the scenario was read from, for messages
 * @param now when the ranking runs (changes after it have not happened yet)
 * @param names each change's id in the scenario file, by the numeric id it was given
 */
record Scenario(
        String file,
        String name,
        Instant now,
        IncidentFacts incident,
        ServiceGraph services,
        CauseHistory history,
        List<CandidateChange> changes,
        Map<Long, String> names,
        long cause) {

    String nameOf(long changeId) {
        return names.getOrDefault(changeId, "#" + changeId);
    }
}
