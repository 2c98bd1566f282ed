package dev.pitwall.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pitwall.system.PitwallTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;

/** Thresholds outside a verification window, and the schedule's rhythm, against a real target. */
@PitwallTest
class ThresholdsTest {

    static ProposalsTarget target;

    @Autowired
    CheckService checks;

    @Autowired
    RecordedEvents events;

    @Autowired
    ConfigurableApplicationContext context;

    @BeforeAll
    static void startTarget() throws Exception {
        target = new ProposalsTarget();
    }

    @AfterAll
    static void stopTarget() {
        target.close();
    }

    CheckView check(String name, String extra) {
        return checks.create(
                """
                name: NAME
                service: thresholds-proposals
                interval: 1h
                EXTRA
                steps:
                  - name: login
                    method: POST
                    url: TARGET/api/login
                    body: '{"password": "s3cret-pw"}'
                  - name: line-items
                    url: TARGET/api/members/42/line-items
                    headers:
                      Authorization: Bearer ${login.body.token}
                    assert:
                      - $.items.length() > 0
                """.replace("NAME", name).replace("EXTRA", extra).replace("TARGET", target.url("")), "api");
    }

    @Test
    void aCheckFailsAfterItsThresholdAndRecoversAfterItsOwn() {
        CheckView check = check("thresholds line items", "fail_after: 2\nrecover_after: 2");
        String id = Long.toString(check.id());
        target.mode(ProposalsTarget.Mode.EMPTY_LIST);

        assertThat(checks.runNow(id).ok()).isFalse();
        assertThat(checks.get(id).status()).isEqualTo("pending");
        assertThat(checks.runNow(id).ok()).isFalse();

        await().atMost(Duration.ofSeconds(10))
                .until(() -> !events.failedOf(check.name()).isEmpty());
        CheckFailed failed = events.failedOf(check.name()).getFirst();
        assertThat(failed.changeId())
                .as("outside a verification window no change is named")
                .isNull();
        assertThat(failed.critical()).isFalse();
        assertThat(failed.reason()).contains("expected > 0, got 0").contains("failed 2 times in a row (fails after 2)");
        assertThat(failed.firstFailedAt()).isBefore(failed.failedAt());
        assertThat(checks.get(id).status()).isEqualTo("down");

        target.mode(ProposalsTarget.Mode.HEALTHY);
        assertThat(checks.runNow(id).ok()).isTrue();
        assertThat(checks.get(id).status()).as("one pass is not yet a recovery").isEqualTo("down");
        checks.runNow(id);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> !events.recoveredOf(check.name()).isEmpty());
        assertThat(checks.get(id).status()).isEqualTo("up");
        assertThat(events.failedOf(check.name())).hasSize(1);
    }

    @Test
    void checksRunAndAreStoredAfterTheServerIsStoppedAndStartedAgain() {
        context.stop();
        context.start();
        target.mode(ProposalsTarget.Mode.HEALTHY);
        CheckView check = check("thresholds after a restart", "");

        CheckResult run = checks.runNow(Long.toString(check.id()));

        assertThat(run.ok()).isTrue();
        assertThat(run.id()).as("the run was stored").isNotNull();
    }

    @Test
    void pausingAFailingCheckResolvesItsSignal() {
        CheckView check = check("thresholds paused", "fail_after: 1");
        target.mode(ProposalsTarget.Mode.SERVER_ERROR);
        checks.runNow(Long.toString(check.id()));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> !events.failedOf(check.name()).isEmpty());

        checks.pause(Long.toString(check.id()), true);

        await().atMost(Duration.ofSeconds(10))
                .until(() -> !events.recoveredOf(check.name()).isEmpty());
        assertThat(checks.get(Long.toString(check.id())).status()).isEqualTo("paused");
        target.mode(ProposalsTarget.Mode.HEALTHY);
    }

    @Test
    void scheduledRunsKeepTheirRhythmAndStartOnTime() {
        target.mode(ProposalsTarget.Mode.HEALTHY);
        CheckView check = checks.create("""
                name: thresholds every second
                service: thresholds-proposals
                interval: 1s
                tcp: 127.0.0.1:PORT
                """.replace("PORT", Integer.toString(target.port())), "api");
        String id = Long.toString(check.id());

        await().atMost(Duration.ofSeconds(20))
                .until(() -> checks.results(id, 10, null, false).size() >= 4);
        List<CheckResult> runs = checks.results(id, 10, null, false);
        checks.delete(id);

        List<Instant> due = runs.stream().map(CheckResult::scheduledAt).sorted().toList();
        for (int i = 1; i < due.size(); i++) {
            assertThat(Duration.between(due.get(i - 1), due.get(i)).toMillis() % 1000)
                    .isZero();
        }
        long offset = CheckScheduler.offset(check.id(), 1000);
        assertThat(due)
                .allSatisfy(d -> assertThat(Math.floorMod(d.toEpochMilli() - offset, 1000L))
                        .isZero());
        assertThat(runs).allSatisfy(r -> assertThat(r.lateMillis()).isBetween(0L, 1000L));
    }
}
