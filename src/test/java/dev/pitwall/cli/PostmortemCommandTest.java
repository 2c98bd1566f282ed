package dev.pitwall.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pitwall.accounts.Scope;
import dev.pitwall.accounts.TestTokens;
import dev.pitwall.system.ApiClient;
import dev.pitwall.system.PitwallTest;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import picocli.CommandLine;

/** {@code pitwall postmortem export} and {@code list} against a running server. */
@PitwallTest
class PostmortemCommandTest {

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @TempDir
    Path dir;

    record Run(int exitCode, String out, String err) {}

    Run run(String... args) {
        CommandLine cli = new CommandLine(new PostmortemCommand());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return new Run(cli.execute(args), out.toString(), err.toString());
    }

    long postmortem() {
        ApiClient admin = ApiClient.at(port).withToken(TestTokens.create(context, Scope.ADMIN));
        long incident = admin.post("/api/v1/incidents", "{\"title\": \"CLI export\", \"services\": [\"cli-pm\"]}")
                .json()
                .get("id")
                .asLong();
        long id = admin.post("/api/v1/postmortems", "{\"incidentId\": " + incident + "}")
                .json()
                .get("id")
                .asLong();
        admin.post("/api/v1/postmortems/" + id + "/factors", "{\"text\": \"Exports were never checked\"}");
        return id;
    }

    @Test
    void exportsAPostmortemAsMarkdownToStdoutOrAFile() throws IOException {
        long id = postmortem();
        String token = TestTokens.create(context, Scope.READ);
        String server = "http://127.0.0.1:" + port;

        Run stdout = run("export", Long.toString(id), "--server", server, "--token", token);
        Path file = dir.resolve("pm.md");
        Run toFile = run("export", Long.toString(id), "-o", file.toString(), "--server", server, "--token", token);
        Run list = run("list", "--server", server, "--token", token);

        assertThat(stdout.exitCode()).as(stdout.err()).isZero();
        assertThat(stdout.out())
                .startsWith("# Postmortem #" + id + ": CLI export")
                .contains("## Contributing factors")
                .contains("1. Exports were never checked")
                .isEqualTo(ApiClient.at(port)
                        .withToken(token)
                        .get("/api/v1/postmortems/" + id + ".md")
                        .body());
        assertThat(toFile.exitCode()).isZero();
        assertThat(Files.readString(file)).isEqualTo(stdout.out());
        assertThat(toFile.err()).contains("Wrote postmortem #" + id);
        assertThat(list.exitCode()).isZero();
        assertThat(list.out()).contains("#" + id).contains("draft").contains("CLI export");
    }

    @Test
    void refusalsBadArgumentsAndAnUnreachableServerHaveTheirExitCodes() throws IOException {
        String token = TestTokens.create(context, Scope.READ);
        String server = "http://127.0.0.1:" + port;
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }

        Run unknown = run("export", "987654321", "--server", server, "--token", token);
        Run bad = run("export", "three", "--server", server, "--token", token);
        Run noToken = run("export", "1", "--server", server, "--token", "");
        Run down = run("export", "1", "--server", "http://127.0.0.1:" + closed, "--token", token, "--retries", "1");

        assertThat(unknown.exitCode()).isEqualTo(CliExit.REFUSED);
        assertThat(unknown.err()).contains("404").contains("No postmortem with id 987654321");
        assertThat(bad.exitCode()).isEqualTo(CliExit.BAD_ARGUMENTS);
        assertThat(noToken.exitCode()).isEqualTo(CliExit.REFUSED);
        assertThat(noToken.err()).contains("401");
        assertThat(down.exitCode()).isEqualTo(CliExit.UNREACHABLE);
    }
}
