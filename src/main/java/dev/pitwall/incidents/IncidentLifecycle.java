package dev.pitwall.incidents;

/**
 * Which status changes a person may make, each refusal with its reason. An incident moves forward
 * through triage, investigating, identified and monitoring, may step back when a fix does not
 * hold, is resolved by a person (or after its quiet period) and may be reopened; only a published
 * postmortem closes it, and a closed incident no longer changes.
 */
final class IncidentLifecycle {

    /** The outcome of asking for a change: allowed, or refused with the reason. */
    record Transition(boolean allowed, String reason) {}

    private IncidentLifecycle() {}

    static Transition check(IncidentStatus from, IncidentStatus to) {
        if (from == IncidentStatus.CLOSED) {
            return new Transition(false, "the incident is closed (its postmortem was published) and no longer changes");
        }
        if (to == IncidentStatus.CLOSED) {
            return new Transition(false, "an incident is closed by publishing its postmortem, not by a status change");
        }
        if (from == to) {
            return new Transition(false, "the incident is already " + to.label());
        }
        if (from == IncidentStatus.RESOLVED) {
            return new Transition(true, "reopened");
        }
        if (to == IncidentStatus.TRIAGE && from != IncidentStatus.TRIAGE) {
            return new Transition(true, "back to triage");
        }
        return new Transition(true, from.label() + " → " + to.label());
    }
}
