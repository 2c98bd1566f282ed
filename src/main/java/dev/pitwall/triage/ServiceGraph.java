package dev.pitwall.triage;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Which services each service depends on, as declared in the catalog. */
public record ServiceGraph(Map<String, Set<String>> dependencies) {

    public static final ServiceGraph EMPTY = new ServiceGraph(Map.of());

    public ServiceGraph {
        Map<String, Set<String>> copy = new HashMap<>();
        dependencies.forEach((service, deps) -> copy.put(service, Set.copyOf(deps)));
        dependencies = Map.copyOf(copy);
    }

    /**
     * The services that {@code affected} depend on within {@code maxHops} hops, each with the
     * shortest path that reaches it (an affected service first, the dependency last). Services are
     * visited in name order, so the path shown never depends on hash order. The affected services
     * themselves are not included.
     */
    public Map<String, List<String>> upstreamOf(Collection<String> affected, int maxHops) {
        Map<String, List<String>> paths = new HashMap<>();
        ArrayDeque<List<String>> queue = new ArrayDeque<>();
        for (String service : new TreeSet<>(affected)) {
            paths.put(service, List.of(service));
            queue.add(List.of(service));
        }
        while (!queue.isEmpty()) {
            List<String> path = queue.poll();
            if (path.size() > maxHops) {
                continue;
            }
            for (String next : new TreeSet<>(dependencies.getOrDefault(path.getLast(), Set.of()))) {
                if (!paths.containsKey(next)) {
                    List<String> longer = new ArrayList<>(path);
                    longer.add(next);
                    paths.put(next, List.copyOf(longer));
                    queue.add(List.copyOf(longer));
                }
            }
        }
        affected.forEach(paths::remove);
        return paths;
    }
}
