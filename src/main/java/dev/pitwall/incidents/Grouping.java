package dev.pitwall.incidents;

import dev.pitwall.signals.SignalSource;
import dev.pitwall.signals.SignalUpdate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The grouping rules in the order they are asked: an open incident first, then customer reports,
 * then severity, then repeated warnings (which always decides).
 */
final class Grouping {

    private final List<GroupingPolicy> policies = List.of(
            new AttachToOpenIncidentPolicy(),
            new CustomerReportsPolicy(),
            new OpenOnSeverityPolicy(),
            new RepeatedWarningsPolicy());

    GroupingDecision decide(SignalUpdate signal, GroupingFacts facts) {
        for (GroupingPolicy policy : policies) {
            Optional<GroupingDecision> decision = policy.decide(signal, facts);
            if (decision.isPresent()) {
                return decision.get();
            }
        }
        throw new IllegalStateException("RepeatedWarningsPolicy decides every signal");
    }

    /**
     * The group whose held signals count together: reports per service (or all reports without
     * one, compared by words), other signals per service, or per title when they name no service.
     */
    static String groupKey(SignalUpdate signal) {
        String service = signal.service() == null ? null : signal.service().toLowerCase(Locale.ROOT);
        if (signal.source() == SignalSource.REPORT) {
            return service == null ? "report:" : "report:svc:" + service;
        }
        if (service != null) {
            return "svc:" + service;
        }
        String title = signal.title() == null ? "" : signal.title().toLowerCase(Locale.ROOT);
        return "title:" + (title.length() > 200 ? title.substring(0, 200) : title);
    }
}
