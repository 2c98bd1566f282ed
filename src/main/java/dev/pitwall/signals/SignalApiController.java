package dev.pitwall.signals;

import dev.pitwall.system.InvalidInputException;
import dev.pitwall.system.NotFoundException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
class SignalApiController {

    /** How long a generic or report sender waits to get its signal back; it is committed either way. */
    static final Duration FOLD_WAIT = Duration.ofSeconds(3);

    private static final int MAX_LIMIT = 500;

    record Page(List<SignalView> items, String nextCursor) {}

    record Accepted(String status, String fingerprint, long position) {}

    record IntakeStatus(long backlog, int queued, long rejected) {}

    private final GenericSignalFormat generic;
    private final ReportFormat reports;
    private final Intake intake;
    private final SignalRepository repository;
    private final Clock clock;

    SignalApiController(
            GenericSignalFormat generic,
            ReportFormat reports,
            Intake intake,
            SignalRepository repository,
            Clock clock) {
        this.generic = generic;
        this.reports = reports;
        this.intake = intake;
        this.repository = repository;
        this.clock = clock;
    }

    /**
     * Records a signal. Replies 200 with the signal once it is folded (normally within
     * milliseconds), or 202 with its fingerprint when the fold is behind; it is committed either way.
     */
    @PostMapping("/api/v1/signals")
    @PreAuthorize("hasAuthority('SCOPE_ingest')")
    ResponseEntity<?> record(@RequestBody byte[] body) {
        return acceptAndShow(generic.read(body, clock.instant()));
    }

    /** A customer report: the same replies as {@code POST /api/v1/signals}. */
    @PostMapping("/api/v1/reports")
    @PreAuthorize("hasAuthority('SCOPE_ingest')")
    ResponseEntity<?> report(@RequestBody byte[] body) {
        return acceptAndShow(reports.read(body, clock.instant()));
    }

    private ResponseEntity<?> acceptAndShow(List<Observation> observations) {
        long position = intake.accept(observations);
        String fingerprint = observations.getFirst().fingerprint();
        if (intake.awaitFolded(position, FOLD_WAIT)) {
            var signal = repository.findByFingerprint(fingerprint);
            if (signal.isPresent()) {
                return ResponseEntity.ok()
                        .header("Location", "/api/v1/signals/" + signal.get().id())
                        .body(signal.get());
            }
        }
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(new Accepted("accepted", fingerprint, position));
    }

    /**
     * Signals, newest first, {@code limit} at a time (default 50, at most 500); pass
     * {@code cursor} from the previous page's {@code nextCursor} for the next.
     */
    @GetMapping("/api/v1/signals")
    @PreAuthorize("hasAuthority('SCOPE_read')")
    @Transactional(readOnly = true)
    Page list(
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String source,
            @RequestParam(required = false) String severity,
            @RequestParam(required = false) String service,
            @RequestParam(required = false) String environment,
            @RequestParam(name = "q", required = false) String text,
            @RequestParam(required = false) String cursor,
            @RequestParam(defaultValue = "50") int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidInputException("limit", "'limit' is between 1 and " + MAX_LIMIT + ", not " + limit);
        }
        List<SignalView> items = repository.list(new SignalRepository.Filter(
                parse("status", status, SignalStatus.class),
                parse("source", source, SignalSource.class),
                parse("severity", severity, Severity.class),
                blank(service),
                blank(environment),
                blank(text),
                cursor(cursor),
                limit + 1));
        String next = null;
        if (items.size() > limit) {
            items = items.subList(0, limit);
            next = Long.toString(items.getLast().id());
        }
        return new Page(items, next);
    }

    @GetMapping("/api/v1/signals/{id}")
    @PreAuthorize("hasAuthority('SCOPE_read')")
    @Transactional(readOnly = true)
    SignalView get(@PathVariable long id) {
        return repository.find(id).orElseThrow(() -> NotFoundException.of("signal", id));
    }

    /** How intake is doing: acknowledged but not yet folded, waiting for a commit, set aside. */
    @GetMapping("/api/v1/signals/intake")
    @PreAuthorize("hasAuthority('SCOPE_read')")
    @Transactional(readOnly = true)
    IntakeStatus intakeStatus() {
        Intake.Status status = intake.status();
        return new IntakeStatus(status.backlog(), status.queued(), repository.rejectedCount());
    }

    static <E extends Enum<E>> E parse(String field, String value, Class<E> type) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            StringBuilder allowed = new StringBuilder();
            for (E constant : type.getEnumConstants()) {
                allowed.append(allowed.isEmpty() ? "" : ", ")
                        .append(constant.name().toLowerCase(Locale.ROOT));
            }
            throw new InvalidInputException(
                    field, "'" + field + "' has the unknown value '" + value + "'; use one of: " + allowed);
        }
    }

    static String blank(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** The cursor is the id of the last signal of the previous page. */
    static Long cursor(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw new InvalidInputException(
                    "cursor", "'cursor' is not one this API handed out; pass the nextCursor of the previous page");
        }
    }
}
