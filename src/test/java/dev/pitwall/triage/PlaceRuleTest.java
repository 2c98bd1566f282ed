package dev.pitwall.triage;

import static dev.pitwall.triage.TestChange.change;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PlaceRuleTest {

    /** checkout depends on payments and pricing; payments on ledger; ledger on nothing; reporting on ledger. */
    static final ServiceGraph GRAPH = new ServiceGraph(Map.of(
            "checkout", Set.of("payments", "pricing"),
            "enrollment", Set.of("pricing", "identity"),
            "payments", Set.of("ledger", "psp-gateway"),
            "ledger", Set.of("postgres-cluster"),
            "reporting", Set.of("ledger", "checkout")));

    @ParameterizedTest(name = "a change to {0} scores {1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            checkout         | 3.0 | same service as the incident (checkout)
            payments         | 2.0 | checkout depends on payments
            pricing          | 2.0 | checkout depends on pricing
            ledger           | 1.0 | checkout depends on payments, which depends on ledger
            psp-gateway      | 1.0 | checkout depends on payments, which depends on psp-gateway
            """)
    void sameServiceAndDependenciesUpToTwoHopsScore(String service, double score, String reason) {
        PlaceRule rule = new PlaceRule(Set.of("checkout"), GRAPH);
        CandidateChange change = change(1).service(service).build();

        assertThat(rule.score(change)).isEqualTo(score);
        assertThat(rule.reason(change)).isEqualTo(reason);
    }

    @ParameterizedTest(name = "a change to {0} scores nothing")
    @CsvSource({
        "postgres-cluster", // three hops
        "reporting", // depends on checkout: a caller, not a dependency
        "search" // not related at all
    })
    void servicesBeyondTwoHopsCallersAndStrangersScoreNothing(String service) {
        PlaceRule rule = new PlaceRule(Set.of("checkout"), GRAPH);

        assertThat(rule.score(change(1).service(service).build())).isZero();
    }

    @Test
    void aDependencyOfEveryFailingServiceExplainsThemAllAndGainsAPoint() {
        PlaceRule rule = new PlaceRule(Set.of("checkout", "enrollment"), GRAPH);
        CandidateChange pricing = change(1).service("pricing").build();
        CandidateChange payments = change(2).service("payments").build();

        assertThat(rule.score(pricing)).isEqualTo(PlaceRule.ONE_HOP + PlaceRule.COMMON_DEPENDENCY);
        assertThat(rule.reason(pricing)).isEqualTo("checkout and enrollment all depend on pricing");
        assertThat(rule.score(payments)).isEqualTo(PlaceRule.ONE_HOP);
    }
}
