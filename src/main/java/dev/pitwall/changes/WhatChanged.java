package dev.pitwall.changes;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Groups the changes that overlap a window by service and environment and works out the version
 * at each end. The version at {@code from} is the previous version of the group's first change
 * (every change carries the version that ran before it, taken when it was recorded); the version
 * at {@code to} is that of the last deploy or rollback that succeeded and finished by {@code to}.
 */
final class WhatChanged {

    private record Place(String service, String environment) {}

    private WhatChanged() {}

    /** {@code changes} ordered by start, as {@link ChangeRepository#overlapping} returns them. */
    static ChangeDiff between(Instant from, Instant to, Set<String> environments, List<RecordedChange> changes) {
        Map<Place, List<RecordedChange>> groups = new HashMap<>();
        for (RecordedChange change : changes) {
            groups.computeIfAbsent(new Place(change.service(), change.environment()), k -> new ArrayList<>())
                    .add(change);
        }
        // sorted by a key made once per group, not by comparing names without case at every step
        List<Map.Entry<String, ChangeDiff.ServiceChanges>> sorted = new ArrayList<>(groups.size());
        for (Map.Entry<Place, List<RecordedChange>> group : groups.entrySet()) {
            Place place = group.getKey();
            sorted.add(Map.entry(
                    place.service().toLowerCase(Locale.ROOT) + '\u0000' + place.environment(),
                    summarize(group.getValue(), to)));
        }
        sorted.sort(Map.Entry.comparingByKey());
        List<ChangeDiff.ServiceChanges> services = new ArrayList<>(sorted.size());
        for (Map.Entry<String, ChangeDiff.ServiceChanges> entry : sorted) {
            services.add(entry.getValue());
        }
        return new ChangeDiff(from, to, Set.copyOf(environments), List.copyOf(services));
    }

    private static ChangeDiff.ServiceChanges summarize(List<RecordedChange> group, Instant to) {
        RecordedChange first = group.getFirst();
        String fromVersion = first.previousVersion();
        String toVersion = fromVersion;
        Set<ChangeKind> otherKinds = EnumSet.noneOf(ChangeKind.class);
        boolean anyFailed = false;
        for (RecordedChange change : group) {
            if (change.kind() != ChangeKind.DEPLOY) {
                otherKinds.add(change.kind());
            }
            if (change.status() == ChangeStatus.FAILED
                    || change.status() == ChangeStatus.ROLLED_BACK
                    || change.verification() == ChangeVerification.FAILED) {
                anyFailed = true;
            }
            if (change.setsVersion()
                    && change.status() == ChangeStatus.SUCCEEDED
                    && change.version() != null
                    && change.finishedAt() != null
                    && !change.finishedAt().isAfter(to)) {
                toVersion = change.version();
            }
        }
        return new ChangeDiff.ServiceChanges(
                first.service(),
                first.environment(),
                fromVersion,
                toVersion,
                java.util.Collections.unmodifiableSet(otherKinds),
                anyFailed,
                List.copyOf(group));
    }
}
