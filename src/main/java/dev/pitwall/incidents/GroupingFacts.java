package dev.pitwall.incidents;

import dev.pitwall.catalog.ServiceGraph;
import java.time.Instant;
import java.util.List;

/**
 * Everything a grouping policy may look at besides the signal itself.
 *
 * @param pending the signals held back in the same group as this one (same service, or the same
 *     title, or reports without a service) and seen within the longest window of the rules; the
 *     signal itself is among them once stored
 */
record GroupingFacts(
        List<OpenIncident> open, ServiceGraph graph, GroupingRules rules, List<PendingSignal> pending, Instant now) {}
