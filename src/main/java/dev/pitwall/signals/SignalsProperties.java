package dev.pitwall.signals;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of signal intake ({@code pitwall.signals.*}, or environment variables such as
 * {@code PITWALL_SIGNALS_SERVICE_LABELS=service,app}); docs/signals.md explains each.
 *
 * @param serviceLabels Alertmanager labels that name the service, first match wins
 * @param environmentLabels Alertmanager labels that name the environment, first match wins
 * @param severityLabel the Alertmanager label that carries the severity
 * @param defaultSeverity the severity of an Alertmanager alert whose severity label is missing or
 *     not one Pitwall knows
 */
@ConfigurationProperties("pitwall.signals")
record SignalsProperties(
        @DefaultValue({"service", "job"}) List<String> serviceLabels,
        @DefaultValue({"env", "environment"}) List<String> environmentLabels,
        @DefaultValue("severity") String severityLabel,
        @DefaultValue("warning") Severity defaultSeverity,
        @DefaultValue Intake intake) {

    /**
     * @param queueLimit requests waiting for the group commit; more wait up to {@code admissionWait}
     *     for room, then get 503
     * @param maxBacklog records acknowledged but not yet folded into signals; above it intake replies
     *     503 with {@code Retry-After} until the fold catches up
     * @param maxBatch most requests committed by one group commit
     * @param foldRecords most records folded in one transaction of the main database
     * @param foldPause pause after a fold, so that the next one takes a bigger batch; skipped when a
     *     caller waits for its signal
     * @param walKeep SQLite: the size the intake log's WAL file is cut back to when it starts over
     * @param walLimit SQLite: above this size the intake log's WAL is checkpointed and truncated even
     *     if appends have to wait for it
     */
    record Intake(
            @DefaultValue("10000") int queueLimit,
            @DefaultValue("1s") Duration admissionWait,
            @DefaultValue("2000000") long maxBacklog,
            @DefaultValue("2048") int maxBatch,
            @DefaultValue("20000") int foldRecords,
            @DefaultValue("300ms") Duration foldPause,
            @DefaultValue("16MB") DataSize walKeep,
            @DefaultValue("128MB") DataSize walLimit) {}
}
