package dev.pitwall.triage;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(
        name = "triage",
        mixinStandardHelpOptions = true,
        description = "Measures the ranking of suspect changes.",
        subcommands = TriageCommand.Eval.class)
public class TriageCommand {

    @Command(
            name = "eval",
            mixinStandardHelpOptions = true,
            description = {
                "Ranks the suspects of every scenario in DIR (*.yaml, each an incident with its known cause) and",
                "prints top-1 and top-3 accuracy and mean reciprocal rank, next to the baseline 'the most recent",
                "change before impact'. Needs no server and no database. The last line is always",
                "'triage: top1=0.xx top3=0.xx mrr=0.xx baseline_top1=0.xx (N scenarios)'.",
                "Exit codes: 0 measured, 2 bad arguments or a scenario that cannot be read."
            })
    static class Eval implements Callable<Integer> {

        @Parameters(index = "0", paramLabel = "DIR", description = "Directory of scenario files.")
        Path directory;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            List<Scenario> scenarios;
            try {
                scenarios = ScenarioFile.loadDirectory(directory);
            } catch (ScenarioException e) {
                spec.commandLine().getErr().println("Refused: " + e.getMessage());
                return 2;
            }
            TriageEvaluation.Report report = TriageEvaluation.run(scenarios);
            print(report, spec.commandLine().getOut());
            return 0;
        }

        private void print(TriageEvaluation.Report report, PrintWriter out) {
            out.printf("triage eval: %d scenarios from %s%n", report.outcomes().size(), directory);
            out.printf("%4s  %-8s  %-44s  %s%n", "rank", "baseline", "scenario", "top suspect");
            for (TriageEvaluation.Outcome outcome : report.outcomes()) {
                Scenario scenario = outcome.scenario();
                String top = outcome.suspects()
                        .top()
                        .map(suspect -> String.format(
                                Locale.ROOT,
                                "%s (%s %s, score %.2f)",
                                scenario.nameOf(suspect.change().id()),
                                suspect.change().service(),
                                suspect.change().kind().label(),
                                suspect.score()))
                        .orElse("(none)");
                out.printf(
                        "%4s  %-8s  %-44s  %s%n",
                        outcome.rank().isPresent()
                                ? String.valueOf(outcome.rank().getAsInt())
                                : "-",
                        outcome.baselineHit() ? "hit" : "miss",
                        scenario.file(),
                        top);
            }
            int n = report.outcomes().size();
            out.printf(
                    Locale.ROOT,
                    "top-1 %d/%d, top-3 %d/%d, mean reciprocal rank %.2f (a cause outside the top %d counts 0);"
                            + " baseline top-1 %d/%d%n",
                    Math.round(report.top1() * n),
                    n,
                    Math.round(report.top3() * n),
                    n,
                    report.meanReciprocalRank(),
                    SuspectRanking.DEFAULT_LIMIT,
                    Math.round(report.baselineTop1() * n),
                    n);
            out.println(report.summaryLine());
        }
    }
}
