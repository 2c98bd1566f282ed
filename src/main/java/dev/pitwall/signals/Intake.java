package dev.pitwall.signals;

import java.time.Duration;
import java.util.List;
import org.springframework.stereotype.Component;

/** What every intake endpoint does with the observations it read: commit them, then reply. */
@Component
class Intake {

    private final IntakeWriter writer;
    private final SignalFolder folder;
    private final IntakeLog intakeLog;

    Intake(IntakeWriter writer, SignalFolder folder, IntakeLog intakeLog) {
        this.writer = writer;
        this.folder = folder;
        this.intakeLog = intakeLog;
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
        return writer.append(observations);
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
