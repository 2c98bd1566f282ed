package dev.pitwall.postmortems;

import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** The postmortems module's API for other modules (insights, demo). Read-only transactions. */
@Component
public class Postmortems {

    private final PostmortemService postmortems;
    private final ActionItemService items;

    Postmortems(PostmortemService postmortems, ActionItemService items) {
        this.postmortems = postmortems;
        this.items = items;
    }

    /** The postmortem of an incident, if it has one. */
    @Transactional(readOnly = true)
    public Optional<PostmortemSummary> forIncident(long incidentId) {
        return postmortems
                .forIncident(incidentId)
                .map(p -> PostmortemSummary.of(
                        p, postmortems.openItems(List.of(p.id())).getOrDefault(p.id(), 0)));
    }

    /** Open and in-progress action items across every postmortem, those due first. */
    @Transactional(readOnly = true)
    public List<ActionItem> openActionItems(int limit) {
        return items.open(null, false, Math.max(1, Math.min(limit, 10_000)));
    }
}
