package dev.pitwall.postmortems;

import java.time.Instant;

/**
 * A postmortem as lists and other modules see it.
 *
 * @param openActionItems how many of its action items are open or in progress
 */
public record PostmortemSummary(
        long id,
        long incidentId,
        String title,
        PostmortemStatus status,
        Instant createdAt,
        Instant updatedAt,
        Instant publishedAt,
        int openActionItems) {

    static PostmortemSummary of(Postmortem p, int openActionItems) {
        return new PostmortemSummary(
                p.id(),
                p.incidentId(),
                p.title(),
                p.status(),
                p.createdAt(),
                p.updatedAt(),
                p.publishedAt(),
                openActionItems);
    }
}
