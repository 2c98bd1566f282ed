package dev.pitwall.demo;

import dev.pitwall.cli.ChangeCommand;
import dev.pitwall.cli.ChangesCommand;
import dev.pitwall.cli.SuspectsCommand;
import dev.pitwall.demo.DemoApi.DemoFailed;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;

/**
 * The broken-line-items night, told through Pitwall's public interfaces only: the catalog, tokens,
 * secrets, notification targets and changes through the HTTP API, the check through pitwall.yaml
 * and a reload, the night's deploy and the rollback through {@code pitwall change record}, the
 * customers' reports through the reports API, and the responder's work through the incident,
 * triage and postmortem APIs and CLI.
 * Everything after the deploy (verification, the incident, its suspects, the notification, the
 * postmortem draft) is Pitwall doing its job, which the replay waits for and reads back.
 */
final class NightReplay {

    static final String CHECK = "member can list line items";
    static final String SECRET = "PROPOSALS_PASSWORD";
    static final String RESPONDER = "sam";
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final DateTimeFormatter CLOCK_TIME =
            DateTimeFormatter.ofPattern("EEE HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

    /** Where things are: Pitwall, the sample app, the webhook receiver, the data directory. */
    record Setting(
            String server,
            String adminToken,
            ProposalsApp app,
            String appPassword,
            WebhookSink sink,
            String sinkSecret,
            Path dataDirectory,
            Path configFile,
            Clock clock) {}

    private final Setting setting;
    private final Narrator narrator;
    private final DemoApi setup;
    private DemoApi pipeline;
    private DemoApi clientSuccess;
    private DemoApi responder;
    private String pipelineToken;
    private String responderToken;

    NightReplay(Setting setting, Narrator narrator) {
        this.setting = setting;
        this.narrator = narrator;
        this.setup = new DemoApi("setup", setting.server(), setting.adminToken());
    }

    NightReport run() {
        setUp();
        Instant now = setting.clock().instant();
        ReleaseHistory history = ReleaseHistory.write(setting.dataDirectory().resolve("proposals-app"), now);
        recordThePastDay(history, now);

        narrator.heading("The night (real time from here on)");
        Instant nightFrom = now.minus(Duration.ofHours(12)).truncatedTo(ChronoUnit.MINUTES);
        // The pipeline notes when the rollout began and reports it with the change: the app serves
        // the new release before the change is recorded, and a scheduled run of the check may fail
        // in between; impact must not appear to start before the deploy did.
        Instant rolloutStarted = now().truncatedTo(ChronoUnit.MILLIS);
        setting.app().deploy(ProposalsApp.BROKEN_RELEASE);
        narrator.event("proposals-app " + ProposalsApp.BROKEN_RELEASE
                + " goes live: its tests passed in CI, and members now get 200 with an empty list of line items");
        double deployedAt = narrator.elapsedSeconds();
        long deployId = recordNightDeploy(history, rolloutStarted);
        JsonNode deploy = pipeline.get("/api/v1/changes/" + deployId);
        narrator.event("deploy proposals-app " + ProposalsApp.BROKEN_RELEASE + " recorded ("
                + deploy.path("commitCount").asInt() + " commits, change " + deployId + ")");

        JsonNode incident =
                DemoApi.await("an incident about proposals-app", PATIENCE, () -> openIncidentOf("proposals-app"));
        double seenAt = narrator.elapsedSeconds();
        long incidentId = incident.path("id").asLong();
        Duration detection = Duration.between(
                Instant.parse(deploy.path("finishedAt").asString()),
                Instant.parse(incident.path("detectedAt").asString()));
        JsonNode verification = DemoApi.await(
                "the failed verification of the deploy",
                PATIENCE,
                () -> pipeline.find("/api/v1/changes/" + deployId + "/verification?results=0")
                        .filter(v -> v.path("status").asString().equals("failed")));
        narrator.event(
                "post-deploy verification of proposals-app " + ProposalsApp.BROKEN_RELEASE + " FAILED",
                List.of(verification.path("summary").asString()));
        narrator.event(
                String.format(
                        Locale.ROOT,
                        "incident #%d opened: %s \"%s\" (%s), detected %s after the deploy",
                        incidentId,
                        incident.path("severity").asString().toUpperCase(Locale.ROOT),
                        incident.path("title").asString(),
                        String.join(", ", texts(incident.path("services"))),
                        NightReport.spoken(detection)),
                timelineText(incidentId, "opened").stream().toList());

        pauseUntil(deployedAt + 3.0);
        long billingId = pipeline.post(
                        "/api/v1/changes",
                        change("night-billing-4.9.0", "billing", "deploy", "4.9.0", now(), null)
                                .with("description", "Retry card payments once after a gateway timeout")
                                .with(
                                        "commits",
                                        List.of(Map.of(
                                                "sha", "5e0b1c9a7d2f4e86b1a3c5d7e9f0a2b4c6d8e0f1",
                                                "message", "Retry card payments once after a gateway timeout",
                                                "author", "Ines Duarte <ines@billing.example>")))
                                .body())
                .path("id")
                .asLong();
        narrator.event("deploy billing 4.9.0 recorded a few seconds later (unrelated; change " + billingId + ")");
        NightReport.Suspect ranked = topSuspect(incidentId, deployId);
        duringTheIncident(incidentId, billingId, "billing 4.9.0");

        DemoApi.await(
                "the webhook notification of incident #" + incidentId,
                PATIENCE,
                () -> setting.sink().deliveries().stream()
                        .filter(d -> d.incidentId() == incidentId && d.event().equals("incident.opened"))
                        .findFirst());

        List<String> attachReasons = customersReport(incidentId);

        narrator.heading("The response (a scripted on-call responder, " + RESPONDER + ", through the incident API)");
        NightReport.Suspect suspect = respond(incidentId, ranked, nightFrom);
        long rollbackId = rollBack(incidentId);
        JsonNode rollbackVerification = pipeline.get("/api/v1/changes/" + rollbackId + "/verification?results=0");
        JsonNode recovered = DemoApi.await(
                "the check's recovery on incident #" + incidentId,
                PATIENCE,
                () -> checkSignal(incidentId)
                        .filter(signal -> signal.path("status").asString().equals("resolved")));
        narrator.event("check '" + CHECK + "' passes again: its signal on incident #" + incidentId + " resolved at "
                + recovered.path("resolvedAt").asString());
        JsonNode resolved = responder.post(
                "/api/v1/incidents/" + incidentId + "/resolve",
                Map.of("reason", "Rolled back to 2.13.0; members see their line items again and the check passes"));
        narrator.event("incident #" + incidentId + " resolved by " + RESPONDER);
        DemoApi.await(
                "the webhook notification of the resolution",
                PATIENCE,
                () -> setting.sink().deliveries().stream()
                        .filter(d -> d.incidentId() == incidentId && d.event().equals("incident.resolved"))
                        .findFirst());

        NightReport.Postmortem postmortem = postmortem(incidentId, deployId);
        Instant nightTo = setting.clock().instant().plus(Duration.ofMinutes(10)).truncatedTo(ChronoUnit.MINUTES);
        JsonNode finalIncident = responder.get("/api/v1/incidents/" + incidentId);
        return new NightReport(
                deployId,
                billingId,
                rollbackId,
                incidentId,
                finalIncident.path("title").asString(),
                finalIncident.path("severity").asString(),
                detection,
                seenAt - deployedAt,
                Duration.between(
                        Instant.parse(deploy.path("finishedAt").asString()),
                        Instant.parse(finalIncident.path("resolvedAt").asString())),
                verification.path("status").asString(),
                rollbackVerification.path("passed").asBoolean()
                        ? "passed"
                        : rollbackVerification.path("status").asString(),
                finalIncident.path("reports").asInt(),
                attachReasons,
                setting.sink().deliveries(),
                resolved.path("status").asString(),
                suspect,
                postmortem,
                nightFrom,
                nightTo,
                narrator.elapsedSeconds());
    }

    // ---- setting up, as a team would before that night ----

    private void setUp() {
        narrator.heading("Setting up (through the API and pitwall.yaml, as a team would)");
        describe("pricing-api", "pricing", 2, "Prices and quotes for proposals", List.of());
        describe("proposals-app", "proposals", 1, "Members' proposals and their line items", List.of("pricing-api"));
        describe("billing", "billing", 1, "Invoices and card payments", List.of());
        describe("marketing-site", "web", 3, "The public website", List.of());
        narrator.event("catalog: proposals-app (tier 1, depends on pricing-api), pricing-api, billing, marketing-site"
                + " (PUT /api/v1/services/{name})");

        pipelineToken = token("ci-pipeline", "ingest", "read");
        pipeline = new DemoApi("ci-pipeline", setting.server(), pipelineToken);
        clientSuccess = new DemoApi("client-success", setting.server(), token("client-success", "ingest"));
        setup.post("/api/v1/users", Map.of("username", RESPONDER, "password", randomPassword(), "role", "responder"));
        responderToken = token(RESPONDER + " (on call)", "admin", "read");
        responder = new DemoApi(RESPONDER, setting.server(), responderToken);
        narrator.event("API tokens: ci-pipeline (ingest, read), client-success (ingest), " + RESPONDER
                + " on call (admin); user " + RESPONDER + " (responder)");

        setup.put("/api/v1/check-secrets/" + SECRET, Map.of("value", setting.appPassword()));
        narrator.event("check secret " + SECRET + " stored, encrypted (PUT /api/v1/check-secrets/" + SECRET + ")");

        writeConfig();
        setup.post("/api/v1/config/reload", Map.of());
        narrator.event(
                "critical journey '" + CHECK + "' declared in " + shown(setting.configFile())
                        + " and applied (POST /api/v1/config/reload)",
                List.of("log in as " + ProposalsApp.SYNTHETIC_USER
                        + ", list the member's line items, expect status 200 and at least one item"));
        JsonNode run = setup.post("/api/v1/checks/" + encode(CHECK) + "/run", Map.of());
        if (!run.path("ok").asBoolean(false)) {
            throw new DemoFailed("the check does not pass against proposals-app 2.13.0: " + run.path("failure"));
        }
        narrator.event("first run of the check against proposals-app " + ProposalsApp.GOOD_RELEASE + ": passed in "
                + Math.round(run.path("durationMs").asDouble()) + " ms");

        setting.sink().narrateTo(narrator);
        setup.post(
                "/api/v1/notification-targets",
                Map.of(
                        "name", "on-call-bridge",
                        "type", "webhook",
                        "url", setting.sink().url(),
                        "secret", setting.sinkSecret(),
                        "events", List.of("opened", "acknowledged", "resolved")));
        narrator.event("notification target on-call-bridge: a signed webhook to "
                + setting.sink().url()
                + " (a receiver in this process that checks the signature and prints what arrives)");
    }

    private void describe(String name, String team, int tier, String description, List<String> dependsOn) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ownerTeam", team);
        body.put("tier", tier);
        body.put("description", description);
        body.put("dependsOn", dependsOn);
        setup.put("/api/v1/services/" + name, body);
    }

    private String token(String name, String... scopes) {
        return setup.post("/api/v1/tokens", Map.of("name", name, "scopes", List.of(scopes)))
                .path("secret")
                .asString();
    }

    private void writeConfig() {
        String yaml = """
                # The demo's configuration as code (docs/checks.md). Pitwall read it through
                # POST /api/v1/config/reload; edit it and reload (or send SIGHUP) to change the check.
                checks:
                  - name: %s
                    service: proposals-app
                    environment: production
                    critical: true
                    interval: 60s
                    description: Members sign in and see the line items of their proposals.
                    steps:
                      - name: login
                        method: POST
                        url: %s/api/login
                        headers:
                          Content-Type: application/json
                        body: '{"user": "%s", "password": "${secret:%s}"}'
                        assert:
                          - status == 200
                        capture:
                          token: $.token
                      - name: line-items
                        url: %s/api/members/${login.body.member.id}/line-items
                        headers:
                          Authorization: Bearer ${token}
                        assert:
                          - status == 200
                          - $.items.length() > 0
                """.formatted(
                        CHECK,
                        setting.app().url(),
                        ProposalsApp.SYNTHETIC_USER,
                        SECRET,
                        setting.app().url());
        try {
            Files.writeString(setting.configFile(), yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- the past day, in time-lapse ----

    private void recordThePastDay(ReleaseHistory history, Instant now) {
        narrator.heading("The past day, in time-lapse (real API calls with past timestamps)");
        ReleaseHistory.Release good = history.good();
        timeLapse(
                change(
                                "day-proposals-2.13.0",
                                "proposals-app",
                                "deploy",
                                good.version(),
                                now.minus(Duration.ofHours(26)),
                                Duration.ofMinutes(4))
                        .with("description", "Release 2.13.0")
                        .with("commitSha", good.headSha())
                        .with("commits", commits(good))
                        .with("files", good.files()),
                "deploy proposals-app 2.13.0 (" + good.commits().size() + " commits)");
        timeLapse(
                change(
                                "day-billing-4.8.1",
                                "billing",
                                "deploy",
                                "4.8.1",
                                now.minus(Duration.ofHours(22)),
                                Duration.ofMinutes(6))
                        .with("description", "Invoice PDFs show the purchase order number"),
                "deploy billing 4.8.1");
        timeLapse(
                change(
                                "day-pricing-config",
                                "pricing-api",
                                "config",
                                null,
                                now.minus(Duration.ofMinutes(9 * 60 + 20)),
                                Duration.ofSeconds(30))
                        .with("description", "Quote cache TTL from 5 to 15 minutes"),
                "config pricing-api: quote cache TTL from 5 to 15 minutes");
        timeLapse(
                change(
                                "day-marketing-2026.11.3",
                                "marketing-site",
                                "deploy",
                                "2026.11.3",
                                now.minus(Duration.ofMinutes(5 * 60 + 10)),
                                Duration.ofMinutes(2))
                        .with("description", "Autumn campaign landing page"),
                "deploy marketing-site 2026.11.3");
    }

    private void timeLapse(ChangeBody change, String what) {
        JsonNode recorded = pipeline.post("/api/v1/changes", change.body());
        Instant at = Instant.parse(recorded.path("startedAt").asString());
        long hoursAgo = Duration.between(at, setting.clock().instant()).toMinutes();
        narrator.event(String.format(
                Locale.ROOT,
                "time-lapse: %s, %dh%02d ago (%s), recorded as change %d",
                what,
                hoursAgo / 60,
                hoursAgo % 60,
                CLOCK_TIME.format(at),
                recorded.path("id").asLong()));
    }

    private static List<Map<String, Object>> commits(ReleaseHistory.Release release) {
        return release.commits().stream()
                .map(c -> Map.<String, Object>of(
                        "sha",
                        c.sha(),
                        "message",
                        c.message(),
                        "author",
                        c.author(),
                        "time",
                        c.time().toString()))
                .toList();
    }

    // ---- the night ----

    /** Records 2.14.0 as the pipeline does: {@code pitwall change record --from-git} in the checkout. */
    private long recordNightDeploy(ReleaseHistory history, Instant rolloutStarted) {
        ReleaseHistory.Release broken = history.broken();
        if (history.inGit()) {
            List<String> output = changeRecord(
                    "--service",
                    "proposals-app",
                    "--version",
                    broken.version(),
                    "--started-at",
                    rolloutStarted.toString(),
                    "--from-git",
                    "--repo",
                    history.directory().toString(),
                    "--description",
                    "Release " + broken.version(),
                    "--author",
                    "deploy pipeline",
                    "--external-id",
                    "night-proposals-" + broken.version());
            narrator.event(
                    "pitwall change record --service proposals-app --version " + broken.version()
                            + " --started-at " + rolloutStarted + " --from-git --repo "
                            + shown(history.directory()),
                    output);
        } else {
            pipeline.post(
                    "/api/v1/changes",
                    change(
                                    "night-proposals-" + broken.version(),
                                    "proposals-app",
                                    "deploy",
                                    broken.version(),
                                    rolloutStarted,
                                    null)
                            .with("description", "Release " + broken.version())
                            .with("commitSha", broken.headSha())
                            .with("commits", commits(broken))
                            .with("files", broken.files())
                            .body());
            narrator.event("git is not installed here: the deploy's commits went through POST /api/v1/changes");
        }
        return pipeline.get("/api/v1/changes?service=proposals-app&kind=deploy&limit=1")
                .path("changes")
                .path(0)
                .path("id")
                .asLong();
    }

    private Optional<JsonNode> openIncidentOf(String service) {
        for (JsonNode incident : responder.get("/api/v1/incidents?status=open").path("incidents")) {
            if (texts(incident.path("services")).contains(service)) {
                return Optional.of(incident);
            }
        }
        return Optional.empty();
    }

    /**
     * The top suspect change with its reasons, once triage has ranked the incident with the deploy
     * in view. Ranking runs on Pitwall's own thread after the incident opens; if it puts another
     * change first, the demo says so and stops, because then the story is not true.
     */
    private NightReport.Suspect topSuspect(long incidentId, long deployId) {
        String path = "/api/v1/incidents/" + incidentId + "/suspects";
        JsonNode ranking;
        try {
            ranking = DemoApi.await(
                    "the ranking of incident #" + incidentId + "'s suspects with the deploy first",
                    PATIENCE,
                    () -> Optional.of(responder.get(path))
                            .filter(r ->
                                    r.path("ranked").path(0).path("changeId").asLong() == deployId));
        } catch (DemoFailed e) {
            JsonNode incident = responder.get("/api/v1/incidents/" + incidentId);
            JsonNode deploy = pipeline.get("/api/v1/changes/" + deployId);
            throw new DemoFailed(e.getMessage() + "; impact started at "
                    + incident.path("impactStartedAt").asString()
                    + ", the deploy (change " + deployId + ") ran from "
                    + deploy.path("startedAt").asString()
                    + " to " + deploy.path("finishedAt").asString() + "; the suspects are " + responder.get(path));
        }
        JsonNode top = ranking.path("ranked").path(0);
        NightReport.Suspect suspect = suspect(top);
        List<String> reasons = new ArrayList<>();
        for (JsonNode evidence : top.path("evidence")) {
            reasons.add(String.format(
                    Locale.ROOT,
                    "%-12s %+5.1f  %s",
                    evidence.path("rule").asString(),
                    evidence.path("score").asDouble(),
                    evidence.path("reason").asString()));
        }
        narrator.event(
                String.format(
                        Locale.ROOT,
                        "top suspect of incident #%d: %s (score %.1f, first of %d suspects ranked from %d changes)",
                        incidentId,
                        suspect.label(),
                        suspect.score(),
                        ranking.path("ranked").size(),
                        ranking.path("candidates").asInt()),
                reasons);
        return suspect;
    }

    private static NightReport.Suspect suspect(JsonNode ranked) {
        List<String> reasons = new ArrayList<>();
        ranked.path("evidence").forEach(e -> reasons.add(e.path("reason").asString()));
        String label =
                ranked.path("kind").asString() + " " + ranked.path("service").asString()
                        + (ranked.path("version").isNull()
                                ? ""
                                : " " + ranked.path("version").asString());
        return new NightReport.Suspect(
                ranked.path("changeId").asLong(),
                label,
                ranked.path("score").asDouble(),
                reasons,
                ranked.path("mark").asString(),
                ranked.path("markedBy").isNull()
                        ? null
                        : ranked.path("markedBy").asString());
    }

    /** Waits until triage lists the change under "during the incident", as one that started after impact. */
    private void duringTheIncident(long incidentId, long changeId, String label) {
        DemoApi.await(label + " under \"during the incident\"", PATIENCE, () -> {
            for (JsonNode during : responder
                    .get("/api/v1/incidents/" + incidentId + "/suspects")
                    .path("duringIncident")) {
                if (during.path("changeId").asLong() == changeId) {
                    return Optional.of(during);
                }
            }
            return Optional.empty();
        });
        narrator.event("triage lists " + label + " under \"during the incident\": it started after impact began");
    }

    private List<String> customersReport(long incidentId) {
        List<Map<String, Object>> reports = List.of(
                Map.of(
                        "customer", "northwind-dental",
                        "problem", "member can't see line items",
                        "service", "proposals-app"),
                Map.of(
                        "customer", "harbor-law",
                        "problem", "Our members can't see the line items of their proposals",
                        "service", "proposals-app"));
        for (Map<String, Object> report : reports) {
            clientSuccess.post("/api/v1/reports", report);
            narrator.event("customer report from " + report.get("customer") + ": \"" + report.get("problem")
                    + "\" (POST /api/v1/reports)");
        }
        JsonNode linked = DemoApi.await("both customer reports on incident #" + incidentId, PATIENCE, () -> {
            JsonNode signals = responder.get("/api/v1/incidents/" + incidentId + "/signals");
            List<JsonNode> found = new ArrayList<>();
            signals.forEach(s -> {
                if ("report".equals(s.path("source").asString())) {
                    found.add(s);
                }
            });
            return found.size() >= reports.size() ? Optional.of(signals) : Optional.empty();
        });
        List<String> reasons = new ArrayList<>();
        for (JsonNode signal : linked) {
            if ("report".equals(signal.path("source").asString())) {
                reasons.add(signal.path("reason").asString());
                narrator.event(
                        "report of " + signal.path("customerId").asString() + " attached to incident #" + incidentId,
                        List.of("why: " + signal.path("reason").asString()));
            }
        }
        return reasons;
    }

    // ---- the response ----

    /** The responder's work up to the fix; returns the top suspect as the responder marked it. */
    private NightReport.Suspect respond(long incidentId, NightReport.Suspect top, Instant nightFrom) {
        String path = "/api/v1/incidents/" + incidentId;
        JsonNode acknowledged = responder.post(path + "/acknowledge", Map.of());
        narrator.event(RESPONDER + " acknowledged incident #" + incidentId + " (status "
                + acknowledged.path("status").asString() + ")");
        responder.post(path + "/roles", Map.of("role", "lead", "person", RESPONDER));
        narrator.event(RESPONDER + " took the incident-lead role");
        List<String> diff = cli(new ChangesCommand(), List.of("diff"), responderToken, "--since", nightFrom.toString());
        narrator.event(
                "what changed since " + CLOCK_TIME.format(nightFrom) + "? pitwall changes diff --since " + nightFrom,
                diff);
        NightReport.Suspect confirmed = confirmCause(incidentId, top);
        responder.patch(path, Map.of("title", "Members cannot see the line items of their proposals"));
        responder.post(
                path + "/updates",
                Map.of(
                        "body",
                        "Members cannot see the line items of their proposals since tonight's release."
                                + " We found the cause and are rolling it back.",
                        "public",
                        true,
                        "status",
                        "identified"));
        narrator.event("public status update posted (identified): it shows on /status");
        return confirmed;
    }

    /**
     * The responder marks the top suspect as the confirmed cause with {@code pitwall suspects
     * --confirm} (which calls the triage API, PUT /api/v1/incidents/{id}/suspects/{change}/mark),
     * and the demo reads the mark back through the API.
     */
    private NightReport.Suspect confirmCause(long incidentId, NightReport.Suspect top) {
        String note = "LineItemMapper reads the new schema's key; stored proposals still have line_items";
        List<String> printed = cli(
                new SuspectsCommand(),
                List.of(),
                responderToken,
                Long.toString(incidentId),
                "--confirm",
                Long.toString(top.changeId()),
                "--note",
                note);
        narrator.event(
                "pitwall suspects " + incidentId + " --confirm " + top.changeId() + " --note \"" + note + "\"",
                printed.stream().limit(2).toList());
        for (JsonNode ranked :
                responder.get("/api/v1/incidents/" + incidentId + "/suspects").path("ranked")) {
            if (ranked.path("changeId").asLong() == top.changeId()
                    && ranked.path("mark").asString().equals("confirmed_cause")) {
                NightReport.Suspect confirmed = suspect(ranked);
                narrator.event(RESPONDER + " confirmed " + confirmed.label() + " as the cause of incident #"
                        + incidentId + " (marked by " + confirmed.markedBy() + ", on the timeline)");
                return confirmed;
            }
        }
        throw new DemoFailed("the suspects of incident #" + incidentId + " do not show change " + top.changeId()
                + " as the confirmed cause after pitwall suspects --confirm");
    }

    /** The fix: the app goes back to 2.13.0, and the pipeline records the rollback and waits for its verification. */
    private long rollBack(long incidentId) {
        setting.app().deploy(ProposalsApp.GOOD_RELEASE);
        narrator.event("rollback: proposals-app is back on " + ProposalsApp.GOOD_RELEASE
                + "; members see their line items again");
        List<String> output = changeRecord(
                "--service",
                "proposals-app",
                "--kind",
                "rollback",
                "--version",
                ProposalsApp.GOOD_RELEASE,
                "--description",
                "Roll back 2.14.0: members cannot see line items (incident #" + incidentId + ")",
                "--author",
                RESPONDER,
                "--external-id",
                "night-rollback-" + incidentId,
                "--wait-verification",
                "--wait-timeout",
                "2m");
        narrator.event(
                "pitwall change record --service proposals-app --kind rollback --version " + ProposalsApp.GOOD_RELEASE
                        + " --wait-verification",
                output);
        long rollbackId = pipeline.get("/api/v1/changes?service=proposals-app&kind=rollback&limit=1")
                .path("changes")
                .path(0)
                .path("id")
                .asLong();
        JsonNode verification = pipeline.get("/api/v1/changes/" + rollbackId + "/verification?results=0");
        if (!verification.path("passed").asBoolean()) {
            throw new DemoFailed("the rollback's verification did not pass: " + verification.path("summary"));
        }
        narrator.event("post-deploy verification of the rollback passed");
        return rollbackId;
    }

    /**
     * The blameless review: Pitwall drafts the postmortem from the record when the incident is
     * resolved; the responder reads it, adds a {@code safeguard-check} action item and creates its
     * check from the copy of the failed journey that the item offers, tightened with one more
     * assertion, all through the postmortems API as the postmortem page does it.
     */
    private NightReport.Postmortem postmortem(long incidentId, long deployId) {
        narrator.heading("The blameless review (the postmortem API)");
        JsonNode listed = DemoApi.await(
                        "the postmortem draft of incident #" + incidentId,
                        PATIENCE,
                        () -> Optional.of(responder.get("/api/v1/postmortems?incident=" + incidentId))
                                .filter(page -> !page.path("postmortems").isEmpty()))
                .path("postmortems")
                .path(0);
        long id = listed.path("id").asLong();
        JsonNode draft = responder.get("/api/v1/postmortems/" + id);
        JsonNode impact = draft.path("impact");
        List<Long> causes = new ArrayList<>();
        draft.path("whatChanged").path("confirmedCauses").forEach(c -> causes.add(c.asLong()));
        if (!causes.contains(deployId)) {
            throw new DemoFailed("the postmortem draft #" + id + " does not name change " + deployId
                    + " as the confirmed cause: " + draft.path("whatChanged"));
        }
        narrator.event(
                "postmortem #" + id + " drafted by Pitwall from the record when incident #" + incidentId
                        + " resolved (status " + draft.path("status").asString() + ")",
                List.of(
                        "detection: " + impact.path("detection").asString(),
                        "time to detect " + impact.path("timeToDetectSeconds").asLong() + " s, to resolve "
                                + impact.path("timeToResolveSeconds").asLong() + " s; "
                                + impact.path("customerReports").asInt() + " customer reports",
                        "what changed: confirmed cause change #" + deployId + ", "
                                + draft.path("whatChanged").path("candidates").asInt() + " changes weighed"));

        String title = "Members' line items are never empty";
        JsonNode item = responder.post(
                "/api/v1/postmortems/" + id + "/action-items",
                Map.of(
                        "title",
                        title,
                        "kind",
                        "safeguard-check",
                        "owner",
                        "proposals",
                        "dueOn",
                        LocalDate.ofInstant(now(), ZoneOffset.UTC).plusDays(7).toString()));
        long itemId = item.path("id").asLong();
        narrator.event("action item #" + itemId + " (safeguard-check, owner proposals): " + title);

        String template = responder
                .get("/api/v1/action-items/" + itemId + "/check-template")
                .path("definition")
                .asString();
        JsonNode withCheck =
                responder.post("/api/v1/action-items/" + itemId + "/check", Map.of("definition", tightened(template)));
        JsonNode check = withCheck.path("check");
        if (check.isMissingNode() || check.isNull()) {
            throw new DemoFailed("action item #" + itemId + " has no check after POST /api/v1/action-items/" + itemId
                    + "/check: " + withCheck);
        }
        narrator.event(
                "its check '" + check.path("name").asString() + "' created from the copy of the failed journey the"
                        + " item offers, with one more assertion",
                List.of("the item is done by Pitwall once this check passes the verification of a later"
                        + " proposals-app deploy (status now "
                        + withCheck.path("status").asString() + ")"));
        return new NightReport.Postmortem(
                id,
                "/postmortems/" + id,
                itemId,
                withCheck.path("title").asString(),
                withCheck.path("kind").asString(),
                check.path("id").asLong(),
                check.path("name").asString());
    }

    /** The prefilled copy of the journey with {@code $.total >= 1} added to its line-items step. */
    @SuppressWarnings("unchecked")
    private static String tightened(String template) {
        Map<String, Object> definition = new Yaml().load(template);
        Object steps = definition.get("steps");
        if (steps instanceof List<?> list) {
            for (Object step : list) {
                Map<String, Object> fields = (Map<String, Object>) step;
                if ("line-items".equals(fields.get("name"))) {
                    List<Object> assertions = new ArrayList<>((List<Object>) fields.getOrDefault("assert", List.of()));
                    assertions.add("$.total >= 1");
                    fields.put("assert", assertions);
                    DumperOptions options = new DumperOptions();
                    options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
                    return new Yaml(options).dump(definition);
                }
            }
        }
        throw new DemoFailed("the safeguard's check template is not a copy of the journey: " + template);
    }

    // ---- the pieces ----

    /** Runs {@code pitwall change record} in this process, as the pipeline would run it, and returns what it printed. */
    private List<String> changeRecord(String... options) {
        return cli(new ChangeCommand(), List.of("record"), pipelineToken, options);
    }

    /** Runs a {@code pitwall} command of the cli module in this process and returns what it printed. */
    private List<String> cli(Object command, List<String> subcommand, String token, String... options) {
        StringWriter printed = new StringWriter();
        PrintWriter writer = new PrintWriter(printed);
        List<String> args = new ArrayList<>(subcommand);
        args.addAll(List.of("--server", setting.server(), "--token", token));
        args.addAll(List.of(options));
        int exit = new CommandLine(command).setOut(writer).setErr(writer).execute(args.toArray(String[]::new));
        writer.flush();
        List<String> lines =
                printed.toString().lines().filter(l -> !l.isBlank()).toList();
        if (exit != 0) {
            throw new DemoFailed("pitwall " + new CommandLine(command).getCommandName() + " "
                    + String.join(" ", subcommand) + " exited with " + exit + ": " + String.join(" / ", lines));
        }
        return lines;
    }

    private Optional<JsonNode> checkSignal(long incidentId) {
        for (JsonNode signal : responder.get("/api/v1/incidents/" + incidentId + "/signals")) {
            if ("check".equals(signal.path("source").asString())) {
                return Optional.of(signal);
            }
        }
        return Optional.empty();
    }

    private Optional<String> timelineText(long incidentId, String kind) {
        for (JsonNode entry : responder.get("/api/v1/incidents/" + incidentId + "/timeline")) {
            if (kind.equals(entry.path("kind").asString())) {
                return Optional.of(entry.path("text").asString());
            }
        }
        return Optional.empty();
    }

    private void pauseUntil(double elapsedSeconds) {
        double wait = elapsedSeconds - narrator.elapsedSeconds();
        if (wait <= 0) {
            return;
        }
        try {
            TimeUnit.MILLISECONDS.sleep((long) (wait * 1000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DemoFailed("interrupted");
        }
    }

    private Instant now() {
        return setting.clock().instant();
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asString()));
        return values;
    }

    private static String encode(String value) {
        return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8)
                .replace("+", "%20");
    }

    private static String shown(Path path) {
        Path relative = Path.of("").toAbsolutePath().relativize(path.toAbsolutePath());
        return relative.toString().startsWith("..") ? path.toString() : "./" + relative;
    }

    private static String randomPassword() {
        byte[] bytes = new byte[18];
        new java.security.SecureRandom().nextBytes(bytes);
        return java.util.HexFormat.of().formatHex(bytes);
    }

    private static ChangeBody change(
            String externalId, String service, String kind, String version, Instant startedAt, Duration took) {
        ChangeBody body = new ChangeBody(new LinkedHashMap<>());
        body.with("externalId", externalId)
                .with("service", service)
                .with("environment", "production")
                .with("kind", kind)
                .with("status", "succeeded")
                .with("startedAt", startedAt.toString());
        if (version != null) {
            body.with("version", version);
        }
        if (took != null) {
            body.with("finishedAt", startedAt.plus(took).toString());
        }
        return body;
    }

    /** A change as the API takes it, built field by field. */
    private record ChangeBody(Map<String, Object> body) {
        ChangeBody with(String field, Object value) {
            body.put(field, value);
            return this;
        }
    }
}
