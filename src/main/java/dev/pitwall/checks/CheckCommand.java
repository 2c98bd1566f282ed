package dev.pitwall.checks;

import dev.pitwall.cli.CliExit;
import dev.pitwall.cli.PitwallHttp;
import dev.pitwall.cli.ServerConnection;
import dev.pitwall.cli.VerificationWait;
import dev.pitwall.system.ConfigErrors;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

@Command(
        name = "check",
        mixinStandardHelpOptions = true,
        description = "Runs checks once and waits for post-deploy verifications.",
        subcommands = {CheckCommand.Run.class, CheckCommand.WaitVerification.class})
public class CheckCommand {

    @Command(
            name = "run",
            mixinStandardHelpOptions = true,
            description = {
                "Runs checks once and prints every step and assertion. FILE is a YAML file with one check, a list of",
                "checks, or a 'checks:' list (pitwall.yaml works); its checks run here, with ${secret:NAME} read",
                "from the environment. NAME is a check on a server, run there through the API (needs an admin token).",
                "Exit codes: 0 every check passed, 1 a check failed, 2 bad arguments or an invalid file,",
                "3 the server refused, 4 the server could not be reached."
            })
    static class Run implements Callable<Integer> {

        @Parameters(
                index = "0",
                paramLabel = "FILE|NAME",
                description = "A check file, or the name (or id) of a check on the server.")
        String target;

        @Option(
                names = "--allow-target",
                paramLabel = "CIDR",
                split = ",",
                description = "Let FILE checks reach these link-local or metadata ranges (refused by default).")
        List<String> allowTargets = List.of();

        @Mixin
        ServerConnection server;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            Path file = Path.of(target);
            if (Files.isRegularFile(file)) {
                return runFile(file, out, err);
            }
            if (target.endsWith(".yaml") || target.endsWith(".yml") || target.endsWith(".json")) {
                err.println("Refused: " + target + " does not exist");
                return CliExit.BAD_ARGUMENTS;
            }
            return runOnServer(out, err);
        }

        private int runFile(Path file, PrintWriter out, PrintWriter err) {
            ConfigErrors errors = new ConfigErrors();
            List<CheckDefinition> checks;
            try {
                checks = CheckFormat.parseText(file.getFileName().toString(), Files.readString(file), errors);
            } catch (IOException e) {
                err.println("Refused: cannot read " + file + ": " + e.getMessage());
                return CliExit.BAD_ARGUMENTS;
            }
            if (!errors.isEmpty() || checks.isEmpty()) {
                err.println("Refused: " + file + " is not a valid check file:");
                errors.all().forEach(e -> err.println("  " + e));
                if (errors.isEmpty()) {
                    err.println("  it declares no checks");
                }
                return CliExit.BAD_ARGUMENTS;
            }
            TargetGuard guard;
            try {
                guard = new TargetGuard(allowTargets);
            } catch (IllegalArgumentException e) {
                err.println("Refused: --allow-target: " + e.getMessage());
                return CliExit.BAD_ARGUMENTS;
            }
            Clock clock = Clock.systemUTC();
            boolean allPassed = true;
            try (Probes probes = Probes.start(guard, 16, clock)) {
                JourneyRunner runner =
                        new JourneyRunner(probes, name -> Optional.ofNullable(System.getenv(name)), clock);
                for (CheckDefinition check : checks) {
                    long budget = check.steps().stream()
                                    .mapToLong(s -> s.timeout().toMillis() + 1000)
                                    .sum()
                            + 5000;
                    CheckResult result;
                    try {
                        result = runner.run(null, check, "cli", null, true).get(budget, TimeUnit.MILLISECONDS);
                    } catch (Exception e) {
                        err.println("Check '" + check.name() + "' did not finish: " + e.getMessage());
                        allPassed = false;
                        continue;
                    }
                    print(result, check.service() + "/" + check.environment(), out);
                    allPassed &= result.ok();
                }
            }
            return allPassed ? CliExit.OK : CliExit.FAILED;
        }

        private int runOnServer(PrintWriter out, PrintWriter err) {
            PitwallHttp http = server.http();
            PitwallHttp.Reply reply;
            try {
                reply = http.post(
                        "/api/v1/checks/"
                                + URLEncoder.encode(target, StandardCharsets.UTF_8)
                                        .replace("+", "%20") + "/run",
                        null);
            } catch (PitwallHttp.UnreachableException e) {
                return CliExit.unreachable(e, err);
            }
            if (reply.status() == 404) {
                err.println("Refused: " + reply.problem() + " (and there is no file of that name here)");
                return CliExit.BAD_ARGUMENTS;
            }
            if (!reply.ok()) {
                err.println("Refused: " + reply.problem());
                return CliExit.REFUSED;
            }
            CheckResult result = JsonMapper.builder()
                    .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .build()
                    .readValue(reply.body(), CheckResult.class);
            print(result, "on the server", out);
            return result.ok() ? CliExit.OK : CliExit.FAILED;
        }
    }

    /** Prints a run step by step, every assertion with expected and actual. */
    static void print(CheckResult result, String where, PrintWriter out) {
        out.printf(
                Locale.ROOT,
                "%s %s (%s) in %s%n",
                result.ok() ? "PASS" : "FAIL",
                result.checkName(),
                where,
                StepTimings.format(result.durationMs()));
        for (StepResult step : result.steps()) {
            if (step.skipped()) {
                out.printf("  SKIP %s  %s (an earlier step failed)%n", step.name(), step.target());
                continue;
            }
            out.printf(
                    Locale.ROOT,
                    "  %s %s  %s%s  %s%n",
                    step.ok() ? "PASS" : "FAIL",
                    step.name(),
                    step.target(),
                    step.status() == null ? "" : "  HTTP " + step.status(),
                    step.timings() == null
                            ? ""
                            : StepTimings.format(step.timings().totalMs()));
            if (step.error() != null) {
                out.printf("       %s%n", step.error());
            }
            for (AssertionResult a : step.assertions()) {
                out.printf(
                        "       %s %s%s%n",
                        a.passed() ? "ok  " : "FAIL",
                        a.assertion(),
                        a.passed() ? "" : "  (expected " + a.expected() + ", got " + a.actual() + ")");
            }
            if (!step.ok() && step.excerpt() != null && !step.excerpt().isEmpty()) {
                String excerpt =
                        step.excerpt().length() > 600 ? step.excerpt().substring(0, 600) + "…" : step.excerpt();
                out.printf("       response: %s%n", excerpt.replace("\n", "\n                 "));
            }
        }
        if (!result.ok() && result.failure() != null) {
            out.printf("  why: %s%n", result.failure());
        }
        out.flush();
    }

    @Command(
            name = "wait-verification",
            mixinStandardHelpOptions = true,
            description = {
                "Waits for the post-deploy verification of a change: its first full pass (every check of the changed",
                "service passed in one round) or a failure, so that a pipeline can roll back on its own.",
                "Exit codes: 0 passed (or nothing to verify), 1 failed or no full pass within --timeout,",
                "3 the server refused, 4 the server could not be reached."
            })
    static class WaitVerification implements Callable<Integer> {

        @Parameters(
                index = "0",
                paramLabel = "CHANGE_ID",
                description = "The change's id, as `pitwall change record` printed it.")
        long changeId;

        @Option(
                names = "--timeout",
                paramLabel = "DURATION",
                defaultValue = "15m",
                description = "Give up after this long (default ${DEFAULT-VALUE}).")
        String timeout;

        @Option(
                names = "--poll",
                paramLabel = "DURATION",
                defaultValue = "2s",
                description = "Ask this often (default ${DEFAULT-VALUE}).")
        String poll;

        @Mixin
        ServerConnection server;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            Duration wait;
            Duration every;
            try {
                wait = VerificationWait.parseDuration("--timeout", timeout);
                every = VerificationWait.parseDuration("--poll", poll);
            } catch (IllegalArgumentException e) {
                spec.commandLine().getErr().println("Refused: " + e.getMessage());
                return CliExit.BAD_ARGUMENTS;
            }
            return new VerificationWait(
                            server.http(),
                            Clock.systemUTC(),
                            every,
                            wait,
                            Duration.ofSeconds(30),
                            spec.commandLine().getOut(),
                            spec.commandLine().getErr())
                    .await(changeId);
        }
    }
}
