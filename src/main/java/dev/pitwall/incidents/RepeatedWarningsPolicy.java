package dev.pitwall.incidents;

import dev.pitwall.signals.SignalUpdate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Warning and info signals open an incident only when several of them, for the same service (or
 * with the same title when they name none), arrive within the window: one warning is noise, three
 * in ten minutes are a problem.
 */
final class RepeatedWarningsPolicy implements GroupingPolicy {

    @Override
    public String name() {
        return "repeated-warnings";
    }

    @Override
    public Optional<GroupingDecision> decide(SignalUpdate signal, GroupingFacts facts) {
        GroupingRules rules = facts.rules();
        Instant since = facts.now().minus(rules.warningWindow());
        List<Long> same = new ArrayList<>();
        for (PendingSignal pending : facts.pending()) {
            if (pending.signalId() != signal.signalId() && !pending.lastSeenAt().isBefore(since)) {
                same.add(pending.signalId());
            }
        }
        int count = same.size() + 1;
        String of = signal.service() == null ? "titled '" + signal.title() + "'" : "for " + signal.service();
        String rule = "(rule: " + rules.warningCount() + " in " + Durations.describe(rules.warningWindow()) + ")";
        if (count >= rules.warningCount()) {
            return Optional.of(GroupingDecision.open(
                    name(),
                    count + " warning or info signals " + of + " within " + Durations.describe(rules.warningWindow())
                            + " " + rule,
                    same));
        }
        return Optional.of(GroupingDecision.hold(
                name(), count + " of " + rules.warningCount() + " warning or info signals " + of + " so far " + rule));
    }
}
