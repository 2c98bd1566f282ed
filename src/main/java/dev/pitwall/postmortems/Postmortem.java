package dev.pitwall.postmortems;

import java.time.Instant;

/**
 * A postmortem as stored: what the team wrote and where it stands. What it shows of the incident
 * (times, roles, timeline, suspects) is read from the record each time; see {@link PostmortemDocument}.
 *
 * @param wentWell "what went well"; {@code lucky} "where we got lucky"; {@code learned} "what we learned"
 * @param publishedAnywayReason why it was published although the blameless review had open findings
 * @param findingsAtPublication how many findings were open when it was published
 */
record Postmortem(
        long id,
        long incidentId,
        PostmortemStatus status,
        String title,
        String summary,
        String wentWell,
        String lucky,
        String learned,
        Instant createdAt,
        String createdBy,
        Instant updatedAt,
        String updatedBy,
        Instant submittedAt,
        Instant publishedAt,
        String publishedBy,
        String publishedAnywayReason,
        Integer findingsAtPublication) {}
