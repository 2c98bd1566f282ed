package dev.pitwall.triage;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Place: a change to the service that is failing, or to a service it depends on. The weight falls
 * with each hop in the catalog's dependency graph because every hop is a place where the failure
 * could have been absorbed (a retry, a fallback, a cache) and because a service has more
 * dependencies two hops away than one, so any single one of them is less likely. Beyond two hops
 * the graph says too little to count.
 *
 * <p>When several services fail at once, a service that all of them depend on explains all the
 * failures, where a change to one of them explains only its own: such a common dependency gains
 * one more point.
 */
final class PlaceRule implements EvidenceRule {

    static final double SAME_SERVICE = 3.0;
    static final double ONE_HOP = 2.0;
    static final double TWO_HOPS = 1.0;
    static final double COMMON_DEPENDENCY = 1.0;

    private final Set<String> affected;
    private final Map<String, List<String>> paths;
    private final Set<String> common = new HashSet<>();
    private final Map<String, Double> scores = new HashMap<>();

    PlaceRule(Set<String> affected, ServiceGraph graph) {
        this.affected = affected;
        this.paths = graph.upstreamOf(affected, 2);
        affected.forEach(service -> scores.put(service, SAME_SERVICE));
        paths.forEach((service, path) -> scores.put(service, path.size() == 2 ? ONE_HOP : TWO_HOPS));
        if (affected.size() > 1) {
            common.addAll(paths.keySet());
            affected.forEach(service ->
                    common.retainAll(graph.upstreamOf(Set.of(service), 2).keySet()));
            common.forEach(service -> scores.merge(service, COMMON_DEPENDENCY, Double::sum));
        }
    }

    @Override
    public String name() {
        return "place";
    }

    @Override
    public double score(CandidateChange change) {
        Double score = scores.get(change.service());
        return score == null ? 0 : score;
    }

    @Override
    public String reason(CandidateChange change) {
        if (affected.contains(change.service())) {
            return "same service as the incident (" + change.service() + ")";
        }
        if (common.contains(change.service())) {
            return String.join(" and ", new TreeSet<>(affected)) + " all depend on " + change.service();
        }
        List<String> path = paths.get(change.service());
        return path.size() == 2
                ? path.get(0) + " depends on " + path.get(1)
                : path.get(0) + " depends on " + path.get(1) + ", which depends on " + path.get(2);
    }
}
