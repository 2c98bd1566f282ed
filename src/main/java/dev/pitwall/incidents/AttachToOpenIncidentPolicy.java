package dev.pitwall.incidents;

import dev.pitwall.signals.SignalSource;
import dev.pitwall.signals.SignalUpdate;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A signal joins an open incident of its own service; failing that (when the rules follow
 * dependencies) one of a service it calls directly, or of a service that calls it, because a
 * failure on either side of one hop is usually the same problem seen twice. Without a service, a
 * customer report joins the open incident whose words it shares, and any other signal the open
 * incident opened by a signal of the same title. Of several candidates the newest incident wins.
 */
final class AttachToOpenIncidentPolicy implements GroupingPolicy {

    @Override
    public String name() {
        return "open-incident";
    }

    @Override
    public Optional<GroupingDecision> decide(SignalUpdate signal, GroupingFacts facts) {
        List<OpenIncident> candidates = facts.open().stream()
                .filter(i -> i.fitsEnvironment(signal.environment()))
                .sorted(Comparator.comparingLong(OpenIncident::id).reversed())
                .toList();
        if (candidates.isEmpty()) {
            return Optional.empty();
        }
        String service = signal.service();
        if (service != null) {
            for (OpenIncident incident : candidates) {
                if (incident.hasService(service)) {
                    return attach(incident, service + " is affected by open incident #" + incident.id());
                }
            }
            if (facts.rules().followDependencies()) {
                Set<String> calls = facts.graph().dependenciesOf(service);
                for (OpenIncident incident : candidates) {
                    for (String dependency : calls) {
                        if (incident.hasService(dependency)) {
                            return attach(
                                    incident,
                                    service + " depends on " + dependency + ", which is affected by open incident #"
                                            + incident.id());
                        }
                    }
                }
                Set<String> callers = facts.graph().dependentsOf(service);
                for (OpenIncident incident : candidates) {
                    for (String caller : callers) {
                        if (incident.hasService(caller)) {
                            return attach(
                                    incident, caller + " (open incident #" + incident.id() + ") depends on " + service);
                        }
                    }
                }
            }
            return Optional.empty();
        }
        if (signal.source() == SignalSource.REPORT) {
            String text =
                    signal.report() == null ? signal.title() : signal.report().text();
            Set<String> words = ReportWords.of(text);
            OpenIncident best = null;
            double bestScore = 0;
            for (OpenIncident incident : candidates) {
                double score = ReportWords.similarity(words, incident.words());
                if (score >= facts.rules().reportSimilarity() && score > bestScore) {
                    best = incident;
                    bestScore = score;
                }
            }
            if (best != null) {
                return attach(
                        best,
                        "the report describes the same problem as open incident #" + best.id() + " ("
                                + Math.round(bestScore * 100) + "% of its words match)");
            }
            return Optional.empty();
        }
        for (OpenIncident incident : candidates) {
            if (incident.title().equalsIgnoreCase(signal.title())) {
                return attach(incident, "same title as open incident #" + incident.id() + " and no service named");
            }
        }
        return Optional.empty();
    }

    private Optional<GroupingDecision> attach(OpenIncident incident, String reason) {
        return Optional.of(GroupingDecision.attach(incident.id(), name(), reason));
    }
}
