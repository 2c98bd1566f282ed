package dev.pitwall.checks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pitwall.system.DatabaseContractTest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/** The checks module's tables through its repositories, on SQLite and PostgreSQL. */
class CheckStorageTest extends DatabaseContractTest {

    static final Instant NOW = Instant.parse("2026-11-24T18:30:00Z");

    CheckRepository checks;
    ResultRepository results;
    VerificationRepository verifications;

    @BeforeEach
    void repositories() {
        checks = new CheckRepository(jdbc, new JdbcTemplate(database.dataSource()), dialect);
        results = new ResultRepository(jdbc, new JdbcTemplate(database.dataSource()));
        verifications = new VerificationRepository(jdbc);
    }

    static CheckDefinition definition(String name, boolean critical) {
        return TemplateAndFormatTest.parse("""
                name: NAME
                service: proposals-app
                critical: CRITICAL
                steps:
                  - name: login
                    method: POST
                    url: https://proposals.example.com/api/login
                    body: '{"password": "${secret:PW}"}'
                    capture: {token: $.token}
                  - name: list
                    url: https://proposals.example.com/api/members/42/line-items
                    headers:
                      Authorization: Bearer ${token}
                    assert:
                      - $.items.length() > 0
                """.replace("NAME", name).replace("CRITICAL", Boolean.toString(critical)));
    }

    long insert(String name) {
        return transactions.execute(s -> checks.insert(definition(name, true), "api", null, null, "alice", NOW));
    }

    static CheckResult result(long checkId, Instant at, boolean ok) {
        StepResult step = new StepResult(
                "list",
                "http",
                "GET https://proposals.example.com/api/members/42/line-items",
                ok,
                false,
                200,
                new StepTimings(1.0, 2.0, ok ? 10.0 : 30.0),
                List.of(new AssertionResult("$.items.length() > 0", ok, "> 0", ok ? "2" : "0")),
                null,
                ok ? null : "{\"items\": []}",
                null,
                null,
                null);
        return new CheckResult(
                null,
                checkId,
                "c",
                at.minusMillis(3),
                at,
                ok ? 10.0 : 30.0,
                ok,
                "schedule",
                null,
                ok ? null : "list",
                ok ? null : "step 'list': $.items.length() > 0: expected > 0, got 0",
                List.of(step));
    }

    @Test
    void aCheckReadsBackAsItWasDefinedAndEveryChangeBumpsItsVersion() {
        long revision = checks.revision();
        long id = insert("member can list line items");

        StoredCheck stored = checks.findByName("MEMBER CAN LIST LINE ITEMS").orElseThrow();
        assertThat(stored.id()).isEqualTo(id);
        assertThat(CheckRepository.json(stored.definition()))
                .isEqualTo(CheckRepository.json(definition("member can list line items", true)));
        assertThat(stored.version()).isEqualTo(1);
        assertThat(checks.revision()).isGreaterThan(revision);

        transactions.executeWithoutResult(s -> checks.update(
                id,
                definition("member can list line items", false),
                "config",
                "pitwall.yaml",
                3,
                "pitwall.yaml",
                NOW.plusSeconds(1)));
        StoredCheck updated = checks.find(id).orElseThrow();
        assertThat(updated.version()).isEqualTo(2);
        assertThat(updated.fromConfig()).isTrue();
        assertThat(updated.configLine()).isEqualTo(3);
        assertThat(checks.versions()).containsEntry(id, 2);
        assertThat(checks.configChecks()).containsEntry("member can list line items", id);
        assertThat(checks.activeFor(List.of("PROPOSALS-APP"), "Production"))
                .extracting(StoredCheck::id)
                .containsExactly(id);
    }

    @Test
    void standingIsSavedAndLockedForUpdate() {
        long id = insert("standing");
        CheckState down = new CheckState(CheckStatus.DOWN, 2, 0, NOW, NOW, NOW, false, 30.0, "boom", 77L);

        transactions.executeWithoutResult(s -> checks.saveStates(Map.of(id, down)));
        Map<Long, CheckState> read = transactions.execute(s -> checks.statesForUpdate(List.of(id)));

        assertThat(read).containsEntry(id, down);
        transactions.executeWithoutResult(s -> checks.saveStates(Map.of(id, CheckState.initial())));
        assertThat(checks.state(id)).contains(CheckState.initial());
    }

    @Test
    void resultsAreStoredInBatchesAndPagedNewestFirst() {
        long id = insert("results");
        transactions.executeWithoutResult(s -> results.insertAll(List.of(
                result(id, NOW.minusSeconds(120), true),
                result(id, NOW.minusSeconds(60), false),
                result(id, NOW, true))));
        long single = transactions.execute(s -> results.insert(result(id, NOW.plusSeconds(60), false)));

        List<CheckResult> recent = results.recent(id, 10, null, false);
        assertThat(recent)
                .extracting(CheckResult::startedAt)
                .containsExactly(NOW.plusSeconds(60), NOW, NOW.minusSeconds(60), NOW.minusSeconds(120));
        assertThat(results.recent(id, 10, null, true)).hasSize(2).allMatch(r -> !r.ok());
        assertThat(results.recent(id, 10, single, false)).hasSize(3);
        CheckResult failed = results.find(id, single).orElseThrow();
        assertThat(failed.steps().getFirst().excerpt()).isEqualTo("{\"items\": []}");
        assertThat(failed.steps().getFirst().assertions().getFirst().actual()).isEqualTo("0");
        assertThat(failed.lateMillis()).isEqualTo(3);
        CheckResult passed = recent.get(1);
        assertThat(passed.steps().getFirst().assertions())
                .as("passing steps keep no assertion details")
                .isEmpty();
        assertThat(passed.steps().getFirst().timings().totalMs()).isEqualTo(10.0);
    }

    @Test
    void uptimeAndLatencyComeFromRawResultsAndHourlyAggregates() {
        long id = insert("uptime");
        Instant old = NOW.minus(Duration.ofDays(20));
        transactions.executeWithoutResult(s -> results.insertAll(List.of(
                result(id, old, true),
                result(id, old.plusSeconds(60), false),
                result(id, NOW.minusSeconds(30), true))));
        ResultRetention retention = new ResultRetention(
                results,
                Clock.fixed(NOW, ZoneOffset.UTC),
                new ChecksProperties(
                        200,
                        1000,
                        List.of(),
                        Duration.ofDays(14),
                        Duration.ofDays(365),
                        8,
                        Duration.ofSeconds(5),
                        Duration.ofSeconds(3),
                        new ChecksProperties.VerificationSettings(
                                Duration.ofSeconds(10), 1, false, Duration.ofSeconds(10), 3)),
                new DataSourceTransactionManager(database.dataSource()));

        retention.run();

        assertThat(results.recent(id, 10, null, false))
                .as("raw results past retention are deleted")
                .hasSize(1);
        ResultRepository.Uptime month =
                results.uptime(id, NOW.minus(Duration.ofDays(30)), NOW, NOW.minus(Duration.ofDays(14)));
        assertThat(month.runs()).isEqualTo(3);
        assertThat(month.failures()).isEqualTo(1);
        assertThat(month.percent()).isCloseTo(66.67, org.assertj.core.data.Offset.offset(0.01));
        assertThat(month.maxMs()).isEqualTo(30.0);
        assertThat(results.latency(id, NOW.minus(Duration.ofDays(30)), NOW, 3_600_000L, true))
                .singleElement()
                .satisfies(p -> assertThat(p.runs()).isEqualTo(2));
        assertThat(results.latency(id, NOW.minus(Duration.ofHours(1)), NOW, 60_000L, false))
                .hasSize(1);
        retention.run();
        assertThat(results.uptime(id, NOW.minus(Duration.ofDays(30)), NOW, NOW.minus(Duration.ofDays(14)))
                        .runs())
                .as("a second pass counts nothing twice")
                .isEqualTo(3);
    }

    @Test
    void verificationsTrackTheirChecksRoundsAndOutcome() {
        long id = insert("verified");
        StoredCheck check = checks.find(id).orElseThrow();
        long v = transactions.execute(s -> {
            long created = verifications.insert(
                    42,
                    "proposals-app",
                    "production",
                    "deploy",
                    "2.14.0",
                    "2.13.2",
                    "proposals-app 2.14.0",
                    NOW,
                    NOW,
                    NOW.plusSeconds(600),
                    Verification.Status.RUNNING,
                    null,
                    1);
            verifications.insertCheck(created, check);
            return created;
        });

        assertThat(verifications.existsForChange(42)).isTrue();
        assertThat(verifications.runningWatching(List.of(id))).containsKey(id);
        Optional<Integer> round = transactions.execute(s -> verifications.nextRound(v, NOW.plusSeconds(10)));
        assertThat(round).contains(2);
        VerifiedCheck seen = verifications.checks(v).getFirst().saw(result(id, NOW.plusSeconds(11), false), 2);
        transactions.executeWithoutResult(s -> verifications.save(seen));
        assertThat(verifications.checks(v).getFirst()).isEqualTo(seen);

        Boolean failedNow = transactions.execute(
                s -> verifications.fail(v, NOW.plusSeconds(12), id, "boom", "summary", "https://hook"));
        Boolean passedLate = transactions.execute(s -> verifications.pass(v, NOW.plusSeconds(13), "late"));
        assertThat(failedNow).isTrue();
        assertThat(passedLate).isFalse();
        Verification failed = verifications.findByChange(42).orElseThrow();
        assertThat(failed.status()).isEqualTo(Verification.Status.FAILED);
        assertThat(failed.hookState()).isEqualTo("pending");
        assertThat(verifications.runningWatching(List.of(id))).isEmpty();
        transactions.executeWithoutResult(
                s -> verifications.hookAttempt(v, "delivered", 202, "{}", null, NOW.plusSeconds(14)));
        assertThat(verifications.find(v).map(Verification::hookStatusCode)).isEqualTo(Optional.of(202));
    }

    @Test
    void secretsAreStoredSealed() {
        transactions.executeWithoutResult(s -> checks.putSecret("PW", "v1:sealed", "alice", NOW));
        transactions.executeWithoutResult(s -> checks.putSecret("PW", "v1:resealed", "bob", NOW.plusSeconds(1)));

        assertThat(checks.sealedSecrets()).containsExactly(Map.entry("PW", "v1:resealed"));
        assertThat(checks.secrets())
                .singleElement()
                .satisfies(e -> assertThat(e.updatedBy()).isEqualTo("bob"));
        Boolean deleted = transactions.execute(s -> checks.deleteSecret("PW"));
        assertThat(deleted).isTrue();
        assertThat(checks.secrets()).isEmpty();
    }
}
