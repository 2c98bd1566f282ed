package dev.pitwall.signals;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/** What every intake endpoint does with the observations it read: commit them, then reply. */
@Component
class Intake {

    private final IntakeWriter writer;
    private final SignalFolder folder;
    private final IntakeLog intakeLog;
    private final Map<SignalSource, Counter> accepted = new EnumMap<>(SignalSource.class);

    Intake(IntakeWriter writer, SignalFolder folder, IntakeLog intakeLog, ObjectProvider<MeterRegistry> meters) {
        this.writer = writer;
        this.folder = folder;
        this.intakeLog = intakeLog;
        MeterRegistry registry = meters.getIfAvailable();
        for (SignalSource source : SignalSource.values()) {
            accepted.put(
                    source,
                    registry == null
                            ? null
                            : Counter.builder("pitwall.signals.intake.accepted")
                                    .description("Signals acknowledged to senders (committed to the intake log)")
                                    .tag("source", source.label())
                                    .register(registry));
        }
    }

    /**
     * Commits the observations to the intake log and returns their position; 0 when there was
     * nothing to store.
     *
     * @throws IntakeRefusedException when intake is full; nothing was stored
     */
    long accept(List<Observation> observations) {
        if (observations.isEmpty()) {
            return 0;
        }
        long position = writer.append(observations);
        Counter counter = accepted.get(observations.getFirst().source());
        if (counter != null) {
            counter.increment(observations.size());
        }
        return position;
    }

    /** Waits until the entry at this position has been folded into signals. */
    boolean awaitFolded(long position, Duration timeout) {
        return position == 0 || folder.await(position, timeout);
    }

    record Status(long backlog, int queued) {}

    Status status() {
        return new Status(intakeLog.backlog(), writer.queued());
    }
}
