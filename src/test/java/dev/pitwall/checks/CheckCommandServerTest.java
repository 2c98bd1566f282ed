package dev.pitwall.checks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pitwall.accounts.Scope;
import dev.pitwall.accounts.TestTokens;
import dev.pitwall.changes.ChangeFinished;
import dev.pitwall.changes.ChangeKind;
import dev.pitwall.changes.ChangeStatus;
import dev.pitwall.cli.ChangeCommand;
import dev.pitwall.cli.PitwallHttp;
import dev.pitwall.cli.VerificationWait;
import dev.pitwall.system.DurableEvents;
import dev.pitwall.system.PitwallTest;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.transaction.support.TransactionTemplate;
import picocli.CommandLine;

/** The command line against a running server: {@code check run NAME} and {@code check wait-verification}. */
@PitwallTest
class CheckCommandServerTest {

    static ProposalsTarget target;

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    CheckService checks;

    @Autowired
    DurableEvents events;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    Clock clock;

    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    @BeforeAll
    static void startTarget() throws Exception {
        target = new ProposalsTarget();
    }

    @AfterAll
    static void stopTarget() {
        target.close();
    }

    void check(String name, String service) {
        checks.create("""
                name: NAME
                service: SERVICE
                critical: true
                interval: 1h
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
                """.replace("NAME", name).replace("SERVICE", service).replace("TARGET", target.url("")), "api");
    }

    int run(String... args) {
        CommandLine cli = new CommandLine(new CheckCommand());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        String token = TestTokens.create(context, Scope.ADMIN);
        String[] all = new String[args.length + 4];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--server";
        all[args.length + 1] = "http://127.0.0.1:" + port;
        all[args.length + 2] = "--token";
        all[args.length + 3] = token;
        return cli.execute(all);
    }

    @Test
    void aCheckOnTheServerRunsByName() {
        check("cli line items", "cli-proposals");
        target.mode(ProposalsTarget.Mode.HEALTHY);

        assertThat(run("run", "cli line items")).as(out + " " + err).isZero();
        assertThat(out.toString()).contains("PASS cli line items").contains("PASS line-items");

        target.mode(ProposalsTarget.Mode.EMPTY_LIST);
        assertThat(run("run", "cli line items")).isEqualTo(1);
        assertThat(out.toString()).contains("expected > 0, got 0");
        assertThat(run("run", "no such check")).isEqualTo(2);
        target.mode(ProposalsTarget.Mode.HEALTHY);
    }

    long finished(String service) {
        long changeId = System.nanoTime() % 1_000_000_000L;
        transactions.executeWithoutResult(s -> events.publish(new ChangeFinished(
                changeId,
                service,
                "production",
                ChangeKind.DEPLOY,
                ChangeStatus.SUCCEEDED,
                "3.1.0",
                "3.0.9",
                clock.instant())));
        return changeId;
    }

    @Test
    void waitingForAVerificationExitsZeroOnTheFirstFullPassAndOneOnAFailure() {
        check("cli wait line items", "cli-wait-proposals");
        target.mode(ProposalsTarget.Mode.HEALTHY);
        long good = finished("cli-wait-proposals");

        assertThat(run("wait-verification", Long.toString(good), "--poll", "200ms", "--timeout", "30s"))
                .as(out.toString() + err)
                .isZero();
        assertThat(out.toString()).contains("Verification of cli-wait-proposals 3.1.0 passed");

        target.mode(ProposalsTarget.Mode.EMPTY_LIST);
        long bad = finished("cli-wait-proposals");
        assertThat(run("wait-verification", Long.toString(bad), "--poll", "200ms", "--timeout", "30s"))
                .isEqualTo(1);
        assertThat(out.toString()).contains("FAILED: check 'cli wait line items' failed");
        target.mode(ProposalsTarget.Mode.HEALTHY);
    }

    @Test
    void recordingADeployWithWaitVerificationExitsOneWhenItsVerificationFails() {
        check("cli record line items", "cli-record-proposals");
        target.mode(ProposalsTarget.Mode.HEALTHY);
        assertThat(record("cli-record-proposals", "4.0.0"))
                .as(out.toString() + err)
                .isZero();
        assertThat(out.toString()).contains("Verification of cli-record-proposals 4.0.0 passed");

        target.mode(ProposalsTarget.Mode.EMPTY_LIST);
        assertThat(record("cli-record-proposals", "4.0.1"))
                .as(out.toString() + err)
                .isEqualTo(1);
        assertThat(out.toString()).contains("FAILED: check 'cli record line items' failed");
        target.mode(ProposalsTarget.Mode.HEALTHY);
    }

    int record(String service, String version) {
        CommandLine cli = new CommandLine(new ChangeCommand());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(
                "record",
                "--service",
                service,
                "--version",
                version,
                "--kind",
                "deploy",
                "--wait-verification",
                "--wait-timeout",
                "30s",
                "--server",
                "http://127.0.0.1:" + port,
                "--token",
                TestTokens.create(context, Scope.INGEST, Scope.READ));
    }

    @Test
    void aChangeWithoutChecksHasNothingToVerify() {
        long none = finished("cli-service-without-checks");
        StringWriter text = new StringWriter();

        int code = new VerificationWait(
                        new PitwallHttp("http://127.0.0.1:" + port, TestTokens.create(context, Scope.READ), 1),
                        clock,
                        Duration.ofMillis(200),
                        Duration.ofSeconds(20),
                        Duration.ofSeconds(10),
                        new PrintWriter(text, true),
                        new PrintWriter(text, true))
                .await(none);

        assertThat(code).isZero();
        assertThat(text.toString()).contains("Nothing to verify");
    }

    @Test
    void aTokenWithoutReadScopeIsRefused() {
        StringWriter text = new StringWriter();

        int code = new VerificationWait(
                        new PitwallHttp("http://127.0.0.1:" + port, "pw_not-a-token", 1),
                        clock,
                        Duration.ofMillis(200),
                        Duration.ofSeconds(5),
                        Duration.ofSeconds(5),
                        new PrintWriter(text, true),
                        new PrintWriter(text, true))
                .await(1);

        assertThat(code).isEqualTo(3);
        assertThat(text.toString()).contains("Refused");
    }
}
