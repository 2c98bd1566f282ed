package dev.pitwall.cli;

import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;

/** {@code pitwall change record}: what pipelines run after (or while) they deploy. */
@Command(
        name = "change",
        mixinStandardHelpOptions = true,
        description = "Records changes on a Pitwall server.",
        subcommands = ChangeCommand.Record.class)
public class ChangeCommand {

    // no mixinStandardHelpOptions: its --version would clash with the change's --version
    @Command(
            name = "record",
            description = {
                "Records a change (a deploy by default) on the server, optionally with the commits and files it"
                        + " ships, read from the local git repository.",
                "Exit codes: 0 recorded, 2 bad arguments, 3 the server refused (its message is shown), 4 the"
                        + " server was unreachable after retries."
            })
    public static class Record implements Callable<Integer> {

        @Option(
                names = {"-h", "--help"},
                usageHelp = true,
                description = "Show this help message and exit.")
        boolean help;

        @Mixin
        ServerConnection connection;

        @Option(names = "--service", required = true, paramLabel = "NAME", description = "The service changed.")
        String service;

        @Option(
                names = {"--env", "--environment"},
                paramLabel = "ENV",
                defaultValue = "production",
                description = "Environment (default ${DEFAULT-VALUE}).")
        String environment;

        @Option(
                names = "--version",
                paramLabel = "VERSION",
                description = "Version deployed; with --from-git defaults to `git describe --tags --always`.")
        String version;

        @Option(
                names = "--kind",
                paramLabel = "KIND",
                defaultValue = "deploy",
                description =
                        "deploy, rollback, config, feature_flag, migration, infra or other (default ${DEFAULT-VALUE}).")
        String kind;

        @Option(
                names = "--status",
                paramLabel = "STATUS",
                defaultValue = "succeeded",
                description = "in_progress, succeeded, failed or rolled_back (default ${DEFAULT-VALUE}).")
        String status;

        @Option(names = "--description", paramLabel = "TEXT", description = "What the change does.")
        String description;

        @Option(names = "--url", paramLabel = "URL", description = "A link for the change, such as the pipeline run.")
        String url;

        @Option(names = "--author", paramLabel = "NAME", description = "Who ran the change.")
        String author;

        @Option(
                names = "--external-id",
                paramLabel = "ID",
                description = "Idempotency key, such as the pipeline run id: recording it again changes nothing.")
        String externalId;

        @Option(
                names = "--started-at",
                paramLabel = "TIME",
                description = "RFC 3339 start time (default: now, on the server).")
        String startedAt;

        @Option(
                names = "--from-git",
                description = "Read the commits and changed files since the version last deployed (asked from the"
                        + " server) or since --since-ref from the git repository in --repo.")
        boolean fromGit;

        @Option(
                names = "--since-ref",
                paramLabel = "REF",
                description = "With --from-git: the commit range starts after REF.")
        String sinceRef;

        @Option(
                names = "--repo",
                paramLabel = "DIR",
                defaultValue = ".",
                description = "With --from-git: the git repository (default: the current directory).")
        Path repository;

        @Option(
                names = "--wait-verification",
                description =
                        "After recording, wait for the change's post-deploy verification: exit 0 on its first full"
                                + " pass, 1 on a failure (so the pipeline can roll back), as `pitwall check wait-verification`.")
        boolean waitVerification;

        @Option(
                names = "--wait-timeout",
                paramLabel = "DURATION",
                defaultValue = "15m",
                description = "With --wait-verification: give up (exit 1) after this long (default ${DEFAULT-VALUE}).")
        String waitTimeout;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            if (sinceRef != null && !fromGit) {
                err.println("--since-ref goes with --from-git");
                return CliExit.BAD_ARGUMENTS;
            }
            Duration verificationTimeout;
            try {
                verificationTimeout = VerificationWait.parseDuration("--wait-timeout", waitTimeout);
            } catch (IllegalArgumentException e) {
                err.println(e.getMessage());
                return CliExit.BAD_ARGUMENTS;
            }
            PitwallHttp http = connection.http();
            Map<String, Object> change = new LinkedHashMap<>();
            try {
                change.put("source", "cli");
                change.put("externalId", externalId);
                change.put("service", service);
                change.put("environment", environment);
                change.put("kind", kind);
                change.put("status", status);
                change.put("description", description);
                change.put("url", url);
                change.put("author", author);
                change.put("startedAt", startedAt);
                change.put("version", version);
                if (fromGit) {
                    Integer failed = addGitHistory(http, change, err);
                    if (failed != null) {
                        return failed;
                    }
                }
                PitwallHttp.Reply reply = http.post("/api/v1/changes", change);
                if (!reply.ok()) {
                    err.println("The server refused the change (HTTP " + reply.status() + "): " + reply.problem());
                    return CliExit.REFUSED;
                }
                JsonNode recorded = reply.json();
                out.println(describe(recorded, reply.status() == 200));
                if (!waitVerification) {
                    return CliExit.OK;
                }
                return new VerificationWait(
                                http,
                                Clock.systemUTC(),
                                Duration.ofSeconds(2),
                                verificationTimeout,
                                Duration.ofSeconds(30),
                                out,
                                err)
                        .await(recorded.path("id").asLong());
            } catch (PitwallHttp.UnreachableException e) {
                err.println("Cannot reach the Pitwall server: " + e.getMessage());
                return CliExit.UNREACHABLE;
            }
        }

        /** Adds the git range to the request; returns an exit code when it cannot. */
        private Integer addGitHistory(PitwallHttp http, Map<String, Object> change, PrintWriter err)
                throws PitwallHttp.UnreachableException {
            String base = sinceRef;
            if (base == null) {
                PitwallHttp.Reply last = http.get("/api/v1/changes/last-deploy?service=" + encode(service)
                        + "&environment=" + encode(environment));
                if (last.ok()) {
                    JsonNode sha = last.json().get("commitSha");
                    base = sha == null || sha.isNull() ? null : sha.asString();
                    if (base == null) {
                        err.println("The last deploy of " + service + " names no commit; recording HEAD only");
                    }
                } else if (last.status() == 404) {
                    err.println("No earlier deploy of " + service + " in " + environment + "; recording HEAD only");
                } else {
                    err.println("The server refused to name the last deploy (HTTP " + last.status() + "): "
                            + last.problem());
                    return CliExit.REFUSED;
                }
            }
            GitHistory git = new GitHistory(repository);
            GitHistory.Range range;
            try {
                if (sinceRef != null && !git.exists(sinceRef)) {
                    err.println("--since-ref " + sinceRef + " is not a commit in " + repository);
                    return CliExit.BAD_ARGUMENTS;
                }
                range = git.since(base);
            } catch (GitHistory.GitException e) {
                err.println("Cannot read the git history in " + repository + ": " + e.getMessage());
                return CliExit.BAD_ARGUMENTS;
            }
            if (base != null && range.base() == null) {
                err.println("The last deployed commit " + base + " is not in this repository; recording HEAD only");
            }
            change.put("commitSha", range.head());
            change.put("commits", range.commits());
            change.put("files", range.files());
            if (version == null) {
                change.put("version", range.describe());
            }
            return null;
        }

        private static String describe(JsonNode change, boolean known) {
            List<String> parts = new ArrayList<>();
            parts.add(change.path("kind").asString());
            parts.add(change.path("service").asString());
            if (!change.path("version").isNull() && change.has("version")) {
                parts.add(change.path("version").asString());
            }
            return (known ? "Already recorded: change " : "Recorded change ")
                    + change.path("id").asLong() + ": "
                    + String.join(" ", parts) + " in "
                    + change.path("environment").asString() + ", "
                    + change.path("status").asString() + " ("
                    + change.path("commitCount").asInt() + " commits)";
        }

        private static String encode(String value) {
            return URLEncoder.encode(value, StandardCharsets.UTF_8);
        }
    }
}
