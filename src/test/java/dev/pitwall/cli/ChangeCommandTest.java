package dev.pitwall.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pitwall.accounts.Scope;
import dev.pitwall.accounts.TestTokens;
import dev.pitwall.changes.ChangeEventsProbe;
import dev.pitwall.changes.ChangeLog;
import dev.pitwall.changes.Commit;
import dev.pitwall.changes.RecordedChange;
import dev.pitwall.system.PitwallTest;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;
import picocli.CommandLine;

/** {@code pitwall change record} and {@code pitwall changes diff} against a running server. */
@PitwallTest
@Import(ChangeEventsProbe.class)
class ChangeCommandTest {

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    ChangeLog changeLog;

    @TempDir
    Path checkout;

    String ingestToken;

    record Run(int exitCode, String out, String err) {}

    @BeforeEach
    void token() {
        ingestToken = TestTokens.create(context, Scope.INGEST, Scope.READ);
    }

    private Run run(Object command, String... args) {
        CommandLine cli = new CommandLine(command);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return new Run(cli.execute(args), out.toString(), err.toString());
    }

    private Run record(String... args) {
        List<String> all =
                new ArrayList<>(List.of("record", "--server", "http://127.0.0.1:" + port, "--token", ingestToken));
        all.addAll(List.of(args));
        return run(new ChangeCommand(), all.toArray(String[]::new));
    }

    private long recordedId(Run run) {
        String text = run.out().replaceAll("(?s).*change (\\d+):.*", "$1");
        return Long.parseLong(text.strip());
    }

    @Test
    void recordsTheCommitsAndFilesSinceTheLastDeployFromGit() {
        GitRepository git = GitRepository.init(checkout);
        git.commit("Initial proposals app", "Ana", "app/Main.java", "class Main {}");
        String first = git.commit("Add line items", "Ana", "app/LineItems.java", "class LineItems {}");

        Run initial = record(
                "--service", "cli-test-proposals", "--version", "1.0", "--from-git", "--repo", checkout.toString());

        assertThat(initial.exitCode()).as(initial.err()).isZero();
        assertThat(initial.err()).contains("No earlier deploy");
        RecordedChange one = changeLog.find(recordedId(initial)).orElseThrow();
        assertThat(one.commitSha()).isEqualTo(first);
        assertThat(one.commits()).extracting(Commit::message).containsExactly("Add line items");
        assertThat(one.files()).containsExactly("app/LineItems.java");
        assertThat(one.source().label()).isEqualTo("cli");

        git.commit(
                "Line items use the new index\n\nThe query scanned every member.",
                "Bo",
                "app/LineItems.java",
                "class LineItems { int index; }",
                "db/V12__index.sql",
                "create index;");
        String head = git.commit("Fix typo in README", "Cy", "README.md", "Proposals");

        Run next = record(
                "--service",
                "cli-test-proposals",
                "--version",
                "1.1",
                "--from-git",
                "--repo",
                checkout.toString(),
                "--description",
                "Release 1.1",
                "--url",
                "https://ci.example.com/runs/2");

        assertThat(next.exitCode()).as(next.err()).isZero();
        assertThat(next.out())
                .contains("Recorded change")
                .contains("cli-test-proposals 1.1")
                .contains("2 commits");
        RecordedChange two = changeLog.find(recordedId(next)).orElseThrow();
        assertThat(two.commitSha()).isEqualTo(head);
        assertThat(two.previousVersion()).isEqualTo("1.0");
        assertThat(two.commits())
                .extracting(Commit::message)
                .containsExactly(
                        "Fix typo in README", "Line items use the new index\n\nThe query scanned every member.");
        assertThat(two.commits().get(1).author()).isEqualTo("Bo <bo@example.com>");
        assertThat(two.commits().get(1).time()).isNotNull();
        assertThat(two.files()).containsExactlyInAnyOrder("README.md", "app/LineItems.java", "db/V12__index.sql");
        assertThat(two.links()).extracting(l -> l.href()).containsExactly("https://ci.example.com/runs/2");
    }

    @Test
    void readsTheRangeAfterAGivenRefAndDefaultsTheVersionToGitDescribe() {
        GitRepository git = GitRepository.init(checkout);
        String base = git.commit("One", "Ana", "a.txt", "1");
        git.git("tag", "v3.0.0");
        git.commit("Two", "Ana", "b.txt", "2");

        Run run = record(
                "--service", "cli-test-described", "--from-git", "--since-ref", base, "--repo", checkout.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        RecordedChange change = changeLog.find(recordedId(run)).orElseThrow();
        assertThat(change.version()).startsWith("v3.0.0-1-g");
        assertThat(change.commits()).extracting(Commit::message).containsExactly("Two");
        assertThat(change.files()).containsExactly("b.txt");
    }

    @Test
    void exitsWithTwoOnBadArgumentsThreeWhenRefusedAndFourWhenUnreachable() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        Run missingService = record("--version", "1");
        Run sinceRefAlone = record("--service", "cli-test-x", "--since-ref", "HEAD~1");
        Run notARepository = record(
                "--service",
                "cli-test-x",
                "--from-git",
                "--repo",
                checkout.resolve("no-such-checkout").toString());
        Run unknownKind = record("--service", "cli-test-x", "--kind", "deploymint");
        Run badToken = run(
                new ChangeCommand(),
                "record",
                "--server",
                "http://127.0.0.1:" + port,
                "--token",
                "pw_unknown",
                "--service",
                "cli-test-x");
        Run unreachable = run(
                new ChangeCommand(),
                "record",
                "--server",
                "http://127.0.0.1:" + closedPort,
                "--token",
                ingestToken,
                "--retries",
                "1",
                "--service",
                "cli-test-x");

        assertThat(missingService.exitCode()).isEqualTo(CliExit.BAD_ARGUMENTS);
        assertThat(sinceRefAlone.exitCode()).isEqualTo(CliExit.BAD_ARGUMENTS);
        assertThat(notARepository.exitCode()).isEqualTo(CliExit.BAD_ARGUMENTS);
        assertThat(notARepository.err()).contains("git");
        assertThat(unknownKind.exitCode()).isEqualTo(CliExit.REFUSED);
        assertThat(unknownKind.err()).contains("Unknown kind 'deploymint'");
        assertThat(badToken.exitCode()).isEqualTo(CliExit.REFUSED);
        assertThat(badToken.err()).contains("unknown or revoked");
        assertThat(unreachable.exitCode()).isEqualTo(CliExit.UNREACHABLE);
        assertThat(unreachable.err()).contains("Cannot reach");
    }

    @Test
    void changesDiffPrintsWhatChangedAsATable() {
        record("--service", "cli-test-diff", "--version", "4.0", "--started-at", "2026-06-01T08:00:00Z");
        record(
                "--service",
                "cli-test-diff",
                "--version",
                "4.1",
                "--started-at",
                "2026-06-02T01:00:00Z",
                "--description",
                "Faster proposals");
        record(
                "--service",
                "cli-test-diff",
                "--kind",
                "config",
                "--started-at",
                "2026-06-02T02:00:00Z",
                "--description",
                "pool size 20");
        ChangesCommand.Diff diff = new ChangesCommand.Diff();
        diff.clock = Clock.fixed(Instant.parse("2026-06-02T09:00:00Z"), ZoneId.of("UTC"));

        Run run = run(
                diff,
                "--server",
                "http://127.0.0.1:" + port,
                "--token",
                ingestToken,
                "--since",
                "yesterday 18:00",
                "--until",
                "2026-06-02 09:00");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .contains("What changed 2026-06-01 18:00 → 2026-06-02 09:00 (UTC)")
                .contains("SERVICE")
                .contains("cli-test-diff")
                .contains("4.0 → 4.1")
                .contains("Faster proposals")
                .contains("config *")
                .contains("* not a deploy");
        assertThat(run(new ChangesCommand.Diff(), "--server", "http://127.0.0.1:" + port, "--since", "whenever")
                        .exitCode())
                .isEqualTo(CliExit.BAD_ARGUMENTS);
    }
}
