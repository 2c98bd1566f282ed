package dev.pitwall.signals;

import dev.pitwall.checks.CheckFailed;
import dev.pitwall.checks.CheckRecovered;
import dev.pitwall.system.DurableEventListener;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Failing checks become signals. These listeners run in the outbox's transaction, so the signal
 * and its {@link SignalsUpdated} commit together with the removal of the event: exactly once, and
 * without a detour through the intake log (the event is durable already).
 *
 * <p>One signal per check ({@code check-<id>}): a failure raises it (critical for a check of a
 * critical user journey, else error), a further failure repeats it, a recovery resolves it and the
 * next failure reopens it.
 */
@Component
class CheckSignals {

    private final SignalRecorder recorder;
    private final SignalRepository repository;

    CheckSignals(SignalRecorder recorder, SignalRepository repository) {
        this.recorder = recorder;
        this.repository = repository;
    }

    static String fingerprint(long checkId) {
        return "check-" + checkId;
    }

    @DurableEventListener
    void on(CheckFailed event) {
        Map<String, String> labels = Map.of("check", event.checkName());
        String service = IntakeLimits.validServiceName(event.service()) ? event.service() : null;
        String environment = IntakeLimits.validServiceName(event.environment()) ? event.environment() : null;
        Observation failed = new Observation(
                fingerprint(event.checkId()),
                SignalSource.CHECK,
                Observation.Action.TRIGGER,
                true,
                event.critical() ? Severity.CRITICAL : Severity.ERROR,
                IntakeLimits.truncate("Check " + event.checkName() + " is failing", IntakeLimits.MAX_TITLE),
                IntakeLimits.truncate(event.reason(), IntakeLimits.MAX_TEXT),
                service,
                environment,
                labels,
                event.target() != null && event.target().startsWith("http")
                        ? List.of(new SignalView.Link(event.target(), "Checked URL"))
                        : List.of(),
                List.of(),
                null,
                event.firstFailedAt(),
                null,
                event.failedAt(),
                null,
                new SignalUpdate.CheckContext(
                        event.checkId(),
                        event.checkName(),
                        event.target(),
                        event.critical(),
                        event.reason(),
                        event.changeId(),
                        event.change(),
                        event.changeFinishedAt()));
        repository.lockSignalWrites(true);
        recorder.record(List.of(failed));
    }

    @DurableEventListener
    void on(CheckRecovered event) {
        Observation recovered = new Observation(
                fingerprint(event.checkId()),
                SignalSource.CHECK,
                Observation.Action.RESOLVE,
                false,
                null,
                null,
                null,
                null,
                null,
                Map.of(),
                List.of(),
                List.of(),
                null,
                null,
                event.recoveredAt(),
                event.recoveredAt(),
                null,
                null);
        repository.lockSignalWrites(true);
        recorder.record(List.of(recovered));
    }
}
