package dev.pitwall.incidents;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pitwall.catalog.CatalogService;
import dev.pitwall.catalog.ServiceDescription;
import dev.pitwall.signals.Severity;
import dev.pitwall.signals.SignalStatus;
import dev.pitwall.signals.SignalUpdate;
import dev.pitwall.system.Actor;
import dev.pitwall.system.PitwallTest;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;

@PitwallTest
class SignalGroupingTest {

    private static final AtomicInteger RUN = new AtomicInteger();

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    Clock clock;

    @Autowired
    IncidentService incidents;

    @Autowired
    Incidents api;

    @Autowired
    GroupingSettings settings;

    @Autowired
    CatalogService catalog;

    TestSignals signals;
    String svc;

    @BeforeEach
    void fixture() {
        signals = new TestSignals(events, transactions, clock);
        svc = "grouping-" + RUN.incrementAndGet();
    }

    @AfterEach
    void defaults() {
        settings.save(GroupingRules.DEFAULTS, "ui", Actor.PITWALL);
    }

    @Test
    void criticalAlertOpensAnIncidentWithTheReasonOnTheTimeline() {
        SignalUpdate alert = signals.alert("HighErrorRate", Severity.CRITICAL, svc);

        signals.publish(alert);

        IncidentView incident = incidentOf(svc).orElseThrow();
        assertThat(incident.severity()).isEqualTo(IncidentSeverity.SEV1);
        assertThat(incident.status()).isEqualTo(IncidentStatus.TRIAGE);
        assertThat(incident.detectionSource()).isEqualTo(DetectionSource.ALERT);
        assertThat(incident.environment()).isEqualTo("production");
        assertThat(incident.signals()).isEqualTo(1);
        assertThat(incident.impactStartedAt())
                .isEqualTo(alert.startedAt().truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
        assertThat(api.timeline(incident.id()))
                .extracting(TimelineEntry::text)
                .anySatisfy(t -> assertThat(t).contains("a critical signal opens an incident at once"))
                .anySatisfy(t -> assertThat(t).contains("Signal attached: Alertmanager alert 'HighErrorRate'"));
    }

    @Test
    void repeatsOfASignalCountOnTheSameIncidentAndNeverOpenASecond() {
        SignalUpdate alert = signals.alert("DiskFull", Severity.ERROR, svc);
        signals.publish(alert);

        signals.publish(TestSignals.again(alert, SignalUpdate.Change.REPEATED, SignalStatus.FIRING, clock.instant()));
        signals.publish(TestSignals.again(alert, SignalUpdate.Change.REPEATED, SignalStatus.FIRING, clock.instant()));

        assertThat(incidentsOf(svc)).hasSize(1);
        IncidentView incident = incidentOf(svc).orElseThrow();
        assertThat(incident.signals()).isEqualTo(1);
        assertThat(incidents.signals(incident.id(), 10).getFirst().count()).isEqualTo(2);
    }

    @Test
    void aSignalForAServiceThatDependsOnTheIncidentsServiceJoinsIt() {
        String frontend = svc + "-app";
        catalog.describe(
                frontend, new ServiceDescription(null, null, null, null, null, List.of(svc), null, null), "api");
        signals.publish(signals.alert("DatabaseDown", Severity.CRITICAL, svc));

        signals.publish(signals.alert("CheckoutErrors", Severity.CRITICAL, frontend));

        IncidentView incident = incidentOf(svc).orElseThrow();
        assertThat(incidentsOf(frontend))
                .hasSize(1)
                .first()
                .extracting(IncidentView::id)
                .isEqualTo(incident.id());
        assertThat(incident.services()).contains(svc);
        assertThat(incidents.get(incident.id()).services()).containsExactlyInAnyOrder(svc, frontend);
        assertThat(api.timeline(incident.id()))
                .extracting(TimelineEntry::text)
                .anySatisfy(t -> assertThat(t).contains(frontend + " depends on " + svc));
    }

    @Test
    void anotherEnvironmentOpensItsOwnIncident() {
        signals.publish(signals.alert(TestSignals.nextId(), "Down", Severity.CRITICAL, svc, "production"));
        signals.publish(signals.alert(TestSignals.nextId(), "Down", Severity.CRITICAL, svc, "staging"));

        assertThat(incidentsOf(svc))
                .extracting(IncidentView::environment)
                .containsExactlyInAnyOrder("production", "staging");
    }

    @Test
    void warningsOpenAnIncidentOnlyAfterThreeWithinTenMinutes() {
        SignalUpdate first = signals.alert("SlowQueries", Severity.WARNING, svc);
        SignalUpdate second = signals.alert("SlowQueries2", Severity.WARNING, svc);
        signals.publish(first);
        signals.publish(second);
        assertThat(incidentOf(svc)).isEmpty();

        signals.publish(signals.alert("SlowQueries3", Severity.INFO, svc));

        IncidentView incident = incidentOf(svc).orElseThrow();
        assertThat(incident.signals())
                .as("the held signals join the incident they opened")
                .isEqualTo(3);
        assertThat(incident.severity()).isEqualTo(IncidentSeverity.SEV3);
        assertThat(api.timeline(incident.id()))
                .extracting(TimelineEntry::text)
                .anySatisfy(t -> assertThat(t).contains("3 warning or info signals for " + svc + " within 10 min"));
    }

    @Test
    void theWarningThresholdIsConfigurable() {
        settings.save(
                new GroupingRules(true, 1, Duration.ofMinutes(10), 2, Duration.ofMinutes(30), 0.5, Duration.ZERO),
                "ui",
                Actor.PITWALL);

        signals.publish(signals.alert("OneWarningIsEnough", Severity.WARNING, svc));

        assertThat(incidentOf(svc)).isPresent();
    }

    @Test
    void customerReportsOpenAnIncidentAfterTwoDistinctCustomersAndCountThem() {
        signals.publish(signals.report("acme", "Cannot see line items on proposals", svc, false));
        signals.publish(signals.report("acme", "Line items still missing", svc, false));
        assertThat(incidentOf(svc)).as("one customer twice is one customer").isEmpty();

        signals.publish(signals.report("globex", "Proposal line items are empty", svc, false));
        signals.publish(signals.report("initech", "No line items", svc, false));

        IncidentView incident = incidentOf(svc).orElseThrow();
        assertThat(incident.detectionSource()).isEqualTo(DetectionSource.CUSTOMER);
        assertThat(incident.reports()).isEqualTo(4);
        assertThat(incident.distinctCustomers()).isEqualTo(3);
        assertThat(api.timeline(incident.id()))
                .extracting(TimelineEntry::text)
                .anySatisfy(t -> assertThat(t).contains("2 distinct customers reported a problem with " + svc));
    }

    @Test
    void aWidespreadReportOpensAnIncidentAtOnce() {
        signals.publish(signals.report("acme", "Nobody can sign in", svc, true));

        IncidentView incident = incidentOf(svc).orElseThrow();
        assertThat(incident.severity()).isEqualTo(IncidentSeverity.SEV2);
        assertThat(api.timeline(incident.id()))
                .extracting(TimelineEntry::text)
                .anySatisfy(t -> assertThat(t).contains("marked widespread"));
    }

    @Test
    void reportsWithoutAServiceJoinTheIncidentTheirWordsDescribe() {
        String word = "zorblax" + RUN.get();
        signals.publish(signals.report("acme", "The " + word + " export button returns garbage invoices", null, true));
        IncidentView incident = incidentWithTitle(word).orElseThrow();

        signals.publish(signals.report("globex", "Invoices from the " + word + " export are garbage", null, false));

        IncidentView after = incidents.get(incident.id());
        assertThat(after.reports()).isEqualTo(2);
        assertThat(after.distinctCustomers()).isEqualTo(2);
    }

    @Test
    void whenEverySignalResolvesTheIncidentMovesToMonitoringAndBackWhenOneFiresAgain() {
        SignalUpdate a = signals.alert("ErrorsA", Severity.CRITICAL, svc);
        SignalUpdate b = signals.alert("ErrorsB", Severity.CRITICAL, svc);
        signals.publish(a, b);
        long id = incidentOf(svc).orElseThrow().id();

        signals.publish(TestSignals.again(a, SignalUpdate.Change.RESOLVED, SignalStatus.RESOLVED, clock.instant()));
        assertThat(incidents.get(id).status()).isEqualTo(IncidentStatus.TRIAGE);
        signals.publish(TestSignals.again(b, SignalUpdate.Change.RESOLVED, SignalStatus.RESOLVED, clock.instant()));
        IncidentView monitoring = incidents.get(id);
        assertThat(monitoring.status()).isEqualTo(IncidentStatus.MONITORING);
        assertThat(monitoring.mitigatedAt()).isNotNull();
        assertThat(monitoring.resolvedAt()).as("monitoring is not resolved").isNull();

        signals.publish(TestSignals.again(b, SignalUpdate.Change.REOPENED, SignalStatus.FIRING, clock.instant()));

        assertThat(incidents.get(id).status()).isEqualTo(IncidentStatus.INVESTIGATING);
    }

    @Test
    void aQuietIncidentIsResolvedAfterTheQuietPeriod() {
        SignalUpdate a = signals.alert("Flap", Severity.CRITICAL, svc);
        signals.publish(a);
        long id = incidentOf(svc).orElseThrow().id();
        signals.publish(TestSignals.again(a, SignalUpdate.Change.RESOLVED, SignalStatus.RESOLVED, clock.instant()));

        assertThat(incidents.resolveQuiet(Duration.ofHours(1))).doesNotContain(id);
        List<Long> resolved = incidents.resolveQuiet(Duration.ofMillis(1).plusNanos(0));

        assertThat(resolved).contains(id);
        assertThat(incidents.get(id).status()).isEqualTo(IncidentStatus.RESOLVED);
        assertThat(api.timeline(id))
                .extracting(TimelineEntry::text)
                .anySatisfy(t -> assertThat(t).contains("auto-resolve"));
    }

    @Test
    void aCheckSignalSaysWhichDeployItFailedAfter() {
        var finished = clock.instant().minusSeconds(30);
        signals.publish(signals.check(
                "member can list line items", svc, 42L, svc + " 2.14.0", finished, finished.plusSeconds(14)));

        IncidentView incident = incidentOf(svc).orElseThrow();
        assertThat(incident.detectionSource()).isEqualTo(DetectionSource.CHECK);
        assertThat(api.timeline(incident.id()))
                .extracting(TimelineEntry::text)
                .contains("check 'member can list line items' failed 14 s after deploy " + svc
                        + " 2.14.0: step 2: expected status 200, got 500");
        IncidentEvidence evidence = api.evidence(incident.id());
        assertThat(evidence.changeIds()).containsExactly(42L);
        assertThat(evidence.failingChecks())
                .containsExactly(new IncidentEvidence.FailingCheck(
                        "member can list line items", "https://proposals.example.com/line-items"));
        assertThat(evidence.services()).containsExactly(svc);
    }

    @Test
    void aMoreSevereSignalEscalatesTheIncidentUntilAPersonSetsTheSeverity() {
        signals.publish(signals.alert("Slow", Severity.ERROR, svc));
        long id = incidentOf(svc).orElseThrow().id();

        signals.publish(signals.alert("Down", Severity.CRITICAL, svc));
        assertThat(incidents.get(id).severity()).isEqualTo(IncidentSeverity.SEV1);

        incidents.change(id, new IncidentChanges(null, null, IncidentSeverity.SEV3, null, null, null), Actor.PITWALL);
        signals.publish(signals.alert("DownAgain", Severity.CRITICAL, svc));
        assertThat(incidents.get(id).severity()).isEqualTo(IncidentSeverity.SEV3);
    }

    @Test
    void aSignalOfAResolvedIncidentThatFiresAgainOpensANewOne() {
        SignalUpdate a = signals.alert("Recurring", Severity.CRITICAL, svc);
        signals.publish(a);
        long first = incidentOf(svc).orElseThrow().id();
        incidents.resolve(first, Actor.PITWALL, null);

        signals.publish(TestSignals.again(a, SignalUpdate.Change.REPEATED, SignalStatus.FIRING, clock.instant()));

        assertThat(incidentsOf(svc)).as("one open incident, the new one").hasSize(1);
        assertThat(incidentOf(svc).orElseThrow().id()).isNotEqualTo(first);
        assertThat(incidents.get(first).status()).isEqualTo(IncidentStatus.RESOLVED);
    }

    @Test
    void aSignalWithoutATitleOrSeverityStillGroupsInsteadOfBlockingTheIntake() {
        var now = clock.instant();
        SignalUpdate bare = new SignalUpdate(
                TestSignals.nextId(),
                null,
                dev.pitwall.signals.SignalSource.GENERIC,
                SignalUpdate.Change.CREATED,
                SignalStatus.FIRING,
                null,
                null,
                null,
                svc,
                null,
                null,
                null,
                now,
                1,
                1,
                null,
                null);
        SignalUpdate critical = signals.alert("AfterTheBareOne", Severity.CRITICAL, svc);

        signals.publish(bare, critical);

        IncidentView incident = incidentOf(svc).orElseThrow();
        assertThat(incident.signals()).isEqualTo(1);
        assertThat(incidents.signals(incident.id(), 10))
                .extracting(LinkedSignal::title)
                .containsExactly("AfterTheBareOne");
    }

    private Optional<IncidentView> incidentOf(String service) {
        return incidentsOf(service).stream().findFirst();
    }

    private List<IncidentView> incidentsOf(String service) {
        return incidents.list(java.util.EnumSet.noneOf(IncidentStatus.class), 500, 0).stream()
                .filter(i -> i.services().contains(service))
                .filter(i -> i.isOpen())
                .toList();
    }

    private Optional<IncidentView> incidentWithTitle(String word) {
        return incidents.open().stream().filter(i -> i.title().contains(word)).findFirst();
    }
}
