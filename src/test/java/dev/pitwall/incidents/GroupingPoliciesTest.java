package dev.pitwall.incidents;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pitwall.catalog.ServiceGraph;
import dev.pitwall.signals.Severity;
import dev.pitwall.signals.SignalSource;
import dev.pitwall.signals.SignalStatus;
import dev.pitwall.signals.SignalUpdate;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each grouping rule on its own, with the reason it gives. */
class GroupingPoliciesTest {

    static final Instant NOW = Instant.parse("2026-11-24T18:00:00Z");
    static final ServiceGraph GRAPH = new ServiceGraph(Map.of("proposals-app", Set.of("pricing-api")));
    static final OpenIncident PRICING = new OpenIncident(
            12, IncidentStatus.INVESTIGATING, "production", "pricing down", List.of("pricing-api"), Set.of());

    static SignalUpdate signal(SignalSource source, Severity severity, String service, String env, String title) {
        return new SignalUpdate(
                1,
                "fp",
                source,
                SignalUpdate.Change.CREATED,
                SignalStatus.FIRING,
                severity,
                title,
                null,
                service,
                env,
                Map.of(),
                NOW,
                NOW,
                1,
                1,
                null,
                null);
    }

    static SignalUpdate report(String customer, String text, String service, int affected, boolean widespread) {
        return new SignalUpdate(
                99,
                "r",
                SignalSource.REPORT,
                SignalUpdate.Change.CREATED,
                SignalStatus.FIRING,
                Severity.WARNING,
                text,
                null,
                service,
                null,
                Map.of(),
                NOW,
                NOW,
                1,
                1,
                new SignalUpdate.Report(customer, text, affected, widespread),
                null);
    }

    static GroupingFacts facts(List<OpenIncident> open, GroupingRules rules, List<PendingSignal> pending) {
        return new GroupingFacts(open, GRAPH, rules, pending, NOW);
    }

    static PendingSignal held(long id, String customer, String text, int minutesAgo) {
        return new PendingSignal(
                id, Severity.WARNING, customer, 1, ReportWords.of(text), NOW.minusSeconds(60L * minutesAgo));
    }

    @ParameterizedTest(name = "{0} in {1}: {2}")
    @CsvSource({
        "pricing-api, production, ATTACH, pricing-api is affected by open incident #12",
        "proposals-app, production, ATTACH, 'proposals-app depends on pricing-api, which is affected by open incident #12'",
        "proposals-app, staging, NONE, ''",
        "billing-api, production, NONE, ''",
        "pricing-api, , ATTACH, pricing-api is affected by open incident #12"
    })
    void aSignalJoinsTheOpenIncidentOfItsServiceOrADependency(
            String service, String env, String expected, String reason) {
        var decision = new AttachToOpenIncidentPolicy()
                .decide(
                        signal(SignalSource.ALERTMANAGER, Severity.WARNING, service, env, "x"),
                        facts(List.of(PRICING), GroupingRules.DEFAULTS, List.of()));

        if (expected.equals("NONE")) {
            assertThat(decision).isEmpty();
        } else {
            assertThat(decision).hasValueSatisfying(d -> {
                assertThat(d.action()).isEqualTo(GroupingDecision.Action.ATTACH);
                assertThat(d.incidentId()).isEqualTo(12);
                assertThat(d.reason()).isEqualTo(reason);
            });
        }
    }

    @Test
    void dependenciesAreIgnoredWhenTheRulesSaySo() {
        GroupingRules noDeps = new GroupingRules(
                false,
                3,
                GroupingRules.DEFAULTS.warningWindow(),
                2,
                GroupingRules.DEFAULTS.reportWindow(),
                0.5,
                GroupingRules.DEFAULTS.autoResolveAfter());

        assertThat(new AttachToOpenIncidentPolicy()
                        .decide(
                                signal(
                                        SignalSource.ALERTMANAGER,
                                        Severity.CRITICAL,
                                        "proposals-app",
                                        "production",
                                        "x"),
                                facts(List.of(PRICING), noDeps, List.of())))
                .isEmpty();
    }

    @ParameterizedTest(name = "{0} {1} → {2}")
    @CsvSource({
        "ALERTMANAGER, CRITICAL, true",
        "PAGERDUTY, ERROR, true",
        "CHECK, CRITICAL, true",
        "GENERIC, WARNING, false",
        "ALERTMANAGER, INFO, false",
        "REPORT, CRITICAL, false"
    })
    void criticalAndErrorSignalsOpenAnIncidentAtOnce(SignalSource source, Severity severity, boolean opens) {
        var decision = new OpenOnSeverityPolicy()
                .decide(
                        signal(source, severity, "svc", null, "x"),
                        facts(List.of(), GroupingRules.DEFAULTS, List.of()));

        assertThat(decision.isPresent()).isEqualTo(opens);
        decision.ifPresent(d -> assertThat(d.reason()).contains(severity.label()));
    }

    @ParameterizedTest(name = "{0} held within the window, {1} outside → {2}")
    @CsvSource({"0, 0, HOLD", "1, 3, HOLD", "2, 0, OPEN", "5, 0, OPEN"})
    void warningsOpenAnIncidentAtTheThreshold(int recent, int old, GroupingDecision.Action expected) {
        List<PendingSignal> pending = new java.util.ArrayList<>();
        for (int i = 0; i < recent; i++) {
            pending.add(held(100 + i, null, "x", 2));
        }
        for (int i = 0; i < old; i++) {
            pending.add(held(200 + i, null, "x", 30));
        }

        GroupingDecision decision = new RepeatedWarningsPolicy()
                .decide(
                        signal(SignalSource.ALERTMANAGER, Severity.WARNING, "svc", null, "x"),
                        facts(List.of(), GroupingRules.DEFAULTS, pending))
                .orElseThrow();

        assertThat(decision.action()).isEqualTo(expected);
        assertThat(decision.reason()).contains("(rule: 3 in 10 min)");
        if (expected == GroupingDecision.Action.OPEN) {
            assertThat(decision.alsoAttach()).hasSize(recent);
        }
    }

    @Test
    void reportsCountDistinctCustomersAndTrustASaidNumber() {
        CustomerReportsPolicy policy = new CustomerReportsPolicy();
        var sameCustomer = policy.decide(
                        report("acme", "cannot pay invoices", "billing", 1, false),
                        facts(List.of(), GroupingRules.DEFAULTS, List.of(held(1, "acme", "x", 5))))
                .orElseThrow();
        var twoCustomers = policy.decide(
                        report("acme", "cannot pay invoices", "billing", 1, false),
                        facts(List.of(), GroupingRules.DEFAULTS, List.of(held(1, "globex", "x", 5))))
                .orElseThrow();
        var oneSaysFifty = policy.decide(
                        report("acme", "cannot pay invoices", "billing", 50, false),
                        facts(List.of(), GroupingRules.DEFAULTS, List.of()))
                .orElseThrow();
        var widespread = policy.decide(
                        report("acme", "cannot pay invoices", "billing", 1, true),
                        facts(List.of(), GroupingRules.DEFAULTS, List.of()))
                .orElseThrow();
        var tooOld = policy.decide(
                        report("acme", "cannot pay invoices", "billing", 1, false),
                        facts(List.of(), GroupingRules.DEFAULTS, List.of(held(1, "globex", "x", 45))))
                .orElseThrow();

        assertThat(sameCustomer.action()).isEqualTo(GroupingDecision.Action.HOLD);
        assertThat(sameCustomer.reason()).startsWith("1 of 2 customers");
        assertThat(twoCustomers.action()).isEqualTo(GroupingDecision.Action.OPEN);
        assertThat(twoCustomers.reason()).contains("2 distinct customers");
        assertThat(oneSaysFifty.reason()).contains("a report says 50 customers are affected");
        assertThat(widespread.reason()).isEqualTo("the report is marked widespread");
        assertThat(tooOld.action()).isEqualTo(GroupingDecision.Action.HOLD);
    }

    @Test
    void reportsWithoutAServiceCountOnlyReportsThatDescribeTheSameProblem() {
        CustomerReportsPolicy policy = new CustomerReportsPolicy();
        List<PendingSignal> pending = List.of(
                held(1, "globex", "The invoice PDF download shows a blank page", 5),
                held(2, "initech", "Password reset email never arrives", 5));

        GroupingDecision decision = policy.decide(
                        report("acme", "Blank page when I download an invoice PDF", null, 1, false),
                        facts(List.of(), GroupingRules.DEFAULTS, pending))
                .orElseThrow();

        assertThat(decision.action()).isEqualTo(GroupingDecision.Action.OPEN);
        assertThat(decision.alsoAttach()).containsExactly(1L);
    }

    @ParameterizedTest(name = "\"{0}\" vs \"{1}\"")
    @CsvSource({
        "Cannot see line items on proposals, Proposal line items are missing, true",
        "Cannot see line items on proposals, Password reset emails do not arrive, false",
        "It is broken, Everything is broken, false"
    })
    void reportWordsMatchTheSameProblemWorded(String a, String b, boolean same) {
        double similarity = ReportWords.similarity(ReportWords.of(a), ReportWords.of(b));

        assertThat(similarity >= 0.5).isEqualTo(same);
    }

    @ParameterizedTest(name = "{0} → {1}: {2}")
    @CsvSource({
        "TRIAGE, INVESTIGATING, true",
        "MONITORING, INVESTIGATING, true",
        "RESOLVED, INVESTIGATING, true",
        "INVESTIGATING, CLOSED, false",
        "CLOSED, INVESTIGATING, false",
        "IDENTIFIED, IDENTIFIED, false"
    })
    void theLifecycleSaysWhichStatusChangesArePossible(IncidentStatus from, IncidentStatus to, boolean allowed) {
        IncidentLifecycle.Transition transition = IncidentLifecycle.check(from, to);

        assertThat(transition.allowed()).isEqualTo(allowed);
        assertThat(transition.reason()).isNotBlank();
    }
}
