package dev.pitwall.changes;

/**
 * Which status changes a recorded change may go through. A change in progress may end any way; a
 * finished change cannot start again (a new attempt is a new change), but a deploy that succeeded
 * or failed may later be marked rolled back, and a success may turn out to be a failure.
 */
final class ChangeStatusPolicy {

    record Decision(boolean allowed, String reason) {}

    private ChangeStatusPolicy() {}

    static Decision decide(ChangeStatus from, ChangeStatus to) {
        if (from == to) {
            return new Decision(true, "the status stays " + ChangeFields.label(to));
        }
        if (from == ChangeStatus.IN_PROGRESS) {
            return new Decision(true, "a change in progress ended " + ChangeFields.label(to));
        }
        if (to == ChangeStatus.IN_PROGRESS) {
            return new Decision(
                    false,
                    "the change already finished (" + ChangeFields.label(from)
                            + "); a new attempt is a new change: record one");
        }
        if (from == ChangeStatus.ROLLED_BACK) {
            return new Decision(false, "the change was rolled back; that is final");
        }
        if (to == ChangeStatus.ROLLED_BACK) {
            return new Decision(true, "the " + ChangeFields.label(from) + " change was rolled back");
        }
        if (from == ChangeStatus.SUCCEEDED && to == ChangeStatus.FAILED) {
            return new Decision(true, "the change was found to have failed after it reported success");
        }
        return new Decision(false, "a failed change cannot turn into a success; record a new change");
    }
}
