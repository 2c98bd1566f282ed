package dev.pitwall.cli;

import java.io.PrintWriter;
import java.time.Instant;
import java.time.format.DateTimeParseException;
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

@Command(
        name = "incident",
        mixinStandardHelpOptions = true,
        description = "Declares and lists incidents on a Pitwall server.",
        subcommands = {IncidentCommand.Declare.class, IncidentCommand.ListOpen.class})
public class IncidentCommand {

    @Command(
            name = "declare",
            mixinStandardHelpOptions = true,
            description = {
                "Declares an incident by hand (POST /api/v1/incidents) and prints its number and address.",
                "Needs a token with the ingest (or admin) scope.",
                "Exit codes: 0 declared, 2 bad arguments, 3 the server refused (its reason is printed),",
                "4 the server could not be reached."
            })
    static class Declare implements Callable<Integer> {

        @Option(names = "--title", required = true, paramLabel = "TEXT", description = "What is wrong, in a line.")
        String title;

        @Option(
                names = "--severity",
                paramLabel = "SEV",
                defaultValue = "sev3",
                description = "sev1 (most severe) to sev4 (default ${DEFAULT-VALUE}).")
        String severity;

        @Option(names = "--service", paramLabel = "NAME", description = "An affected service; repeat for several.")
        List<String> services = new ArrayList<>();

        @Option(names = "--environment", paramLabel = "ENV", description = "Such as production.")
        String environment;

        @Option(names = "--summary", paramLabel = "TEXT", description = "What is known so far.")
        String summary;

        @Option(
                names = "--impact-started",
                paramLabel = "TIME",
                description = "When users were first affected, RFC 3339 (2026-11-24T17:52:00Z); default now.")
        String impactStarted;

        @Option(
                names = "--detected-by",
                paramLabel = "SOURCE",
                defaultValue = "staff",
                description = "check, alert, customer or staff (default ${DEFAULT-VALUE}).")
        String detectedBy;

        @Mixin
        ServerConnection server;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter err = spec.commandLine().getErr();
            if (!severity.toLowerCase().matches("sev[1-4]|[1-4]")) {
                err.println("--severity must be sev1, sev2, sev3 or sev4, not '" + severity + "'");
                return CliExit.BAD_ARGUMENTS;
            }
            if (impactStarted != null) {
                try {
                    Instant.parse(impactStarted);
                } catch (DateTimeParseException e) {
                    err.println("--impact-started must be an RFC 3339 time such as 2026-11-24T17:52:00Z");
                    return CliExit.BAD_ARGUMENTS;
                }
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("title", title);
            body.put("severity", severity.matches("[1-4]") ? "sev" + severity : severity.toLowerCase());
            body.put("services", services);
            body.put("environment", environment);
            body.put("summary", summary);
            body.put("impactStartedAt", impactStarted);
            body.put("detectionSource", detectedBy.toLowerCase());
            try {
                PitwallHttp.Reply reply = server.http().post("/api/v1/incidents", body);
                if (!reply.ok()) {
                    return CliExit.refused(reply, err);
                }
                JsonNode incident = reply.json();
                long id = incident.get("id").asLong();
                spec.commandLine().getOut().println(id);
                err.println("Declared incident #" + id + " ("
                        + incident.get("severity").asString().toUpperCase() + "): "
                        + incident.get("title").asString());
                err.println(server.server.replaceAll("/+$", "") + "/incidents/" + id);
                return CliExit.OK;
            } catch (PitwallHttp.UnreachableException e) {
                return CliExit.unreachable(e, err);
            }
        }
    }

    @Command(
            name = "list",
            mixinStandardHelpOptions = true,
            description = {
                "Lists open incidents (GET /api/v1/incidents), newest first. Needs a token with the read scope.",
                "Exit codes: 0 listed, 3 the server refused, 4 the server could not be reached."
            })
    static class ListOpen implements Callable<Integer> {

        @Option(
                names = "--status",
                paramLabel = "STATUS",
                defaultValue = "open",
                description = "open (default), resolved, closed, all, or one status such as monitoring.")
        String status;

        @Mixin
        ServerConnection server;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try {
                PitwallHttp.Reply reply =
                        server.http().get("/api/v1/incidents?status=" + status.replaceAll("[^a-z]", ""));
                if (!reply.ok()) {
                    return CliExit.refused(reply, spec.commandLine().getErr());
                }
                for (JsonNode i : reply.json().get("incidents")) {
                    List<String> services = new ArrayList<>();
                    i.get("services").forEach(s -> services.add(s.asString()));
                    out.printf(
                            "#%-6d %-4s %-13s %s%s%n",
                            i.get("id").asLong(),
                            i.get("severity").asString().toUpperCase(),
                            i.get("status").asString(),
                            i.get("title").asString(),
                            services.isEmpty() ? "" : " (" + String.join(", ", services) + ")");
                }
                return CliExit.OK;
            } catch (PitwallHttp.UnreachableException e) {
                return CliExit.unreachable(e, spec.commandLine().getErr());
            }
        }
    }
}
