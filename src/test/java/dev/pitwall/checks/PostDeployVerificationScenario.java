package dev.pitwall.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pitwall.accounts.Scope;
import dev.pitwall.accounts.TestTokens;
import dev.pitwall.catalog.CatalogService;
import dev.pitwall.catalog.ServiceDescription;
import dev.pitwall.changes.ChangeFinished;
import dev.pitwall.changes.ChangeKind;
import dev.pitwall.changes.ChangeStatus;
import dev.pitwall.changes.ChangeVerification;
import dev.pitwall.system.ApiClient;
import dev.pitwall.system.BrowserSession;
import dev.pitwall.system.DurableEvents;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The "done means": a check written in pitwall.yaml against a real local HTTP service
 * catches "200 with empty line items" after a recorded deploy, names that deploy in its
 * CheckFailed, fires the signed rollback hook, and recovers once a rollback is recorded and the
 * target is healthy again. Runs on SQLite and on PostgreSQL (the two subclasses).
 */
@TestPropertySource(
        properties = {
            "pitwall.checks.verification.round-interval=2s",
            "pitwall.checks.verification.include-dependents=true"
        })
abstract class PostDeployVerificationScenario {

    static final String CHECK = "member can list line items";
    static final AtomicLong CHANGES = new AtomicLong(5000);
    static ProposalsTarget target;
    static Path config;

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    DurableEvents durableEvents;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    CatalogService catalog;

    @Autowired
    CheckService checks;

    @Autowired
    RecordedEvents events;

    @Autowired
    Clock clock;

    @BeforeAll
    static void startTargetAndWriteConfig() throws IOException {
        target = new ProposalsTarget();
        config = Files.createTempFile("pitwall-verify", ".yaml");
        Files.writeString(config, """
                checks:
                  - name: member can list line items
                    service: verify-proposals
                    environment: production
                    critical: true
                    interval: 1h
                    steps:
                      - name: login
                        method: POST
                        url: TARGET/api/login
                        headers:
                          Content-Type: application/json
                        body: '{"user": "synthetic", "password": "${secret:VERIFY_PW}"}'
                        assert:
                          - status == 200
                      - name: line-items
                        url: TARGET/api/members/${login.body.member.id}/line-items
                        headers:
                          Authorization: Bearer ${login.body.token}
                        assert:
                          - status == 200
                          - $.items.length() > 0
                """.replace("TARGET", target.url("")));
    }

    @AfterAll
    static void stopTarget() throws IOException {
        target.close();
        Files.deleteIfExists(config);
    }

    @DynamicPropertySource
    static void configFile(DynamicPropertyRegistry registry) {
        registry.add("pitwall.config-file", () -> config.toString());
    }

    long finish(ChangeKind kind, String version, String previousVersion) {
        long changeId = CHANGES.incrementAndGet();
        transactions.executeWithoutResult(s -> durableEvents.publish(new ChangeFinished(
                changeId,
                "verify-proposals",
                "production",
                kind,
                ChangeStatus.SUCCEEDED,
                version,
                previousVersion,
                clock.instant())));
        return changeId;
    }

    @Test
    void aBrokenDeployIsCaughtNamedRolledBackAndRecovered() throws Exception {
        ApiClient reader = ApiClient.at(port).withToken(TestTokens.create(context, Scope.READ));
        checks.putSecret("VERIFY_PW", "s3cret-pw");
        catalog.describe(
                "verify-proposals",
                new ServiceDescription(
                        null, 1, null, null, Duration.ofSeconds(30), null, target.url("/hook"), "hook-secret"),
                "api");
        CheckView check = checks.get(CHECK);
        assertThat(check.fromConfig()).isTrue();
        assertThat(check.configLine()).isEqualTo(2);

        target.mode(ProposalsTarget.Mode.EMPTY_LIST);
        long started = System.nanoTime();
        long deploy = finish(ChangeKind.DEPLOY, "2.14.0", "2.13.2");

        await().atMost(Duration.ofSeconds(15))
                .until(() -> !events.failedOf(CHECK).isEmpty());
        RecordedEvents.Received<CheckFailed> received = events.failed.stream()
                .filter(r -> r.event().checkName().equals(CHECK))
                .findFirst()
                .orElseThrow();
        long millis = (received.nanos() - started) / 1_000_000;
        System.out.printf(
                "ChangeFinished -> CheckFailed naming the change: %d ms (%s)%n",
                millis, getClass().getSimpleName());
        CheckFailed failed = received.event();
        assertThat(failed.changeId()).isEqualTo(deploy);
        assertThat(failed.change()).isEqualTo("verify-proposals 2.14.0");
        assertThat(failed.changeFinishedAt()).isNotNull();
        assertThat(failed.critical()).isTrue();
        assertThat(failed.service()).isEqualTo("verify-proposals");
        assertThat(failed.reason()).contains("$.items.length() > 0: expected > 0, got 0");
        assertThat(failed.target()).endsWith("/api/members/42/line-items");
        assertThat(millis).isLessThan(5_000);

        // The failing check becomes a signal and opens an incident that names the deploy, within 15 s.
        var incident = await().atMost(Duration.ofSeconds(15))
                .until(() -> openIncidentOf(reader, "verify-proposals"), Optional::isPresent)
                .orElseThrow();
        System.out.printf(
                "ChangeFinished -> incident open: %d ms (%s)%n",
                (System.nanoTime() - started) / 1_000_000, getClass().getSimpleName());
        long incidentId = incident.get("id").asLong();
        assertThat(incident.get("detectionSource").asString()).isEqualTo("check");
        assertThat(reader.get("/api/v1/incidents/" + incidentId + "/timeline")
                        .json()
                        .findValuesAsString("text"))
                .anySatisfy(t -> assertThat(t)
                        .contains("check 'member can list line items' failed")
                        .contains("after deploy verify-proposals 2.14.0"));

        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(events.verificationsOf(deploy))
                        .extracting(e -> e.verification())
                        .containsExactly(ChangeVerification.RUNNING, ChangeVerification.FAILED));
        assertThat(events.verificationsOf(deploy).get(1).summary())
                .startsWith("check 'member can list line items' failed")
                .contains("after verify-proposals 2.14.0 finished");

        await().atMost(Duration.ofSeconds(15))
                .untilAsserted(() -> assertThat(target.hooks()).hasSize(1));
        ProposalsTarget.Received hook = target.hooks().getFirst();
        assertThat(hook.headers().get("X-pitwall-signature"))
                .containsExactly("sha256=" + RollbackHooks.sign("hook-secret", hook.body()));
        assertThat(hook.body())
                .contains("\"id\":" + deploy)
                .contains("\"rollbackTo\":\"2.13.2\"")
                .contains("\"name\":\"member can list line items\"");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            var report =
                    reader.get("/api/v1/changes/" + deploy + "/verification").json();
            assertThat(report.get("status").asString()).isEqualTo("failed");
            assertThat(report.get("passed").asBoolean()).isFalse();
            assertThat(report.get("rollbackHook").get("state").asString()).isEqualTo("delivered");
            assertThat(report.get("rollbackHook").get("statusCode").asInt()).isEqualTo(202);
            assertThat(report.get("rollbackHook").get("reply").asString()).contains("\"rollback\": \"started\"");
            assertThat(report.get("results").size()).isPositive();
        });

        String panel = BrowserSession.signedIn(port, "admin", "admin-password-for-tests")
                .get("/checks/changes/" + deploy + "/verification")
                .body();
        assertThat(panel)
                .contains("verify-proposals 2.14.0")
                .contains(">failed<")
                .contains("Rollback hook")
                .contains("answered 202")
                .contains("member can list line items");

        target.mode(ProposalsTarget.Mode.HEALTHY);
        long rollback = finish(ChangeKind.ROLLBACK, "2.13.2", "2.14.0");

        await().atMost(Duration.ofSeconds(20))
                .until(() -> !events.recoveredOf(CHECK).isEmpty());
        assertThat(checks.get(CHECK).status()).isEqualTo("up");
        await().atMost(Duration.ofSeconds(15))
                .untilAsserted(() -> assertThat(reader.get("/api/v1/incidents/" + incidentId)
                                .json()
                                .get("status")
                                .asString())
                        .isEqualTo("monitoring"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            var report =
                    reader.get("/api/v1/changes/" + rollback + "/verification").json();
            assertThat(report.get("status").asString()).isEqualTo("running");
            assertThat(report.get("passed").asBoolean()).isTrue();
            assertThat(report.get("firstPassAt").isNull()).isFalse();
        });
        assertThat(target.hooks()).hasSize(1);
        assertThat(events.passedOf(deploy)).isEmpty();
    }

    @Test
    void theChecksOfPitwallYamlFollowTheFileOnReload() throws IOException {
        ApiClient admin = ApiClient.at(port).withToken(TestTokens.create(context, Scope.ADMIN));
        String original = Files.readString(config);
        String second = """
                  - name: proposals port answers
                    service: verify-proposals
                    interval: 1h
                    tcp: 127.0.0.1:PORT
                """.replace("PORT", Integer.toString(target.port()));
        try {
            Files.writeString(config, original + second);
            var applied = admin.post("/api/v1/config/reload", null);
            assertThat(applied.status()).as(applied.body()).isEqualTo(200);
            CheckView added = checks.get("proposals port answers");
            assertThat(added.fromConfig()).isTrue();
            assertThat(added.configLine()).isEqualTo(23);
            assertThat(admin.delete("/api/v1/checks/" + added.id()).status()).isEqualTo(409);

            Files.writeString(
                    config,
                    original + second.replace("interval: 1h", "interval: 0s").replace("tcp: 127", "tcp: nowhere 127"));
            var refused = admin.post("/api/v1/config/reload", null);
            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.json().get("errors")).anySatisfy(e -> {
                assertThat(e.get("field").asString()).isEqualTo("checks[1].interval");
                assertThat(e.get("line").asInt()).isEqualTo(25);
                assertThat(e.get("file").asString())
                        .isEqualTo(config.getFileName().toString());
            });
            assertThat(refused.body()).contains("checks[1].tcp");
            assertThat(checks.get("proposals port answers").interval()).isEqualTo("1h");

            Files.writeString(config, original);
            assertThat(admin.post("/api/v1/config/reload", null).status()).isEqualTo(200);
            assertThat(checks.list()).noneMatch(c -> c.name().equals("proposals port answers"));
        } finally {
            Files.writeString(config, original);
            admin.post("/api/v1/config/reload", null);
        }
    }

    @Test
    void theChecksOfServicesThatDependOnTheChangedOneAreVerifiedToo() {
        ApiClient reader = ApiClient.at(port).withToken(TestTokens.create(context, Scope.READ));
        catalog.describe(
                "verify-web",
                new ServiceDescription(null, null, null, null, null, List.of("verify-ledger"), null, null),
                "api");
        checks.create("""
                name: web reaches its port
                service: verify-web
                interval: 1h
                tcp: 127.0.0.1:PORT
                """.replace("PORT", Integer.toString(target.port())), "api");
        long changeId = CHANGES.incrementAndGet();
        transactions.executeWithoutResult(s -> durableEvents.publish(new ChangeFinished(
                changeId,
                "verify-ledger",
                "production",
                ChangeKind.CONFIG,
                ChangeStatus.SUCCEEDED,
                null,
                null,
                clock.instant())));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            var report =
                    reader.get("/api/v1/changes/" + changeId + "/verification").json();
            assertThat(report.get("change").asString()).isEqualTo("verify-ledger config change");
            assertThat(report.get("checks").get(0).get("name").asString()).isEqualTo("web reaches its port");
            assertThat(report.get("passed").asBoolean()).isTrue();
        });
    }

    @Test
    void aVerificationThatPassesNamesTheChecksThatRanInIt() {
        catalog.describe(
                "verify-billing",
                new ServiceDescription(null, null, null, null, Duration.ofSeconds(10), null, null, null),
                "api");
        CheckView check = checks.create("""
                name: billing port answers
                service: verify-billing
                interval: 1h
                tcp: 127.0.0.1:PORT
                """.replace("PORT", Integer.toString(target.port())), "api");
        checks.create("""
                name: billing in staging answers
                service: verify-billing
                environment: staging
                interval: 1h
                tcp: 127.0.0.1:PORT
                """.replace("PORT", Integer.toString(target.port())), "api");
        long changeId = CHANGES.incrementAndGet();
        transactions.executeWithoutResult(s -> durableEvents.publish(new ChangeFinished(
                changeId,
                "verify-billing",
                "production",
                ChangeKind.DEPLOY,
                ChangeStatus.SUCCEEDED,
                "3.1.0",
                "3.0.9",
                clock.instant())));

        await().atMost(Duration.ofSeconds(40))
                .until(() -> !events.passedOf(changeId).isEmpty());
        VerificationPassed passed = events.passedOf(changeId).getFirst();
        assertThat(passed.checkIds()).containsExactly(check.id());
        assertThat(passed.service()).isEqualTo("verify-billing");
        assertThat(passed.environment()).isEqualTo("production");
        assertThat(passed.change()).isEqualTo("verify-billing 3.1.0");
        assertThat(passed.passedAt()).isAfterOrEqualTo(passed.startedAt().plusSeconds(10));
        assertThat(events.verificationsOf(changeId))
                .extracting(e -> e.verification())
                .containsExactly(ChangeVerification.RUNNING, ChangeVerification.PASSED);
    }

    @Test
    void changesThatAreNotVerifiedLeaveNoVerification() {
        ApiClient reader = ApiClient.at(port).withToken(TestTokens.create(context, Scope.READ));
        long migration = CHANGES.incrementAndGet();
        long otherService = CHANGES.incrementAndGet();
        transactions.executeWithoutResult(s -> {
            durableEvents.publish(new ChangeFinished(
                    migration,
                    "verify-proposals",
                    "production",
                    ChangeKind.MIGRATION,
                    ChangeStatus.SUCCEEDED,
                    null,
                    null,
                    clock.instant()));
            durableEvents.publish(new ChangeFinished(
                    otherService,
                    "verify-nothing-here",
                    "production",
                    ChangeKind.DEPLOY,
                    ChangeStatus.SUCCEEDED,
                    "1.0",
                    null,
                    clock.instant()));
        });

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            var none = reader.get("/api/v1/changes/" + otherService + "/verification");
            assertThat(none.status()).isEqualTo(200);
            assertThat(none.json().get("status").asString()).isEqualTo("none");
            assertThat(none.json().get("passed").asBoolean()).isTrue();
        });
        assertThat(reader.get("/api/v1/changes/" + migration + "/verification").status())
                .isEqualTo(404);
        assertThat(events.verificationsOf(migration)).isEqualTo(List.of());
    }

    private static Optional<JsonNode> openIncidentOf(ApiClient api, String service) {
        for (var incident : api.get("/api/v1/incidents?status=open").json().get("incidents")) {
            for (var name : incident.get("services")) {
                if (name.asString().equals(service)) {
                    return Optional.of(incident);
                }
            }
        }
        return Optional.empty();
    }
}
