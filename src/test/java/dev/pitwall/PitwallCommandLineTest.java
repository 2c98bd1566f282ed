package dev.pitwall;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pitwall.accounts.AccountService;
import dev.pitwall.accounts.Role;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The bootstrap commands work on the database directly, without a running server. */
class PitwallCommandLineTest {

    @TempDir
    Path data;

    record Run(int exitCode, String out, String err) {}

    private Run run(String... args) {
        CommandLine cli = PitwallMain.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void tokenCreatePrintsTheSecretOnceAndStoresOnlyItsHash() {
        Run run = run("token", "create", "ci-deploys", "--scope", "ingest,read", "--data", data.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        String secret = run.out().trim();
        assertThat(secret).startsWith("pw_").hasSize(35);
        assertThat(run.err()).contains("ci-deploys").contains("ingest,read").contains("only once");
        try (var context = PitwallMain.commandLine()
                .<PitwallMain>getCommand()
                .startOffline(List.of("--pitwall.data-dir=" + data))) {
            AccountService accounts = context.getBean(AccountService.class);
            assertThat(accounts.authenticate(secret))
                    .hasValueSatisfying(t -> assertThat(t.name()).isEqualTo("ci-deploys"));
            assertThat(accounts.tokens())
                    .singleElement()
                    .satisfies(t -> assertThat(t.prefix()).isEqualTo(secret.substring(0, 10)));
        }
    }

    @Test
    void userCreateGeneratesAPasswordThatSignsIn() {
        Run run = run("user", "create", "alice", "--role", "admin", "--data", data.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Created admin 'alice'").contains("Password (shown once): ");
        try (var context = PitwallMain.commandLine()
                .<PitwallMain>getCommand()
                .startOffline(List.of("--pitwall.data-dir=" + data))) {
            AccountService accounts = context.getBean(AccountService.class);
            assertThat(accounts.users()).singleElement().satisfies(u -> {
                assertThat(u.username()).isEqualTo("alice");
                assertThat(u.role()).isEqualTo(Role.ADMIN);
            });
        }
    }

    @Test
    void badArgumentsExitWithTwo() {
        assertThat(run("token", "create", "x", "--scope", "superpowers", "--data", data.toString())
                        .exitCode())
                .isEqualTo(2);
        assertThat(run("user", "create", "bob", "--role", "overlord", "--data", data.toString())
                        .exitCode())
                .isEqualTo(2);
        assertThat(run("user", "create", "bad name!", "--data", data.toString()).exitCode())
                .isEqualTo(2);
        assertThat(run("token", "create", "x", "--data", data.toString()).exitCode())
                .as("--scope is required")
                .isEqualTo(2);
    }

    @Test
    void takenUsernameExitsWithOne() {
        assertThat(run("user", "create", "carol", "--data", data.toString()).exitCode())
                .isZero();

        Run again = run("user", "create", "Carol", "--data", data.toString());

        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.err()).contains("already taken");
    }

    @Test
    void helpDocumentsTheEnvironment() {
        Run help = run("--help");
        Run serve = run("serve", "--help");

        assertThat(help.out())
                .contains("PITWALL_DATA")
                .contains("PITWALL_DATABASE_URL")
                .contains("serve");
        assertThat(serve.out()).contains("--port").contains("--data").contains("--database-url");
    }

    @Test
    void aSettingThatMakesStartingImpossibleIsReportedWithWhatToChangeAndNoStackTrace() throws Exception {
        PrintStream console = System.out;
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        System.setOut(new PrintStream(log, true, StandardCharsets.UTF_8));
        Run shortPassword;
        Run badConfig;
        try {
            shortPassword = run("serve", "--port", "0", "--data", data.toString(), "--pitwall.admin-password=short");
            Path config = Files.writeString(data.resolve("pitwall.yaml"), "servces:\n  - name: x\n");
            badConfig = run(
                    "serve",
                    "--port",
                    "0",
                    "--data",
                    data.resolve("other").toString(),
                    "--pitwall.config-file=" + config);
        } finally {
            System.setOut(console);
        }

        assertThat(shortPassword.exitCode()).isEqualTo(1);
        assertThat(badConfig.exitCode()).isEqualTo(1);
        assertThat(shortPassword.err() + badConfig.err()).doesNotContain("\tat ");
        assertThat(log.toString(StandardCharsets.UTF_8))
                .contains("APPLICATION FAILED TO START")
                .contains("PITWALL_ADMIN_PASSWORD has 5 characters; a password needs 10 to 200.")
                .contains("or unset it to have one generated")
                .contains("is invalid")
                .contains("servces")
                .contains("Correct the file")
                .doesNotContain("\tat org.springframework");
    }
}
