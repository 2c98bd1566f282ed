package dev.pitwall.checks;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the checks module ({@code pitwall.checks.*}, documented in docs/checks.md).
 *
 * @param maxConcurrency checks running at once on this node; more wait their turn
 * @param maxPending runs waiting for a turn; beyond it scheduled runs are skipped (and counted)
 * @param allowedTargets CIDR ranges checks may reach although they are link-local or metadata addresses
 * @param rawRetention how long each run's result is kept
 * @param aggregateRetention how long hourly aggregates are kept
 * @param scheduleShards how many db-scheduler tasks share the checks between nodes
 * @param scheduleWindow how far ahead one shard task plans its checks' starts
 * @param scheduleLead how long before its window a shard task runs
 */
@ConfigurationProperties("pitwall.checks")
record ChecksProperties(
        @DefaultValue("200") int maxConcurrency,
        @DefaultValue("20000") int maxPending,
        @DefaultValue List<String> allowedTargets,
        @DefaultValue("14d") Duration rawRetention,
        @DefaultValue("365d") Duration aggregateRetention,
        @DefaultValue("8") int scheduleShards,
        @DefaultValue("5s") Duration scheduleWindow,
        @DefaultValue("3s") Duration scheduleLead,
        @DefaultValue VerificationSettings verification) {

    /**
     * @param roundInterval how often a verification runs its checks again
     * @param criticalThreshold failures after which a critical check fails inside a window
     * @param includeDependents also verify the checks of services that depend on the changed one
     * @param hookTimeout how long a rollback hook may take to answer
     * @param hookAttempts how often a rollback hook is tried before giving up
     */
    record VerificationSettings(
            @DefaultValue("10s") Duration roundInterval,
            @DefaultValue("1") int criticalThreshold,
            @DefaultValue("false") boolean includeDependents,
            @DefaultValue("10s") Duration hookTimeout,
            @DefaultValue("3") int hookAttempts) {}
}
