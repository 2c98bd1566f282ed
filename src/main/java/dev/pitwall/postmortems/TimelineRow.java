package dev.pitwall.postmortems;

import dev.pitwall.incidents.TimelineEntry;

/**
 * An incident timeline entry as the postmortem shows it: the entry unchanged, its state, and the
 * annotation a writer added beside it.
 *
 * @param chosen whether a writer chose the state (false: the default, key for pinned entries)
 */
record TimelineRow(TimelineEntry entry, TimelineState state, String annotation, String annotatedBy, boolean chosen) {

    public boolean key() {
        return state == TimelineState.KEY;
    }

    public boolean hidden() {
        return state == TimelineState.HIDDEN;
    }
}
