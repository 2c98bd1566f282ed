package dev.pitwall.changes;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * "What changed between {@code from} and {@code to}": per service and environment that had a
 * change, the version at each end and every change in between, oldest first.
 *
 * @param environments the environments asked for; empty means all
 */
public record ChangeDiff(Instant from, Instant to, Set<String> environments, List<ServiceChanges> services) {

    public int changeCount() {
        return services.stream().mapToInt(s -> s.changes().size()).sum();
    }

    /**
     * One service in one environment.
     *
     * @param fromVersion the version it ran at {@code from}, when known
     * @param toVersion the version it ran at {@code to}: the last successful deploy or rollback
     *     finished by then, else {@code fromVersion}
     * @param otherKinds the kinds other than deploy among its changes (config, feature flags,
     *     migrations…), which the page marks
     */
    public record ServiceChanges(
            String service,
            String environment,
            String fromVersion,
            String toVersion,
            Set<ChangeKind> otherKinds,
            boolean anyFailed,
            List<RecordedChange> changes) {

        public boolean versionChanged() {
            return toVersion != null && !toVersion.equals(fromVersion);
        }
    }
}
