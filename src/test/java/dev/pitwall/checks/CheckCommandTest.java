package dev.pitwall.checks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code pitwall check run FILE}: checks from a file, run here, against a real target on loopback. */
class CheckCommandTest {

    static ProposalsTarget target;

    @TempDir
    Path dir;

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

    int run(String... args) {
        CommandLine cli = new CommandLine(new CheckCommand());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    Path file(String yaml) throws Exception {
        Path file = dir.resolve("checks.yaml");
        Files.writeString(file, yaml.replace("TARGET", target.url("")));
        return file;
    }

    static final String CHECKS = """
            checks:
              - name: member can list line items
                service: proposals-app
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
                      - status == 200
                      - $.items.length() > 0
              - name: proposals answers on tcp
                service: proposals-app
                tcp: 127.0.0.1:PORT
            """;

    @Test
    void aFileOfPassingChecksExitsZeroPrintingEveryStep() throws Exception {
        target.mode(ProposalsTarget.Mode.HEALTHY);

        int code = run(
                "run",
                file(CHECKS.replace("PORT", Integer.toString(target.port()))).toString());

        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString())
                .contains("PASS member can list line items (proposals-app/production)")
                .contains("PASS login  POST " + target.url("/api/login") + "  HTTP 200")
                .contains("ok   $.items.length() > 0")
                .contains("PASS proposals answers on tcp");
    }

    @Test
    void aFailingCheckExitsOneWithExpectedAndActual() throws Exception {
        target.mode(ProposalsTarget.Mode.EMPTY_LIST);

        int code = run(
                "run",
                file(CHECKS.replace("PORT", Integer.toString(target.port()))).toString());

        assertThat(code).isEqualTo(1);
        assertThat(out.toString())
                .contains("FAIL member can list line items")
                .contains("FAIL $.items.length() > 0  (expected > 0, got 0)")
                .contains("response: {\"total\": 0, \"items\": []}")
                .contains("PASS proposals answers on tcp");
        target.mode(ProposalsTarget.Mode.HEALTHY);
    }

    @Test
    void anInvalidFileExitsTwoNamingLineAndField() throws Exception {
        int code = run("run", file("""
                checks:
                  - name: broken
                    service: proposals-app
                    url: TARGET/
                    assert: [status =! 200]
                """).toString());

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("checks.yaml:5: checks[0].assert[0]: '=!' is not an operator");
    }

    @Test
    void aMissingFileIsNotMistakenForACheckName() {
        assertThat(run("run", dir.resolve("nope.yaml").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("does not exist");
    }
}
