package dev.pitwall.demo;

import dev.pitwall.system.ContextLauncher;
import dev.pitwall.system.StartupRefused;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.springframework.context.event.ContextClosedEvent;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Unmatched;

/** {@code pitwall demo}: the broken-line-items night, replayed end to end with real parts. */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = {
            "Replays the broken-line-items night end to end with real parts, then keeps the server running.",
            "",
            "Starts Pitwall on a fresh SQLite database (the data directory is wiped at start) with a sample"
                    + " Proposals app and a webhook receiver, records a day of changes and the deploy that breaks"
                    + " members' line items, and lets Pitwall catch it, open the incident, rank the suspects, notify,"
                    + " take customer reports, confirm the cause, verify the rollback and draft the postmortem with a"
                    + " safeguard check.",
            "Exit codes: 0 the story completed, 1 a step did not happen (the message says which), 2 bad arguments.",
            ""
        },
        footer = {
            "",
            "Sign in as admin with the password printed at the end (PITWALL_ADMIN_PASSWORD chooses it).",
            "Further Spring Boot properties can be given as --name=value, e.g. --server.address=127.0.0.1."
        })
public class DemoCommand implements Callable<Integer> {

    @Option(names = "--exit", description = "Exit once the story is told instead of keeping the server running.")
    boolean exit;

    @Option(
            names = "--port",
            paramLabel = "PORT",
            defaultValue = "8080",
            description = "HTTP port of Pitwall (default ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;

    @Option(
            names = "--data",
            paramLabel = "DIR",
            defaultValue = "pitwall-demo-data",
            description = "Data directory of the demo, emptied at start (default ./${DEFAULT-VALUE}).")
    Path data;

    @Unmatched
    List<String> springProperties = new ArrayList<>();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final ContextLauncher launcher;

    DemoCommand(ContextLauncher launcher) {
        this.launcher = launcher;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        for (String property : springProperties) {
            if (!property.matches("--[A-Za-z][\\w.\\[\\]-]*=.*")) {
                err.println("Unknown option '" + property + "'; see 'pitwall demo --help'");
                return 2;
            }
        }
        if (port < 0 || port > 65535) {
            err.println("--port must be 0 to 65535, not " + port);
            return 2;
        }
        Narrator narrator = new Narrator(out, System.nanoTime());
        narrator.plain("Pitwall demo: the broken-line-items night, replayed with real parts");
        narrator.plain("(the Pitwall server with its SQLite database, scheduler and checks; a sample Proposals app;"
                + " a webhook receiver; all in this process)");
        narrator.heading("Starting");
        Demo demo;
        try {
            demo = Demo.start(
                    new Demo.Options(data, port, System.getenv("PITWALL_ADMIN_PASSWORD"), springProperties), launcher);
        } catch (DemoApi.DemoFailed e) {
            err.println("The demo cannot start: " + e.getMessage());
            return 1;
        } catch (RuntimeException e) {
            err.println("Pitwall did not start: "
                    + StartupRefused.in(e)
                            .map(refused -> refused.getMessage() + "\n" + refused.action())
                            .orElse(e.getMessage()));
            err.println("Its log is in " + data.resolve("pitwall.log") + ".");
            return 1;
        }
        try (demo) {
            narrator.event("Pitwall is up at " + demo.url() + " (data in " + data + "; log in "
                    + data.resolve("pitwall.log") + ")");
            narrator.event("sample Proposals app " + demo.app().release() + " at "
                    + demo.app().url() + "; webhook receiver at " + demo.sink().url());
            NightReport report;
            try {
                report = demo.replay(narrator);
            } catch (DemoApi.DemoFailed e) {
                err.println();
                err.println("The demo stopped: " + e.getMessage());
                err.println("Pitwall's log is in " + data.resolve("pitwall.log") + ".");
                return 1;
            }
            closing(report, demo).forEach(out::println);
            out.flush();
            if (exit) {
                return 0;
            }
            out.println();
            out.println("Pitwall keeps running with the demo's data; press Ctrl+C to stop it.");
            out.flush();
            awaitClose(demo);
            return 0;
        }
    }

    private static void awaitClose(Demo demo) throws InterruptedException {
        CountDownLatch closed = new CountDownLatch(1);
        demo.context().addApplicationListener(event -> {
            if (event instanceof ContextClosedEvent) {
                closed.countDown();
            }
        });
        if (demo.context().isActive()) {
            closed.await();
        }
    }

    /** The closing comparison and where to look next. */
    static List<String> closing(NightReport report, Demo demo) {
        String url = demo.url();
        List<String> lines = new ArrayList<>();
        lines.add("");
        lines.add("What happened");
        lines.add("  Pitwall caught the broken journey " + NightReport.spoken(report.detection())
                + " after the deploy (post-deploy verification): incident #" + report.incidentId() + " opened,");
        lines.add("  the on-call bridge was notified, and " + report.reportsAttached()
                + " customer reports joined the same incident.");
        lines.add("  The rollback was verified and the incident resolved " + NightReport.spoken(report.resolution())
                + " after the deploy.");
        lines.add("  In the original story the deploy passed its tests in the evening, and customers found the break"
                + " the next");
        lines.add("  morning, when Client Success reported that members could not see their line items.");
        NightReport.Suspect top = report.topSuspect();
        lines.add(String.format(
                Locale.ROOT,
                "  Triage ranked %s first (score %.1f)%s:",
                top.label(),
                top.score(),
                top.mark().equals("confirmed_cause") ? ", and the responder confirmed it as the cause" : ""));
        top.reasons().forEach(reason -> lines.add("    - " + reason));
        NightReport.Postmortem postmortem = report.postmortem();
        lines.add("  Pitwall drafted postmortem #" + postmortem.id() + " from the record. Its safeguard, action item #"
                + postmortem.actionItemId() + ", is now the check");
        lines.add("  '" + postmortem.checkName()
                + "', and is done once that check passes a later deploy's verification.");
        lines.add("");
        lines.add("Explore it at " + url + "  (sign in as admin, password " + demo.adminPassword() + ")");
        lines.add("  the incident, its timeline and suspects  " + url + "/incidents/" + report.incidentId());
        lines.add("  what changed that night                  " + url + "/what-changed?from="
                + local(report.nightFrom()) + "&to=" + local(report.nightTo()) + "&tz=UTC");
        lines.add("  the deploy and its failed verification   " + url + "/changes/" + report.deployChangeId());
        lines.add("  the postmortem draft                     " + url + postmortem.path());
        lines.add("  the public status page                   " + url + "/status");
        return lines;
    }

    private static String local(java.time.Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC).toString();
    }
}
