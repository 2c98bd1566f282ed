package dev.pitwall.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ServiceGraphTest {

    // proposals-app -> pricing-api -> rates-db ; billing -> pricing-api ; a <-> b (a cycle)
    private final ServiceGraph graph = new ServiceGraph(Map.of(
            "proposals-app", Set.of("pricing-api"),
            "pricing-api", Set.of("rates-db"),
            "billing", Set.of("pricing-api"),
            "a", Set.of("b"),
            "b", Set.of("a")));

    @ParameterizedTest(name = "{0} -> {1}: {2}")
    @CsvSource({
        "proposals-app, proposals-app, 0",
        "proposals-app, pricing-api, 1",
        "proposals-app, rates-db, 2",
        "Proposals-App, RATES-DB, 2",
        "pricing-api, proposals-app, -1",
        "billing, proposals-app, -1",
        "a, b, 1",
        "a, c, -1"
    })
    void countsDependencyHops(String from, String to, int expected) {
        OptionalInt hops = graph.hops(from, to, 3);

        assertThat(hops.isPresent() ? hops.getAsInt() : -1).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} within {1} hops of rates-db: {2}")
    @CsvSource({"proposals-app, 1, false", "proposals-app, 2, true"})
    void stopsAtTheHopLimit(String from, int maxHops, boolean reachable) {
        assertThat(graph.hops(from, "rates-db", maxHops).isPresent()).isEqualTo(reachable);
    }

    @org.junit.jupiter.api.Test
    void knowsDependentsAndDependencies() {
        assertThat(graph.dependentsOf("pricing-api")).containsExactlyInAnyOrder("proposals-app", "billing");
        assertThat(graph.dependenciesOf("proposals-app")).containsExactly("pricing-api");
        assertThat(graph.dependenciesOf("unknown")).isEmpty();
    }
}
