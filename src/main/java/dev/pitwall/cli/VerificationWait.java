package dev.pitwall.cli;

import dev.pitwall.system.ConfigErrors;
import dev.pitwall.system.ConfigFile;
import java.io.PrintWriter;
import java.io.StringReader;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Waits for a change's post-deploy verification, for pipelines that roll back on their own: polls
 * {@code GET /api/v1/changes/{id}/verification} until the window's first full pass (every check
 * of the changed service passed in one round) or a failure. Used by
 * {@code pitwall check wait-verification} and {@code pitwall change record --wait-verification}.
 *
 * <p>Exit codes ({@link CliExit}): 0 passed (or nothing to verify), 1 failed or no full pass within
 * the timeout, 3 the server refused (bad token, scope), 4 the server could not be reached.
 */
public final class VerificationWait {

    private final PitwallHttp http;
    private final Clock clock;
    private final Duration poll;
    private final Duration timeout;
    private final Duration startTimeout;
    private final PrintWriter out;
    private final PrintWriter err;

    /**
     * @param poll how often to ask
     * @param timeout how long to wait for a full pass or a failure in all
     * @param startTimeout how long a missing verification may take to appear (the server starts it
     *     when it records the change as finished) before "nothing to verify" is assumed
     */
    public VerificationWait(
            PitwallHttp http,
            Clock clock,
            Duration poll,
            Duration timeout,
            Duration startTimeout,
            PrintWriter out,
            PrintWriter err) {
        this.http = http;
        this.clock = clock;
        this.poll = poll;
        this.timeout = timeout;
        this.startTimeout = startTimeout;
        this.out = out;
        this.err = err;
    }

    public int await(long changeId) {
        Instant start = clock.instant();
        Instant deadline = start.plus(timeout);
        String lastProgress = null;
        while (true) {
            PitwallHttp.Reply reply;
            try {
                reply = http.get("/api/v1/changes/" + changeId + "/verification?results=0");
            } catch (PitwallHttp.UnreachableException e) {
                return CliExit.unreachable(e, err);
            }
            Instant now = clock.instant();
            if (reply.status() == 404) {
                if (now.isAfter(start.plus(startTimeout))) {
                    out.printf(
                            "No verification of change %d started within %s: nothing to verify (not a successful deploy,"
                                    + " rollback, config change or feature flag, or the change is not recorded as finished).%n",
                            changeId, describe(startTimeout));
                    return CliExit.OK;
                }
            } else if (!reply.ok()) {
                err.println("Refused: " + reply.problem());
                return CliExit.REFUSED;
            } else {
                JsonNode report = reply.json();
                String status = report.path("status").asString("");
                String summary = report.path("summary").asString("");
                String change = report.path("change").asString("change " + changeId);
                if (status.equals("failed")) {
                    out.printf("Verification of %s FAILED: %s%n", change, summary);
                    String hook = report.path("rollbackHook").path("state").asString("none");
                    if (!hook.equals("none")) {
                        out.printf("Rollback hook: %s%n", hook);
                    }
                    return CliExit.FAILED;
                }
                if (report.path("passed").asBoolean(false)) {
                    out.printf(
                            status.equals("none")
                                    ? "Nothing to verify for %s: %s%n"
                                    : "Verification of %s passed: %s%n",
                            change,
                            status.equals("running")
                                    ? "every check passed in round "
                                            + report.path("rounds").asInt() + "; the window stays open until "
                                            + report.path("endsAt").asString("")
                                    : summary);
                    return CliExit.OK;
                }
                String progress = status + " " + report.path("rounds").asInt();
                if (!progress.equals(lastProgress)) {
                    out.printf(
                            "Verifying %s: round %d%s%n",
                            change, report.path("rounds").asInt(), summary.isBlank() ? "" : ", " + summary);
                    out.flush();
                    lastProgress = progress;
                }
            }
            if (now.isAfter(deadline)) {
                out.printf("No full pass of the verification of change %d within %s%n", changeId, describe(timeout));
                return CliExit.FAILED;
            }
            try {
                Thread.sleep(poll.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return CliExit.FAILED;
            }
        }
    }

    /** Reads a command-line duration such as {@code 30s}, {@code 10m} or {@code 1h30m}, as pitwall.yaml writes them. */
    public static Duration parseDuration(String option, String text) {
        ConfigErrors errors = new ConfigErrors();
        Optional<Duration> duration =
                ConfigFile.parse(option, new StringReader("d: " + text), errors).flatMap(node -> node.duration("d"));
        if (duration.isEmpty() || !errors.isEmpty()) {
            throw new IllegalArgumentException(
                    option + " must be a duration such as 30s, 10m or 1h, not '" + text + "'");
        }
        return duration.get();
    }

    private static String describe(Duration d) {
        return d.toSeconds() >= 120 ? d.toMinutes() + " min" : d.toSeconds() + " s";
    }
}
