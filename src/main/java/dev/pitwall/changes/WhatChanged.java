package dev.pitwall.changes;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Groups the changes that overlap a window by service and environment and works out the version
 * at each end. The version at {@code from} is the previous version of the group's first change
 * (every change carries the version that ran before it, taken when it was recorded); the version
 * at {@code to} is that of the last deploy or rollback that succeeded and finished by {@code to}.
 */
final class WhatChanged {

    private WhatChanged() {}

    /** {@code changes} ordered by start, as {@link ChangeRepository#overlapping} returns them. */
    static ChangeDiff between(Instant from, Instant to, Set<String> environments, List<RecordedChange> changes) {
        Map<String, List<RecordedChange>> groups = new LinkedHashMap<>();
        for (RecordedChange change : changes) {
            groups.computeIfAbsent(change.service() + '\u0000' + change.environment(), k -> new ArrayList<>())
                    .add(change);
        }
        List<ChangeDiff.ServiceChanges> services = new ArrayList<>(groups.size());
        for (List<RecordedChange> group : groups.values()) {
            services.add(summarize(group, to));
        }
        services.sort(Comparator.comparing(
                        (ChangeDiff.ServiceChanges s) -> s.service().toLowerCase())
                .thenComparing(ChangeDiff.ServiceChanges::environment));
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
