package dev.pitwall.changes;

import dev.pitwall.catalog.CatalogEntry;
import dev.pitwall.catalog.CatalogService;
import dev.pitwall.system.Actor;
import dev.pitwall.system.CurrentActor;
import dev.pitwall.system.InvalidInputException;
import dev.pitwall.system.NotFoundException;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/changes")
class ChangeApiController {

    /** A commit as senders write it; {@code time} is RFC 3339. */
    record CommitRequest(String sha, String message, String author, String time) {}

    /**
     * A change as the API takes it. Times are RFC 3339 strings (read here, so that a mistake names
     * its field); kind defaults to deploy, status to succeeded, startedAt to now.
     *
     * @param url a single link, the shortcut the CLI's {@code --url} uses
     * @param source {@code api} (the default) or {@code cli}
     */
    record ChangeRequest(
            String externalId,
            String service,
            String environment,
            String kind,
            String version,
            String previousVersion,
            String commitSha,
            List<CommitRequest> commits,
            List<String> files,
            String author,
            String description,
            List<Link> links,
            String url,
            String startedAt,
            String finishedAt,
            String status,
            String source) {

        NewChange toNewChange(Instant now) {
            ChangeKind parsedKind = ChangeFields.kind("kind", kind);
            ChangeStatus parsedStatus = ChangeFields.status("status", status);
            Instant started = ChangeFields.time("startedAt", startedAt);
            Instant finished = ChangeFields.time("finishedAt", finishedAt);
            List<Commit> parsedCommits = new ArrayList<>();
            if (commits != null) {
                if (commits.size() > NewChange.MAX_ITEMS) {
                    throw new InvalidInputException(
                            "commits",
                            "A change lists at most " + NewChange.MAX_ITEMS + " commits (got " + commits.size() + ")");
                }
                for (int i = 0; i < commits.size(); i++) {
                    CommitRequest c = commits.get(i);
                    if (c == null) {
                        throw new InvalidInputException("commits[" + i + "]", "A commit cannot be null");
                    }
                    parsedCommits.add(new Commit(
                            c.sha(), c.message(), c.author(), ChangeFields.time("commits[" + i + "].time", c.time())));
                }
            }
            List<Link> allLinks = new ArrayList<>(links == null ? List.of() : links);
            if (url != null && !url.isBlank()) {
                allLinks.add(new Link(url.strip(), null));
            }
            ChangeStatus finalStatus = parsedStatus == null ? ChangeStatus.SUCCEEDED : parsedStatus;
            Instant start = started == null ? (finished != null && finished.isBefore(now) ? finished : now) : started;
            if (finished == null && finalStatus != ChangeStatus.IN_PROGRESS) {
                // a change reported already final without an end took effect when it started
                finished = start;
            }
            return new NewChange(
                    externalId,
                    service,
                    environment,
                    parsedKind == null ? ChangeKind.DEPLOY : parsedKind,
                    version,
                    previousVersion,
                    commitSha,
                    parsedCommits,
                    files,
                    author,
                    description,
                    allLinks,
                    start,
                    finished,
                    finalStatus);
        }

        ChangeSource parsedSource() {
            if (source == null || source.isBlank() || source.equalsIgnoreCase("api")) {
                return ChangeSource.API;
            }
            if (source.equalsIgnoreCase("cli")) {
                return ChangeSource.CLI;
            }
            throw new InvalidInputException(
                    "source",
                    "source is api or cli here; GitHub, CDEvents and PagerDuty send to their own endpoints"
                            + " (see docs/changes.md)");
        }
    }

    record ChangePatch(String status, String finishedAt, String version, String description, List<Link> links) {

        ChangeUpdate toUpdate() {
            if (links != null) {
                for (int i = 0; i < links.size(); i++) {
                    NewChange.checkLink("links[" + i + "]", links.get(i));
                }
            }
            if (version != null) {
                NewChange.checkName("version", version);
            }
            if (description != null && description.length() > NewChange.MAX_TEXT) {
                throw new InvalidInputException(
                        "description", "description has at most " + NewChange.MAX_TEXT + " characters");
            }
            return new ChangeUpdate(
                    ChangeFields.status("status", status),
                    ChangeFields.time("finishedAt", finishedAt),
                    version == null || version.isBlank() ? null : version.strip(),
                    description,
                    links);
        }
    }

    /** A change in a list: everything but its commits and files, whose count it carries. */
    record ChangeItem(
            long id,
            String externalId,
            ChangeSource source,
            String service,
            String environment,
            ChangeKind kind,
            String version,
            String previousVersion,
            String commitSha,
            int commitCount,
            String author,
            String description,
            List<Link> links,
            Instant startedAt,
            Instant finishedAt,
            ChangeStatus status,
            ChangeVerification verification,
            String verificationSummary) {

        static ChangeItem of(RecordedChange c) {
            return new ChangeItem(
                    c.id(),
                    c.externalId(),
                    c.source(),
                    c.service(),
                    c.environment(),
                    c.kind(),
                    c.version(),
                    c.previousVersion(),
                    c.commitSha(),
                    c.commitCount(),
                    c.author(),
                    c.description(),
                    c.links(),
                    c.startedAt(),
                    c.finishedAt(),
                    c.status(),
                    c.verification(),
                    c.verificationSummary());
        }
    }

    record ChangeList(List<ChangeItem> changes, String next) {}

    /** A change in "what changed": the essentials, the description cut to 200 characters; the rest is at its id. */
    record DiffItem(
            long id,
            ChangeSource source,
            ChangeKind kind,
            String version,
            String previousVersion,
            String commitSha,
            int commitCount,
            String author,
            String description,
            Instant startedAt,
            Instant finishedAt,
            ChangeStatus status,
            ChangeVerification verification) {

        static DiffItem of(RecordedChange c) {
            return new DiffItem(
                    c.id(),
                    c.source(),
                    c.kind(),
                    c.version(),
                    c.previousVersion(),
                    c.commitSha(),
                    c.commitCount(),
                    c.author(),
                    c.description(),
                    c.startedAt(),
                    c.finishedAt(),
                    c.status(),
                    c.verification());
        }
    }

    record ServiceDiff(
            String service,
            String environment,
            String fromVersion,
            String toVersion,
            boolean versionChanged,
            Set<ChangeKind> otherKinds,
            boolean anyFailed,
            List<DiffItem> changes) {}

    record Diff(Instant from, Instant to, Set<String> environments, int changeCount, List<ServiceDiff> services) {

        static Diff of(ChangeDiff diff) {
            return new Diff(
                    diff.from(),
                    diff.to(),
                    diff.environments(),
                    diff.changeCount(),
                    diff.services().stream()
                            .map(s -> new ServiceDiff(
                                    s.service(),
                                    s.environment(),
                                    s.fromVersion(),
                                    s.toVersion(),
                                    s.versionChanged(),
                                    s.otherKinds(),
                                    s.anyFailed(),
                                    s.changes().stream().map(DiffItem::of).toList()))
                            .toList());
        }
    }

    private final ChangeService changes;
    private final ChangeIntake intake;
    private final ChangeWriter writer;
    private final ChangeLog log;
    private final CatalogService catalog;
    private final Clock clock;

    ChangeApiController(
            ChangeService changes,
            ChangeIntake intake,
            ChangeWriter writer,
            ChangeLog log,
            CatalogService catalog,
            Clock clock) {
        this.changes = changes;
        this.intake = intake;
        this.writer = writer;
        this.log = log;
        this.catalog = catalog;
        this.clock = clock;
    }

    /**
     * Records a change: 201 when new, 200 with the stored change when its external id was seen
     * before. Requests to this path are served by {@link ChangeApiFilter} ahead of Spring MVC; the
     * mapping stays for the OpenAPI document and for a request whose path only normalizes to it.
     */
    @PostMapping
    @PreAuthorize("hasAuthority('SCOPE_ingest')")
    ResponseEntity<RecordedChange> record(@RequestBody ChangeRequest request) {
        ChangeService.Recorded recorded = intake.record(request, CurrentActor.get());
        if (!recorded.created()) {
            return ResponseEntity.ok(recorded.change());
        }
        return ResponseEntity.created(
                        URI.create("/api/v1/changes/" + recorded.change().id()))
                .body(recorded.change());
    }

    /** Finishes a change or changes its status, version, description or links. */
    @PatchMapping("/{id}")
    @PreAuthorize("hasAuthority('SCOPE_ingest')")
    RecordedChange update(@PathVariable long id, @RequestBody ChangePatch patch) {
        ChangeUpdate update = patch.toUpdate();
        Actor actor = CurrentActor.get();
        return writer.write(() -> changes.update(id, update, actor));
    }

    @GetMapping("/{id}")
    @PreAuthorize("hasAuthority('SCOPE_read')")
    RecordedChange change(@PathVariable long id) {
        return log.find(id).orElseThrow(() -> NotFoundException.of("change", id));
    }

    @GetMapping("/{id}/history")
    @PreAuthorize("hasAuthority('SCOPE_read')")
    List<ChangeHistoryEntry> history(@PathVariable long id) {
        log.find(id).orElseThrow(() -> NotFoundException.of("change", id));
        return log.history(id);
    }

    /** Newest first; {@code next} is the cursor of the following page. */
    @GetMapping
    @PreAuthorize("hasAuthority('SCOPE_read')")
    ChangeList list(
            @RequestParam(required = false) String service,
            @RequestParam(required = false) String environment,
            @RequestParam(required = false) String kind,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) String q,
            @RequestParam(required = false) String cursor,
            @RequestParam(defaultValue = "50") int limit) {
        ChangeFilter filter = new ChangeFilter(
                canonicalService(service),
                blankToNull(environment),
                ChangeFields.kind("kind", kind),
                ChangeFields.status("status", status),
                ChangeFields.time("from", from),
                ChangeFields.time("to", to),
                blankToNull(q));
        ChangePage page = log.list(filter, cursor, limit);
        return new ChangeList(page.changes().stream().map(ChangeItem::of).toList(), page.next());
    }

    /** What changed between two times; {@code env} may repeat or list environments with commas. */
    @GetMapping("/diff")
    @PreAuthorize("hasAuthority('SCOPE_read')")
    Diff diff(
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) List<String> env) {
        Instant start = ChangeFields.time("from", from);
        Instant end = to == null || to.isBlank() ? clock.instant() : ChangeFields.time("to", to);
        return Diff.of(log.diff(start, end, environments(env)));
    }

    /** The last deploy of a service that succeeded; the CLI asks it for the commit range of --from-git. */
    @GetMapping("/last-deploy")
    @PreAuthorize("hasAuthority('SCOPE_read') or hasAuthority('SCOPE_ingest')")
    RecordedChange lastDeploy(@RequestParam String service, @RequestParam(required = false) String environment) {
        return log.lastSucceededDeploy(canonicalService(service), environment)
                .orElseThrow(() -> new NotFoundException("No successful deploy of '" + service + "' in "
                        + (environment == null || environment.isBlank() ? NewChange.DEFAULT_ENVIRONMENT : environment)
                        + " is recorded"));
    }

    private String canonicalService(String service) {
        if (service == null || service.isBlank()) {
            return null;
        }
        return catalog.find(service.strip()).map(CatalogEntry::name).orElse(service.strip());
    }

    static Set<String> environments(List<String> env) {
        Set<String> environments = new LinkedHashSet<>();
        if (env != null) {
            for (String value : env) {
                for (String part : value.split(",")) {
                    if (!part.isBlank()) {
                        environments.add(part.strip());
                    }
                }
            }
        }
        return environments;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
