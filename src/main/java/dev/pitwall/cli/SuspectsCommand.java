package dev.pitwall.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@Command(
        name = "suspects",
        mixinStandardHelpOptions = true,
        description = {
            "Prints the changes most likely to have caused an incident, with their reasons and marks",
            "(GET /api/v1/incidents/ID/suspects; a read token), or marks one (--confirm, --rule-out, --clear;",
            "an admin token).",
            "Exit codes: 0 done, 2 bad arguments, 3 the server refused (its reason is printed),",
            "4 the server could not be reached."
        })
public class SuspectsCommand implements Callable<Integer> {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Parameters(index = "0", paramLabel = "INCIDENT", description = "The incident's number.")
    long incident;

    @ArgGroup(exclusive = true)
    Mark mark;

    static class Mark {
        @Option(names = "--confirm", paramLabel = "CHANGE", description = "Mark the change as the confirmed cause.")
        Long confirm;

        @Option(names = "--rule-out", paramLabel = "CHANGE", description = "Mark the change as ruled out.")
        Long ruleOut;

        @Option(names = "--clear", paramLabel = "CHANGE", description = "Clear the change's mark.")
        Long clear;
    }

    @Option(names = "--note", paramLabel = "TEXT", description = "Why, with a mark (up to 2000 characters).")
    String note;

    @Mixin
    ServerConnection server;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        if (note != null && mark == null) {
            err.println("--note goes with --confirm, --rule-out or --clear");
            return CliExit.BAD_ARGUMENTS;
        }
        try {
            PitwallHttp http = server.http();
            PitwallHttp.Reply reply;
            if (mark == null) {
                reply = http.get("/api/v1/incidents/" + incident + "/suspects");
            } else {
                long change = mark.confirm != null ? mark.confirm : mark.ruleOut != null ? mark.ruleOut : mark.clear;
                Map<String, Object> body = new LinkedHashMap<>();
                body.put(
                        "mark", mark.confirm != null ? "confirmed_cause" : mark.ruleOut != null ? "ruled_out" : "none");
                body.put("note", note);
                reply = http.send(
                        "PUT",
                        "/api/v1/incidents/" + incident + "/suspects/" + change + "/mark",
                        JSON.writeValueAsString(body));
            }
            if (!reply.ok()) {
                return CliExit.refused(reply, err);
            }
            print(reply.json(), spec.commandLine().getOut());
            return CliExit.OK;
        } catch (PitwallHttp.UnreachableException e) {
            return CliExit.unreachable(e, err);
        }
    }

    private static void print(JsonNode list, PrintWriter out) {
        out.printf(
                Locale.ROOT,
                "Incident #%d: ranked %s from %,d changes%n",
                list.get("incidentId").asLong(),
                list.get("rankedAt").asString(),
                list.get("candidates").asInt());
        if (list.get("ranked").isEmpty()) {
            out.println("  no change from the look-back window points at this incident");
        }
        list.get("ranked").forEach(suspect -> printSuspect(suspect, out));
        out.println("During the incident:");
        if (list.get("duringIncident").isEmpty()) {
            out.println("  none");
        }
        list.get("duringIncident").forEach(suspect -> printSuspect(suspect, out));
    }

    private static void printSuspect(JsonNode s, PrintWriter out) {
        int rank = s.get("rank").asInt();
        String version = s.get("version").isNull() ? "" : " " + s.get("version").asString();
        String mark = s.get("mark").asString();
        out.printf(
                Locale.ROOT,
                "%5s %5.1f  %s%s (%s, change #%d) in %s%s%n",
                rank == 0 ? "-" : "#" + rank,
                s.get("score").asDouble(),
                s.get("service").asString(),
                version,
                s.get("kind").asString().replace('_', ' '),
                s.get("changeId").asLong(),
                s.get("environment").asString(),
                mark.equals("none")
                        ? ""
                        : "  [" + mark.replace('_', ' ') + " by "
                                + s.get("markedBy").asString()
                                + (s.get("markNote").isNull()
                                        ? ""
                                        : ": " + s.get("markNote").asString()) + "]");
        for (JsonNode e : s.get("evidence")) {
            out.printf(
                    Locale.ROOT,
                    "             %-12s %+5.1f  %s%n",
                    e.get("rule").asString(),
                    e.get("score").asDouble(),
                    e.get("reason").asString());
        }
    }
}
