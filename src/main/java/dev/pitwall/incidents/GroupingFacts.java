package dev.pitwall.incidents;

import dev.pitwall.catalog.ServiceGraph;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/**
 * Everything a grouping policy may look at besides the signal itself. The held signals are read
 * only when a policy asks for them: most signals join an open incident without that query.
 */
final class GroupingFacts {

    private final List<OpenIncident> open;
    private final ServiceGraph graph;
    private final GroupingRules rules;
    private final Supplier<List<PendingSignal>> pendingSource;
    private final Instant now;
    private List<PendingSignal> pending;

    GroupingFacts(
            List<OpenIncident> open,
            ServiceGraph graph,
            GroupingRules rules,
            Supplier<List<PendingSignal>> pending,
            Instant now) {
        this.open = open;
        this.graph = graph;
        this.rules = rules;
        this.pendingSource = pending;
        this.now = now;
    }

    GroupingFacts(
            List<OpenIncident> open,
            ServiceGraph graph,
            GroupingRules rules,
            List<PendingSignal> pending,
            Instant now) {
        this(open, graph, rules, () -> pending, now);
    }

    List<OpenIncident> open() {
        return open;
    }

    ServiceGraph graph() {
        return graph;
    }

    GroupingRules rules() {
        return rules;
    }

    /**
     * The signals held back in the same group as this one (same service, or the same title, or
     * reports without a service) and seen within the longest window of the rules; the signal
     * itself is among them once stored.
     */
    List<PendingSignal> pending() {
        if (pending == null) {
            pending = List.copyOf(pendingSource.get());
        }
        return pending;
    }

    Instant now() {
        return now;
    }
}
