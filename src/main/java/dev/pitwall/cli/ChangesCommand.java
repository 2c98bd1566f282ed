package dev.pitwall.cli;

import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;

/** {@code pitwall changes diff}: "what changed" as a table. */
@Command(
        name = "changes",
        mixinStandardHelpOptions = true,
        description = "Reads the change log of a Pitwall server.",
        subcommands = ChangesCommand.Diff.class)
public class ChangesCommand {

    @Command(
            name = "diff",
            mixinStandardHelpOptions = true,
            description = {
                "Shows what changed between two times: per service the version at each end and every change in"
                        + " between; services without a change are left out. Times are local: \"yesterday 18:00\","
                        + " \"today 09:00\", \"2h ago\", \"2026-11-24 18:00\" or RFC 3339.",
                "Exit codes: 0 shown, 2 bad arguments, 3 the server refused, 4 the server was unreachable."
            })
    public static class Diff implements Callable<Integer> {

        private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("MMM dd HH:mm");
        private static final DateTimeFormatter HEADER = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

        @Mixin
        ServerConnection connection;

        @Option(names = "--since", required = true, paramLabel = "TIME", description = "Start of the window.")
        String since;

        @Option(names = "--until", paramLabel = "TIME", defaultValue = "now", description = "End (default: now).")
        String until;

        @Option(
                names = {"--env", "--environment"},
                paramLabel = "ENV",
                split = ",",
                description = "Only these environments (default: all).")
        List<String> environments;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        Clock clock = Clock.systemDefaultZone();

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            Instant from;
            Instant to;
            try {
                from = HumanTime.parse(since, clock);
                to = HumanTime.parse(until, clock);
            } catch (IllegalArgumentException e) {
                err.println(e.getMessage());
                return CliExit.BAD_ARGUMENTS;
            }
            if (!to.isAfter(from)) {
                err.println("--until must be after --since");
                return CliExit.BAD_ARGUMENTS;
            }
            StringBuilder path = new StringBuilder("/api/v1/changes/diff?from=" + from + "&to=" + to);
            if (environments != null) {
                for (String env : environments) {
                    path.append("&env=").append(URLEncoder.encode(env.strip(), StandardCharsets.UTF_8));
                }
            }
            try {
                PitwallHttp.Reply reply = connection.http().get(path.toString());
                if (!reply.ok()) {
                    err.println("The server refused (HTTP " + reply.status() + "): " + reply.problem());
                    return CliExit.REFUSED;
                }
                print(reply.json(), clock.getZone(), out);
                return CliExit.OK;
            } catch (PitwallHttp.UnreachableException e) {
                err.println("Cannot reach the Pitwall server: " + e.getMessage());
                return CliExit.UNREACHABLE;
            }
        }

        static void print(JsonNode diff, ZoneId zone, PrintWriter out) {
            Instant from = Instant.parse(diff.path("from").asString());
            Instant to = Instant.parse(diff.path("to").asString());
            JsonNode services = diff.path("services");
            out.println(
                    "What changed " + HEADER.format(from.atZone(zone)) + " → " + HEADER.format(to.atZone(zone)) + " ("
                            + zone + "): " + diff.path("changeCount").asInt() + " change(s) in " + services.size()
                            + " service(s)");
            if (services.isEmpty()) {
                return;
            }
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {
                "SERVICE", "ENV", "VERSIONS", "WHEN", "KIND", "VERSION", "STATUS", "SOURCE", "DESCRIPTION"
            });
            boolean marked = false;
            for (JsonNode service : services) {
                boolean first = true;
                String versions = text(service, "fromVersion") + " → " + text(service, "toVersion");
                for (JsonNode change : service.path("changes")) {
                    String kind = change.path("kind").asString();
                    if (!kind.equals("deploy")) {
                        kind = kind + " *";
                        marked = true;
                    }
                    String status = change.path("status").asString();
                    if (change.path("verification").asString("none").equals("failed")) {
                        status = status + " (verification failed)";
                    }
                    rows.add(new String[] {
                        first ? service.path("service").asString() : "",
                        first ? service.path("environment").asString() : "",
                        first ? versions : "",
                        WHEN.format(Instant.parse(change.path("startedAt").asString())
                                .atZone(zone)),
                        kind,
                        text(change, "version"),
                        status,
                        change.path("source").asString(),
                        shorten(change.path("description").asString(""))
                    });
                    first = false;
                }
            }
            int[] widths = new int[rows.getFirst().length];
            for (String[] row : rows) {
                for (int i = 0; i < row.length; i++) {
                    widths[i] = Math.max(widths[i], row[i].length());
                }
            }
            for (String[] row : rows) {
                StringBuilder line = new StringBuilder();
                for (int i = 0; i < row.length; i++) {
                    line.append(i == row.length - 1 ? row[i] : String.format("%-" + widths[i] + "s  ", row[i]));
                }
                out.println(line.toString().stripTrailing());
            }
            if (marked) {
                out.println("* not a deploy: config, feature flag, migration, infra or other change");
            }
        }

        private static String text(JsonNode node, String field) {
            JsonNode value = node.path(field);
            return value.isNull() || value.isMissingNode() ? "-" : value.asString();
        }

        private static String shorten(String text) {
            String line = text.lines().findFirst().orElse("");
            return line.length() <= 60 ? line : line.substring(0, 57) + "...";
        }
    }
}
