package dev.pitwall.incidents;

import dev.pitwall.signals.SignalSource;
import dev.pitwall.signals.SignalUpdate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Customer reports open an incident once enough different customers report the same problem
 * within the window (the same service, or alike words when no service is named), or at once when
 * a report is marked widespread. One customer reporting twice is one customer; a report saying
 * that N customers are affected counts as N.
 */
final class CustomerReportsPolicy implements GroupingPolicy {

    @Override
    public String name() {
        return "customer-reports";
    }

    @Override
    public Optional<GroupingDecision> decide(SignalUpdate signal, GroupingFacts facts) {
        if (signal.source() != SignalSource.REPORT) {
            return Optional.empty();
        }
        GroupingRules rules = facts.rules();
        SignalUpdate.Report report = signal.report();
        if (report != null && report.widespread()) {
            return Optional.of(GroupingDecision.open(name(), "the report is marked widespread", List.of()));
        }
        Instant since = facts.now().minus(rules.reportWindow());
        Set<String> words =
                signal.service() == null ? ReportWords.of(report == null ? signal.title() : report.text()) : Set.of();
        Set<String> customers = new HashSet<>();
        int said = report == null ? 1 : Math.max(1, report.customersAffected());
        customers.add(customerOf(signal.signalId(), report == null ? null : report.customerId()));
        List<Long> same = new ArrayList<>();
        for (PendingSignal pending : facts.pending()) {
            if (pending.signalId() == signal.signalId() || pending.lastSeenAt().isBefore(since)) {
                continue;
            }
            if (signal.service() == null && ReportWords.similarity(words, pending.words()) < rules.reportSimilarity()) {
                continue;
            }
            same.add(pending.signalId());
            customers.add(customerOf(pending.signalId(), pending.customerId()));
            said = Math.max(said, pending.customersAffected());
        }
        int affected = Math.max(customers.size(), said);
        String where = signal.service() == null ? "the same problem" : "a problem with " + signal.service();
        String rule = "(rule: " + rules.reportCustomers() + " in " + Durations.describe(rules.reportWindow()) + ")";
        if (affected >= rules.reportCustomers()) {
            String reason = customers.size() >= said
                    ? customers.size() + " distinct customers reported " + where + " within "
                            + Durations.describe(rules.reportWindow()) + " " + rule
                    : "a report says " + said + " customers are affected by " + where + " " + rule;
            return Optional.of(GroupingDecision.open(name(), reason, same));
        }
        return Optional.of(GroupingDecision.hold(
                name(),
                affected + " of " + rules.reportCustomers() + " customers needed have reported " + where + " " + rule));
    }

    /** Reports without a customer id count as one customer each. */
    private static String customerOf(long signalId, String customerId) {
        return customerId == null || customerId.isBlank() ? "#signal-" + signalId : customerId.trim();
    }
}
