package dev.pitwall.changes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pitwall.system.DatabaseContractTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ChangeRepositoryTest extends DatabaseContractTest {

    private static final Instant T0 = Instant.parse("2026-11-24T18:00:00Z");
    private ChangeRepository repository;

    @BeforeEach
    void createRepository() {
        repository = new ChangeRepository(jdbc);
    }

    private long store(
            String service,
            String environment,
            ChangeKind kind,
            String version,
            Instant started,
            Instant finished,
            ChangeStatus status) {
        return store(new NewChange(
                null,
                service,
                environment,
                kind,
                version,
                null,
                null,
                List.of(),
                List.of(),
                null,
                null,
                List.of(),
                started,
                finished,
                status));
    }

    private long store(NewChange change) {
        return repository
                .insert(change, ChangeSource.API, change.version(), change.previousVersion(), "test", T0)
                .orElseThrow();
    }

    @Test
    void storesAChangeWithItsCommitsFilesAndLinksAndReadsItBack() {
        Instant committed = T0.minus(Duration.ofHours(1));
        long id = store(new NewChange(
                "pipeline-981",
                "proposals-app",
                "production",
                ChangeKind.DEPLOY,
                "2.14.0",
                "2.13.0",
                "a1b2c3d4",
                List.of(new Commit("a1b2c3d4", "Line items use the new index\n\nDetails", "Ana", committed)),
                List.of("src/LineItems.java", "db/V12__index.sql"),
                "ana",
                "Release 2.14",
                List.of(new Link("https://ci.example.com/981", "pipeline")),
                T0,
                T0.plusSeconds(90),
                ChangeStatus.SUCCEEDED));

        RecordedChange change = repository.find(id).orElseThrow();

        assertThat(change.externalId()).isEqualTo("pipeline-981");
        assertThat(change.source()).isEqualTo(ChangeSource.API);
        assertThat(change.version()).isEqualTo("2.14.0");
        assertThat(change.previousVersion()).isEqualTo("2.13.0");
        assertThat(change.commits())
                .containsExactly(new Commit("a1b2c3d4", "Line items use the new index\n\nDetails", "Ana", committed));
        assertThat(change.commitCount()).isEqualTo(1);
        assertThat(change.files()).containsExactly("src/LineItems.java", "db/V12__index.sql");
        assertThat(change.links()).containsExactly(new Link("https://ci.example.com/981", "pipeline"));
        assertThat(change.startedAt()).isEqualTo(T0);
        assertThat(change.finishedAt()).isEqualTo(T0.plusSeconds(90));
        assertThat(change.status()).isEqualTo(ChangeStatus.SUCCEEDED);
        assertThat(change.verification()).isEqualTo(ChangeVerification.NONE);
    }

    @Test
    void aSecondChangeWithTheSameExternalIdFromTheSameSourceIsNotStored() {
        NewChange change = new NewChange(
                "deploy-1",
                "billing",
                null,
                ChangeKind.DEPLOY,
                "1",
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                T0,
                null,
                ChangeStatus.IN_PROGRESS);
        long first = store(change);

        assertThat(repository.insert(change, ChangeSource.API, "1", null, "test", T0))
                .isEmpty();
        assertThat(repository.insert(change, ChangeSource.CLI, "1", null, "test", T0))
                .isPresent();
        assertThat(repository.idOf(ChangeSource.API, "deploy-1")).contains(first);
        assertThat(repository.find(first).orElseThrow().environment()).isEqualTo("production");
    }

    @Test
    void findsChangesOverlappingAWindowIncludingOldOnesStillInProgress() {
        Instant from = T0;
        Instant to = T0.plus(Duration.ofHours(12));
        long inside = store(
                "a",
                "production",
                ChangeKind.DEPLOY,
                "2",
                T0.plusSeconds(60),
                T0.plusSeconds(120),
                ChangeStatus.SUCCEEDED);
        long spanningStart = store(
                "b",
                "production",
                ChangeKind.CONFIG,
                null,
                T0.minusSeconds(600),
                T0.plusSeconds(30),
                ChangeStatus.SUCCEEDED);
        long stuck = store(
                "c",
                "production",
                ChangeKind.MIGRATION,
                null,
                T0.minus(Duration.ofDays(3)),
                null,
                ChangeStatus.IN_PROGRESS);
        store(
                "d",
                "production",
                ChangeKind.DEPLOY,
                "1",
                T0.minusSeconds(900),
                T0.minusSeconds(1),
                ChangeStatus.SUCCEEDED);
        store("e", "production", ChangeKind.DEPLOY, "1", to, to.plusSeconds(5), ChangeStatus.SUCCEEDED);
        long staging = store(
                "a", "staging", ChangeKind.DEPLOY, "3", T0.plusSeconds(10), T0.plusSeconds(20), ChangeStatus.FAILED);
        // longer than an hour: found through the partial index of long and unfinished changes
        long longMigration = store(
                "f",
                "production",
                ChangeKind.MIGRATION,
                null,
                T0.minus(Duration.ofDays(2)),
                T0.plusSeconds(5),
                ChangeStatus.SUCCEEDED);
        store(
                "g",
                "production",
                ChangeKind.MIGRATION,
                null,
                T0.minus(Duration.ofDays(2)),
                T0.minusSeconds(5),
                ChangeStatus.SUCCEEDED);
        // started in the hour before the window, finished inside it
        long lateFinisher = store(
                "h",
                "production",
                ChangeKind.DEPLOY,
                "9",
                T0.minusSeconds(3000),
                T0.plusSeconds(1),
                ChangeStatus.SUCCEEDED);

        assertThat(repository.overlapping(from, to, Set.of(), true))
                .extracting(RecordedChange::id)
                .containsExactly(stuck, longMigration, lateFinisher, spanningStart, staging, inside);
        assertThat(repository.overlapping(from, to, Set.of("production"), false))
                .extracting(RecordedChange::id)
                .containsExactly(stuck, longMigration, lateFinisher, spanningStart, inside);
        assertThat(repository.overlapping(from, to, Set.of("staging", "qa"), false))
                .extracting(RecordedChange::id)
                .containsExactly(staging);
    }

    @Test
    void overlappingReadsEveryFieldWithDetailAndTheEssentialsWithout() {
        long id = store(new NewChange(
                "ext-7",
                "billing",
                "production",
                ChangeKind.CONFIG,
                "v2",
                "v1",
                "abc123",
                List.of(new Commit("abc123", "Raise pool\u001fsize", "Ana", T0)),
                List.of("pool.yaml"),
                "ana",
                "Pool 20 \u001f with a separator in it",
                List.of(new Link("https://ci.example.com/1", "run")),
                T0.plusSeconds(60),
                null,
                ChangeStatus.IN_PROGRESS));

        RecordedChange full =
                repository.overlapping(T0, T0.plusSeconds(3600), Set.of(), true).getFirst();
        RecordedChange lean = repository
                .overlapping(T0, T0.plusSeconds(3600), Set.of(), false)
                .getFirst();

        assertThat(full).isEqualTo(repository.find(id).orElseThrow());
        assertThat(full.commits().getFirst().message()).isEqualTo("Raise pool\u001fsize");
        assertThat(lean.description()).isEqualTo("Pool 20 \u001f with a separator in it");
        assertThat(lean.finishedAt()).isNull();
        assertThat(lean.previousVersion()).isEqualTo("v1");
        assertThat(lean.commitCount()).isEqualTo(1);
        assertThat(lean.commits()).isEmpty();
    }

    @Test
    void theRunningVersionIsThatOfTheLastSuccessfulDeployOrRollback() {
        store("api", "production", ChangeKind.DEPLOY, "1.0", T0, T0.plusSeconds(5), ChangeStatus.SUCCEEDED);
        store(
                "api",
                "production",
                ChangeKind.DEPLOY,
                "1.1",
                T0.plusSeconds(60),
                T0.plusSeconds(65),
                ChangeStatus.FAILED);
        store(
                "api",
                "production",
                ChangeKind.CONFIG,
                "cfg-7",
                T0.plusSeconds(70),
                T0.plusSeconds(71),
                ChangeStatus.SUCCEEDED);
        store(
                "api",
                "staging",
                ChangeKind.DEPLOY,
                "1.2",
                T0.plusSeconds(80),
                T0.plusSeconds(85),
                ChangeStatus.SUCCEEDED);

        assertThat(repository.runningVersion("api", "production", T0.plusSeconds(100)))
                .contains(new ChangeRepository.RunningVersion("1.0", null));
        assertThat(repository.runningVersion("api", "production", T0.minusSeconds(1)))
                .isEmpty();
        assertThat(repository.lastSucceededDeploy("api", "production"))
                .hasValueSatisfying(c -> assertThat(c.version()).isEqualTo("1.0"));
        assertThat(repository.lastSucceededDeploy("api", "staging"))
                .hasValueSatisfying(c -> assertThat(c.version()).isEqualTo("1.2"));
        assertThat(repository.lastSucceededDeploy("api", "qa")).isEmpty();
    }

    @Test
    void listsNewestFirstPageByPageWithFilters() {
        for (int i = 0; i < 7; i++) {
            store(
                    i % 2 == 0 ? "web" : "worker",
                    "production",
                    i == 3 ? ChangeKind.FEATURE_FLAG : ChangeKind.DEPLOY,
                    "v" + i,
                    T0.plusSeconds(i * 10L),
                    T0.plusSeconds(i * 10L + 5),
                    ChangeStatus.SUCCEEDED);
        }
        // two changes at the same instant: the cursor must not skip or repeat either
        store("web", "production", ChangeKind.DEPLOY, "same-a", T0.plusSeconds(1000), null, ChangeStatus.IN_PROGRESS);
        store("web", "production", ChangeKind.DEPLOY, "same-b", T0.plusSeconds(1000), null, ChangeStatus.IN_PROGRESS);

        ChangePage first = repository.list(ChangeFilter.none(), null, 4);
        ChangePage second = repository.list(ChangeFilter.none(), ChangeCursor.decode(first.next()), 4);
        ChangePage third = repository.list(ChangeFilter.none(), ChangeCursor.decode(second.next()), 4);

        assertThat(first.changes()).extracting(RecordedChange::version).containsExactly("same-b", "same-a", "v6", "v5");
        assertThat(second.changes()).extracting(RecordedChange::version).containsExactly("v4", "v3", "v2", "v1");
        assertThat(third.changes()).extracting(RecordedChange::version).containsExactly("v0");
        assertThat(third.next()).isNull();
        assertThat(repository
                        .list(new ChangeFilter("worker", null, null, null, null, null, null), null, 10)
                        .changes())
                .extracting(RecordedChange::version)
                .containsExactly("v5", "v3", "v1");
        assertThat(repository
                        .list(new ChangeFilter(null, null, ChangeKind.FEATURE_FLAG, null, null, null, null), null, 10)
                        .changes())
                .extracting(RecordedChange::version)
                .containsExactly("v3");
        assertThat(repository
                        .list(new ChangeFilter(null, null, null, ChangeStatus.IN_PROGRESS, null, null, null), null, 10)
                        .changes())
                .hasSize(2);
        assertThat(repository
                        .list(
                                new ChangeFilter(null, null, null, null, T0.plusSeconds(20), T0.plusSeconds(40), null),
                                null,
                                10)
                        .changes())
                .extracting(RecordedChange::version)
                .containsExactly("v3", "v2");
    }

    @Test
    void textSearchFindsDescriptionsAndCommitMessagesWithoutRegardToCase() {
        store(new NewChange(
                null,
                "members",
                null,
                ChangeKind.DEPLOY,
                "5",
                null,
                null,
                List.of(new Commit("abc", "Fix LINE ITEMS pagination", null, null)),
                List.of(),
                null,
                "weekly release",
                List.of(),
                T0,
                T0,
                ChangeStatus.SUCCEEDED));
        store(new NewChange(
                null,
                "billing",
                null,
                ChangeKind.CONFIG,
                null,
                null,
                null,
                List.of(),
                List.of(),
                null,
                "Raise 100% of_limits",
                List.of(),
                T0,
                T0,
                ChangeStatus.SUCCEEDED));

        assertThat(search("line items")).extracting(RecordedChange::service).containsExactly("members");
        assertThat(search("WEEKLY")).extracting(RecordedChange::service).containsExactly("members");
        assertThat(search("100%")).extracting(RecordedChange::service).containsExactly("billing");
        assertThat(search("0%_o")).as("% and _ match themselves").isEmpty();
        assertThat(search("nothing like this")).isEmpty();
    }

    private List<RecordedChange> search(String text) {
        return repository
                .list(new ChangeFilter(null, null, null, null, null, null, text), null, 10)
                .changes();
    }

    @Test
    void movesAStatusOnlyFromTheExpectedOne() {
        long id = store("api", "production", ChangeKind.DEPLOY, "1", T0, null, ChangeStatus.IN_PROGRESS);

        assertThat(repository.updateStatus(id, ChangeStatus.IN_PROGRESS, ChangeStatus.SUCCEEDED, T0.plusSeconds(9), T0))
                .isTrue();
        assertThat(repository.updateStatus(id, ChangeStatus.IN_PROGRESS, ChangeStatus.FAILED, T0.plusSeconds(9), T0))
                .isFalse();
        assertThat(repository.find(id).orElseThrow().status()).isEqualTo(ChangeStatus.SUCCEEDED);
    }

    @Test
    void keepsVerificationAndHistory() {
        long id = store("api", "production", ChangeKind.DEPLOY, "1", T0, T0, ChangeStatus.SUCCEEDED);
        repository.addHistory(id, T0, ChangeStatus.SUCCEEDED, ChangeVerification.NONE, "Recorded", "token ci");
        repository.setVerification(id, ChangeVerification.FAILED, "check 'login' failed", T0.plusSeconds(30), T0);
        repository.addHistory(
                id,
                T0.plusSeconds(30),
                ChangeStatus.SUCCEEDED,
                ChangeVerification.FAILED,
                "Verification failed",
                "Pitwall");

        RecordedChange change = repository.find(id).orElseThrow();
        assertThat(change.verification()).isEqualTo(ChangeVerification.FAILED);
        assertThat(change.verificationSummary()).isEqualTo("check 'login' failed");
        assertThat(repository.history(id))
                .extracting(ChangeHistoryEntry::note)
                .containsExactly("Recorded from api as succeeded", "Recorded", "Verification failed");
        assertThat(repository.history(id).getFirst().actor()).isEqualTo("test");
    }

    @Test
    void remembersWebhookDeliveriesAndIntegrationSecrets() {
        assertThat(repository.firstDelivery("github", "72d3162e", T0)).isTrue();
        assertThat(repository.firstDelivery("github", "72d3162e", T0)).isFalse();
        assertThat(repository.firstDelivery("cdevents", "72d3162e", T0)).isTrue();

        repository.saveIntegrationSecret("github", "v1:one", T0, "admin");
        repository.saveIntegrationSecret("github", "v1:two", T0, "admin");
        assertThat(repository.integrationSecret("github")).contains("v1:two");
        assertThat(repository.integrationSecret("gitlab")).isEmpty();
    }
}
