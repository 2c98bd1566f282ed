package dev.pitwall.incidents;

import dev.pitwall.signals.Severity;
import dev.pitwall.signals.SignalSource;
import dev.pitwall.signals.SignalUpdate;
import java.util.List;
import java.util.Optional;

/** A critical or error signal (alert or check) that joins no open incident opens one at once. */
final class OpenOnSeverityPolicy implements GroupingPolicy {

    @Override
    public String name() {
        return "severity";
    }

    @Override
    public Optional<GroupingDecision> decide(SignalUpdate signal, GroupingFacts facts) {
        if (signal.source() == SignalSource.REPORT) {
            return Optional.empty();
        }
        if (signal.severity() == Severity.CRITICAL || signal.severity() == Severity.ERROR) {
            return Optional.of(GroupingDecision.open(
                    name(), "a " + signal.severity().label() + " signal opens an incident at once", List.of()));
        }
        return Optional.empty();
    }
}
