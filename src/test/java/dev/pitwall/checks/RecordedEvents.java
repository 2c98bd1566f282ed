package dev.pitwall.checks;

import dev.pitwall.changes.VerificationReported;
import dev.pitwall.system.DurableEventListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.stereotype.Component;

/**
 * Receives the durable events the checks module publishes, as the signals and changes modules
 * will, so that tests can see what was handed over and when (nanoTime of receipt).
 */
@Component
class RecordedEvents {

    record Received<T>(T event, long nanos) {}

    final List<Received<CheckFailed>> failed = new CopyOnWriteArrayList<>();
    final List<Received<CheckRecovered>> recovered = new CopyOnWriteArrayList<>();
    final List<Received<VerificationReported>> verifications = new CopyOnWriteArrayList<>();
    final List<Received<VerificationPassed>> passed = new CopyOnWriteArrayList<>();

    @DurableEventListener
    void on(CheckFailed event) {
        failed.add(new Received<>(event, System.nanoTime()));
    }

    @DurableEventListener
    void on(CheckRecovered event) {
        recovered.add(new Received<>(event, System.nanoTime()));
    }

    @DurableEventListener
    void on(VerificationReported event) {
        verifications.add(new Received<>(event, System.nanoTime()));
    }

    @DurableEventListener
    void on(VerificationPassed event) {
        passed.add(new Received<>(event, System.nanoTime()));
    }

    List<VerificationPassed> passedOf(long changeId) {
        return passed.stream()
                .map(Received::event)
                .filter(e -> e.changeId() == changeId)
                .toList();
    }

    List<CheckFailed> failedOf(String check) {
        return failed.stream()
                .map(Received::event)
                .filter(e -> e.checkName().equals(check))
                .toList();
    }

    List<CheckRecovered> recoveredOf(String check) {
        return recovered.stream()
                .map(Received::event)
                .filter(e -> e.checkName().equals(check))
                .toList();
    }

    List<VerificationReported> verificationsOf(long changeId) {
        return verifications.stream()
                .map(Received::event)
                .filter(e -> e.changeId() == changeId)
                .toList();
    }
}
