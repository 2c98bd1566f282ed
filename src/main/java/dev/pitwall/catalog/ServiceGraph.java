package dev.pitwall.catalog;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The dependencies between services at one moment: who calls whom. Names are compared without
 * regard to case, as everywhere in the catalog.
 */
public final class ServiceGraph {

    private final Map<String, Set<String>> dependencies;
    private final Map<String, Set<String>> dependents;

    public ServiceGraph(Map<String, Set<String>> dependencies) {
        this.dependencies = new HashMap<>();
        this.dependents = new HashMap<>();
        dependencies.forEach((service, targets) -> {
            for (String target : targets) {
                this.dependencies
                        .computeIfAbsent(key(service), k -> new LinkedHashSet<>())
                        .add(target);
                this.dependents
                        .computeIfAbsent(key(target), k -> new LinkedHashSet<>())
                        .add(service);
            }
        });
    }

    public static ServiceGraph empty() {
        return new ServiceGraph(Map.of());
    }

    /** The services {@code service} calls directly. */
    public Set<String> dependenciesOf(String service) {
        return Set.copyOf(dependencies.getOrDefault(key(service), Set.of()));
    }

    /** The services that call {@code service} directly. */
    public Set<String> dependentsOf(String service) {
        return Set.copyOf(dependents.getOrDefault(key(service), Set.of()));
    }

    /**
     * How many dependency hops lead from {@code from} to {@code to} (1 = a direct dependency), up to
     * {@code maxHops}; empty when {@code to} is not reachable that way. 0 when both are the same.
     */
    public OptionalInt hops(String from, String to, int maxHops) {
        if (key(from).equals(key(to))) {
            return OptionalInt.of(0);
        }
        Set<String> seen = new HashSet<>();
        Deque<String> frontier = new ArrayDeque<>();
        frontier.add(key(from));
        seen.add(key(from));
        for (int hop = 1; hop <= maxHops && !frontier.isEmpty(); hop++) {
            Deque<String> next = new ArrayDeque<>();
            for (String service : frontier) {
                for (String target : dependencies.getOrDefault(service, Set.of())) {
                    String k = key(target);
                    if (k.equals(key(to))) {
                        return OptionalInt.of(hop);
                    }
                    if (seen.add(k)) {
                        next.add(k);
                    }
                }
            }
            frontier = next;
        }
        return OptionalInt.empty();
    }

    private static String key(String service) {
        return service.toLowerCase();
    }
}
