package dev.pitwall.incidents;

import java.util.List;

/**
 * What grouping decided for one signal, by which policy and why. The reason is written on the
 * incident's timeline (or, for a held signal, shown with the signal).
 *
 * @param incidentId the incident to attach to, for {@link Action#ATTACH}
 * @param alsoAttach held signals that join the incident this decision opens (they made the count)
 */
record GroupingDecision(Action action, long incidentId, String policy, String reason, List<Long> alsoAttach) {

    enum Action {
        ATTACH,
        OPEN,
        HOLD
    }

    GroupingDecision {
        alsoAttach = List.copyOf(alsoAttach);
    }

    static GroupingDecision attach(long incidentId, String policy, String reason) {
        return new GroupingDecision(Action.ATTACH, incidentId, policy, reason, List.of());
    }

    static GroupingDecision open(String policy, String reason, List<Long> alsoAttach) {
        return new GroupingDecision(Action.OPEN, 0, policy, reason, alsoAttach);
    }

    static GroupingDecision hold(String policy, String reason) {
        return new GroupingDecision(Action.HOLD, 0, policy, reason, List.of());
    }
}
