package dev.pitwall.triage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pitwall.PitwallMain;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class TriageCommandTest {

    static final String SUMMARY =
            "triage: top1=\\d\\.\\d\\d top3=\\d\\.\\d\\d mrr=\\d\\.\\d\\d baseline_top1=\\d\\.\\d\\d \\(\\d+ scenarios\\)";

    @TempDir
    Path directory;

    record Run(int exitCode, List<String> out, String err) {}

    @Test
    void evalPrintsOneLinePerScenarioAndEndsWithTheSummaryLine() throws IOException {
        Files.writeString(directory.resolve("card-declines.yaml"), ScenarioFileTest.VALID);
        Files.writeString(
                directory.resolve("upstream-config.yaml"),
                ScenarioFileTest.VALID.replace("cause: checkout-1", "cause: payments-config"));

        Run run = run("eval", directory.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).hasSize(6);
        assertThat(run.out().get(0)).isEqualTo("triage eval: 2 scenarios from " + directory);
        // The payments config failed its verification: first in both; the baseline is the later checkout deploy.
        assertThat(run.out().get(1)).matches("rank\\s+baseline\\s+scenario\\s+top suspect");
        assertThat(run.out().get(2))
                .matches(
                        "\\s+2  hit\\s+card-declines\\.yaml\\s+payments-config \\(payments config, score \\d+\\.\\d\\d\\)");
        assertThat(run.out().get(3)).matches("\\s+1  miss\\s+upstream-config\\.yaml\\s+payments-config .*");
        assertThat(run.out().get(4)).startsWith("top-1 1/2, top-3 2/2, mean reciprocal rank 0.75");
        assertThat(run.out().getLast())
                .matches(SUMMARY)
                .isEqualTo("triage: top1=0.50 top3=1.00 mrr=0.75 baseline_top1=0.50 (2 scenarios)");
    }

    @Test
    void evalOfTheShippedScenariosEndsWithTheSameSummaryFormat() {
        Run run = run("eval", "src/test/resources/triage-scenarios");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out().getLast()).matches(SUMMARY);
    }

    @Test
    void aScenarioThatCannotBeReadExitsWithTwoNamingFileAndField() throws IOException {
        Files.writeString(
                directory.resolve("broken.yaml"), ScenarioFileTest.VALID.replace("kind: config", "kind: deployment"));

        Run run = run("eval", directory.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).startsWith("Refused: broken.yaml: line 22: changes[1].kind: 'deployment' is not one of");
    }

    @Test
    void badArgumentsExitWithTwo() {
        assertThat(run("eval").exitCode()).as("DIR is required").isEqualTo(2);
        assertThat(run("eval", directory.resolve("missing").toString())).satisfies(run -> {
            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.err()).contains("missing: not a directory");
        });
        assertThat(run("eval", directory.toString()).err()).contains("no scenario files");
    }

    @Test
    void pitwallOffersTheTriageCommand() {
        assertThat(PitwallMain.class.getAnnotation(CommandLine.Command.class).subcommands())
                .contains(TriageCommand.class);
    }

    private static Run run(String... args) {
        CommandLine cli = new CommandLine(new TriageCommand());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        List<String> lines =
                out.toString().isEmpty() ? List.of() : List.of(out.toString().split("\\R"));
        return new Run(code, lines, err.toString());
    }
}
