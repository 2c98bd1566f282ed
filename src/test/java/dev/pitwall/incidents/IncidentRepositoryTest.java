package dev.pitwall.incidents;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pitwall.signals.Severity;
import dev.pitwall.signals.SignalSource;
import dev.pitwall.signals.SignalStatus;
import dev.pitwall.signals.SignalUpdate;
import dev.pitwall.system.Actor;
import dev.pitwall.system.DatabaseContractTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.json.JsonMapper;

/** The incidents tables behave the same on SQLite and PostgreSQL. */
class IncidentRepositoryTest extends DatabaseContractTest {

    static final Instant T0 = Instant.parse("2026-11-24T18:00:00Z");

    IncidentRepository incidents;
    SignalLinkRepository links;
    NotificationRepository notifications;

    @BeforeEach
    void repositories() {
        JdbcTemplate template = database.jdbcTemplate();
        incidents = new IncidentRepository(jdbc, template, dialect);
        links = new SignalLinkRepository(jdbc, template, JsonMapper.builder().build());
        notifications = new NotificationRepository(jdbc);
    }

    long newIncident(String title) {
        return incidents.insert(
                new IncidentRepository.NewIncident(
                        title,
                        null,
                        IncidentSeverity.SEV2,
                        false,
                        "production",
                        DetectionSource.ALERT,
                        T0,
                        false,
                        T0,
                        "Pitwall"),
                IncidentStatus.TRIAGE,
                T0);
    }

    static SignalUpdate signal(long id, String service, SignalSource source, String customer, SignalStatus status) {
        return new SignalUpdate(
                id,
                "fp" + id,
                source,
                SignalUpdate.Change.CREATED,
                status,
                Severity.WARNING,
                "title " + id,
                "desc",
                service,
                "production",
                Map.of("alertname", "Errors", "pod", "api-1"),
                T0.minusSeconds(id),
                T0,
                3,
                1,
                customer == null ? null : new SignalUpdate.Report(customer, "cannot pay " + id, 1, false),
                null);
    }

    @Test
    void anIncidentKeepsItsServicesStatusTimestampsAndCounts() {
        long id = newIncident("Checkout fails");
        assertThat(incidents.addServices(id, List.of("checkout", "Checkout", "pricing")))
                .containsExactly("checkout", "pricing");
        transactions.executeWithoutResult(s -> {
            links.insert(List.of(
                    signal(1, "checkout", SignalSource.ALERTMANAGER, null, SignalStatus.FIRING),
                    signal(2, "checkout", SignalSource.REPORT, "acme", SignalStatus.FIRING),
                    signal(3, "checkout", SignalSource.REPORT, "acme", SignalStatus.RESOLVED),
                    signal(4, "checkout", SignalSource.REPORT, "globex", SignalStatus.FIRING)));
            links.attach(List.of(1L, 2L, 3L, 4L), id, "same service", T0);
        });

        IncidentRepository.Counts counts = incidents.counts(List.of(id)).get(id);
        assertThat(counts).isEqualTo(new IncidentRepository.Counts(4, 3, 12, 3, 2));
        assertThat(incidents.services(List.of(id)).get(id)).containsExactly("checkout", "pricing");

        incidents.setStatus(id, IncidentStatus.MONITORING, T0.plusSeconds(60));
        incidents.setStatus(id, IncidentStatus.RESOLVED, T0.plusSeconds(120));
        IncidentRepository.Row row = incidents.row(id).orElseThrow();
        assertThat(row.mitigatedAt()).isEqualTo(T0.plusSeconds(60));
        assertThat(row.resolvedAt()).isEqualTo(T0.plusSeconds(120));
        incidents.setStatus(id, IncidentStatus.INVESTIGATING, T0.plusSeconds(180));
        assertThat(incidents.row(id).orElseThrow().resolvedAt()).as("reopened").isNull();
        assertThat(incidents.openRows()).extracting(IncidentRepository.Row::id).contains(id);
    }

    @Test
    void impactStartMovesEarlierOnlyUntilAResponderSetsIt() {
        long id = newIncident("x");
        incidents.pullImpactStart(id, T0.minusSeconds(600));
        assertThat(incidents.row(id).orElseThrow().impactStartedAt()).isEqualTo(T0.minusSeconds(600));
        incidents.pullImpactStart(id, T0);
        assertThat(incidents.row(id).orElseThrow().impactStartedAt()).isEqualTo(T0.minusSeconds(600));

        incidents.setImpactStart(id, T0.minusSeconds(60), T0);
        incidents.pullImpactStart(id, T0.minusSeconds(6000));
        assertThat(incidents.row(id).orElseThrow().impactStartedAt()).isEqualTo(T0.minusSeconds(60));
    }

    @Test
    void heldSignalsAreFoundByGroupAndWindowAndEvidenceCollectsTheirWords() {
        transactions.executeWithoutResult(s -> links.insert(List.of(
                signal(11, "billing", SignalSource.ALERTMANAGER, null, SignalStatus.FIRING),
                signal(12, "billing", SignalSource.ALERTMANAGER, null, SignalStatus.RESOLVED),
                signal(13, "other", SignalSource.ALERTMANAGER, null, SignalStatus.FIRING))));

        Map<String, List<PendingSignal>> pending = links.pending(Set.of("svc:billing"), T0.minusSeconds(60), 100);
        assertThat(pending.get("svc:billing"))
                .extracting(PendingSignal::signalId)
                .containsExactly(11L);
        assertThat(links.pending(Set.of("svc:billing"), T0.plusSeconds(1), 100)).isEmpty();

        long id = newIncident("billing");
        links.attach(List.of(11L), id, "r", T0);
        assertThat(links.pending(Set.of("svc:billing"), T0.minusSeconds(60), 100))
                .isEmpty();
        IncidentEvidence evidence = links.evidence(id, T0, "production", List.of("billing"));
        assertThat(evidence.texts()).contains("title 11", "Errors", "api-1");
        assertThat(links.allResolved(id)).isFalse();
    }

    @Test
    void timelineEntriesKeepTheirOrderActorAndPin() {
        long id = newIncident("t");
        List<TimelineEntry> written = incidents.appendTimeline(List.of(
                new IncidentRepository.NewEntry(id, T0, "opened", "Opened", Actor.PITWALL),
                new IncidentRepository.NewEntry(id, T0.plusSeconds(1), "note", "<b>hi</b>", Actor.user(7, "alice"))));
        incidents.setPinned(written.get(1).id(), true);

        assertThat(incidents.timeline(id, 10)).extracting(TimelineEntry::kind).containsExactly("opened", "note");
        assertThat(incidents.timeline(id, 1)).extracting(TimelineEntry::kind).containsExactly("note");
        assertThat(incidents.pinned(id)).singleElement().satisfies(e -> {
            assertThat(e.actor()).isEqualTo(Actor.user(7, "alice"));
            assertThat(e.text()).isEqualTo("<b>hi</b>");
        });
        assertThat(incidents.knownPeople(10)).containsExactly("alice");
    }

    @Test
    void rulesAreStoredOnceAndReplaced() {
        assertThat(incidents.rules()).isEmpty();
        incidents.saveRules(GroupingRules.DEFAULTS, "config", "Pitwall", T0);
        GroupingRules changed =
                new GroupingRules(false, 5, Duration.ofMinutes(5), 3, Duration.ofHours(1), 0.7, Duration.ZERO);
        incidents.saveRules(changed, "ui", "alice", T0);

        IncidentRepository.StoredRules stored = incidents.rules().orElseThrow();
        assertThat(stored.rules()).isEqualTo(changed);
        assertThat(stored.source()).isEqualTo("ui");
    }

    @Test
    void aDeliveryIsClaimedByOneWorkerAtATimeAndRetriedLater() {
        long target = notifications.save(
                new NotificationRepository.TargetWrite(
                        "hook",
                        NotificationChannel.WEBHOOK,
                        "sealed-url",
                        "https://h/…",
                        "sealed-secret",
                        List.of(),
                        List.of("svc"),
                        "opened,resolved",
                        IncidentSeverity.SEV3,
                        true,
                        "ui"),
                T0);
        notifications.enqueue(target, 1, NotificationEvent.OPENED, "{}", T0);
        long delivery = notifications.dueIds(T0, 10).getFirst();

        assertThat(notifications.claim(delivery, T0, T0.plusSeconds(120))).isPresent();
        assertThat(notifications.claim(delivery, T0.plusSeconds(1), T0.plusSeconds(121)))
                .as("leased")
                .isEmpty();
        assertThat(notifications.dueIds(T0.plusSeconds(1), 10)).isEmpty();
        notifications.recordAttempt(delivery, T0, false, "HTTP 503", 12);
        notifications.retryAt(delivery, T0.plusSeconds(30), "HTTP 503");
        assertThat(notifications.dueIds(T0.plusSeconds(10), 10)).isEmpty();
        assertThat(notifications.dueIds(T0.plusSeconds(30), 10)).containsExactly(delivery);

        notifications.failed(delivery, "gave up");
        assertThat(notifications.retryNow(delivery, T0.plusSeconds(40))).isTrue();
        assertThat(notifications.claim(delivery, T0.plusSeconds(40), T0.plusSeconds(160)))
                .isPresent();
        notifications.delivered(delivery, T0.plusSeconds(41));
        NotificationRepository.Delivery row = notifications.deliveries(1L, 10).getFirst();
        assertThat(row.state()).isEqualTo("delivered");
        assertThat(row.attempts()).isEqualTo(3);
        assertThat(notifications.attempts(List.of(delivery))).hasSize(1);
        NotificationTarget saved = notifications.target(target).orElseThrow();
        assertThat(saved.events()).containsExactlyInAnyOrder(NotificationEvent.OPENED, NotificationEvent.RESOLVED);
        assertThat(saved.secretSet()).isTrue();
        assertThat(saved.services()).containsExactly("svc");
    }
}
