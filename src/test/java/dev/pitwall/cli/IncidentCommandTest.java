package dev.pitwall.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pitwall.accounts.Scope;
import dev.pitwall.accounts.TestTokens;
import dev.pitwall.incidents.IncidentSeverity;
import dev.pitwall.incidents.Incidents;
import dev.pitwall.system.PitwallTest;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import picocli.CommandLine;

/** {@code pitwall incident declare} and {@code list} against a running server. */
@PitwallTest
class IncidentCommandTest {

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    Incidents incidents;

    record Run(int exitCode, String out, String err) {}

    Run run(String... args) {
        CommandLine cli = new CommandLine(new IncidentCommand());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return new Run(cli.execute(args), out.toString(), err.toString());
    }

    String server() {
        return "http://127.0.0.1:" + port;
    }

    @Test
    void declaresAnIncidentAndPrintsItsNumber() {
        String token = TestTokens.create(context, Scope.INGEST);

        Run run = run(
                "declare",
                "--title",
                "Claims export is empty",
                "--severity",
                "sev2",
                "--service",
                "cli-claims",
                "--environment",
                "production",
                "--impact-started",
                "2026-11-24T17:52:00Z",
                "--server",
                server(),
                "--token",
                token);

        assertThat(run.exitCode()).as(run.err()).isZero();
        long id = Long.parseLong(run.out().trim());
        assertThat(run.err()).contains("Declared incident #" + id + " (SEV2)").contains(server() + "/incidents/" + id);
        assertThat(incidents.find(id)).hasValueSatisfying(i -> {
            assertThat(i.severity()).isEqualTo(IncidentSeverity.SEV2);
            assertThat(i.services()).containsExactly("cli-claims");
            assertThat(i.impactStartedAt()).hasToString("2026-11-24T17:52:00Z");
        });

        Run list = run("list", "--server", server(), "--token", TestTokens.create(context, Scope.READ));
        assertThat(list.exitCode()).isZero();
        assertThat(list.out()).contains("#" + id).contains("SEV2").contains("Claims export is empty (cli-claims)");
    }

    @Test
    void badArgumentsRefusalsAndAnUnreachableServerHaveTheirExitCodes() {
        String read = TestTokens.create(context, Scope.READ);

        Run badSeverity = run("declare", "--title", "x", "--severity", "sev9", "--server", server(), "--token", read);
        Run refused = run("declare", "--title", "x", "--server", server(), "--token", read);
        Run unreachable =
                run("declare", "--title", "x", "--server", "http://127.0.0.1:1", "--token", read, "--retries", "1");

        assertThat(badSeverity.exitCode()).isEqualTo(CliExit.BAD_ARGUMENTS);
        assertThat(refused.exitCode()).isEqualTo(CliExit.REFUSED);
        assertThat(refused.err()).contains("403").contains("scope");
        assertThat(unreachable.exitCode()).isEqualTo(CliExit.UNREACHABLE);
    }
}
