package dev.pitwall.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

@Command(
        name = "postmortem",
        mixinStandardHelpOptions = true,
        description = "Exports and lists postmortems of a Pitwall server.",
        subcommands = {PostmortemCommand.Export.class, PostmortemCommand.ListAll.class})
public class PostmortemCommand {

    @Command(
            name = "export",
            mixinStandardHelpOptions = true,
            description = {
                "Writes a postmortem as Markdown (GET /api/v1/postmortems/ID.md) to stdout or a file: the same",
                "contents as its printable page. Needs a token with the read scope.",
                "Exit codes: 0 written, 2 bad arguments, 3 the server refused (such as an unknown postmortem),",
                "4 the server could not be reached."
            })
    static class Export implements Callable<Integer> {

        @Parameters(index = "0", paramLabel = "ID", description = "The postmortem's number.")
        String id;

        @Option(
                names = {"-o", "--output"},
                paramLabel = "FILE",
                description = "Write to this file instead of stdout.")
        Path output;

        @Mixin
        ServerConnection server;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter err = spec.commandLine().getErr();
            if (!id.matches("\\d{1,18}")) {
                err.println("ID must be a postmortem's number, such as 3, not '" + id + "'");
                return CliExit.BAD_ARGUMENTS;
            }
            try {
                PitwallHttp.Reply reply = server.http().get("/api/v1/postmortems/" + id + ".md");
                if (!reply.ok()) {
                    return CliExit.refused(reply, err);
                }
                if (output == null) {
                    spec.commandLine().getOut().print(reply.body());
                    spec.commandLine().getOut().flush();
                } else {
                    Files.writeString(output, reply.body(), StandardCharsets.UTF_8);
                    err.println("Wrote postmortem #" + id + " to " + output);
                }
                return CliExit.OK;
            } catch (PitwallHttp.UnreachableException e) {
                return CliExit.unreachable(e, err);
            } catch (IOException e) {
                err.println("Cannot write " + output + ": " + e.getMessage());
                return CliExit.BAD_ARGUMENTS;
            }
        }
    }

    @Command(
            name = "list",
            mixinStandardHelpOptions = true,
            description = {
                "Lists postmortems (GET /api/v1/postmortems), newest first. Needs a token with the read scope.",
                "Exit codes: 0 listed, 3 the server refused, 4 the server could not be reached."
            })
    static class ListAll implements Callable<Integer> {

        @Option(
                names = "--status",
                paramLabel = "STATUS",
                defaultValue = "all",
                description = "draft, in_review, published or all (default).")
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
                        server.http().get("/api/v1/postmortems?status=" + status.replaceAll("[^a-z_,]", ""));
                if (!reply.ok()) {
                    return CliExit.refused(reply, spec.commandLine().getErr());
                }
                for (JsonNode p : reply.json().get("postmortems")) {
                    out.printf(
                            "#%-6d %-10s incident #%-6d %d open action items  %s%n",
                            p.get("id").asLong(),
                            p.get("status").asString(),
                            p.get("incidentId").asLong(),
                            p.get("openActionItems").asInt(),
                            p.get("title").asString());
                }
                return CliExit.OK;
            } catch (PitwallHttp.UnreachableException e) {
                return CliExit.unreachable(e, spec.commandLine().getErr());
            }
        }
    }
}
