package dev.pitwall.incidents;

import dev.pitwall.signals.SignalUpdate;
import java.util.Optional;

/**
 * One grouping rule. Policies are asked in order; the first that decides wins, and its reason goes
 * on the timeline. A policy that has nothing to say about a signal returns empty.
 */
interface GroupingPolicy {

    /** Short name shown with the reason, such as {@code same-service}. */
    String name();

    Optional<GroupingDecision> decide(SignalUpdate signal, GroupingFacts facts);
}
