package dev.pitwall.changes;

import dev.pitwall.catalog.CatalogEntry;
import dev.pitwall.catalog.CatalogService;
import dev.pitwall.system.CurrentActor;
import dev.pitwall.system.InvalidInputException;
import dev.pitwall.system.LiveUpdates;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/** The change timeline, a change's page, "What changed" and the intake integrations' settings. */
@Controller
class ChangePagesController {

    private static final int PAGE = 50;

    private final ChangeLog log;
    private final CatalogService catalog;
    private final LiveUpdates liveUpdates;
    private final GitHubIntegration github;
    private final List<ChangePanel> panels;
    private final Clock clock;

    ChangePagesController(
            ChangeLog log,
            CatalogService catalog,
            LiveUpdates liveUpdates,
            GitHubIntegration github,
            ObjectProvider<ChangePanel> panels,
            Clock clock) {
        this.log = log;
        this.catalog = catalog;
        this.liveUpdates = liveUpdates;
        this.github = github;
        this.panels = panels.stream()
                .sorted(Comparator.comparingInt(ChangePanel::order))
                .toList();
        this.clock = clock;
    }

    /** The filters of the timeline as the form sends them. */
    record Filters(String service, String environment, String kind, String status, String q) {

        ChangeFilter toFilter(CatalogService catalog) {
            String canonical = blank(service)
                    ? null
                    : catalog.find(service.strip()).map(CatalogEntry::name).orElse(service.strip());
            return new ChangeFilter(
                    canonical,
                    blank(environment) ? null : environment.strip(),
                    ChangeFields.kind("kind", kind),
                    ChangeFields.status("status", status),
                    null,
                    null,
                    blank(q) ? null : q.strip());
        }

        String query() {
            UriComponentsBuilder builder = UriComponentsBuilder.newInstance();
            add(builder, "service", service);
            add(builder, "environment", environment);
            add(builder, "kind", kind);
            add(builder, "status", status);
            add(builder, "q", q);
            String query = builder.build().encode().getQuery();
            return query == null ? "" : query;
        }

        private static void add(UriComponentsBuilder builder, String name, String value) {
            if (!blank(value)) {
                builder.queryParam(name, value.strip());
            }
        }

        private static boolean blank(String value) {
            return value == null || value.isBlank();
        }
    }

    @GetMapping("/changes")
    String timeline(Filters filters, @RequestParam(required = false) String cursor, Model model) {
        addRows(filters, cursor, model);
        model.addAttribute("kinds", ChangeKind.values());
        model.addAttribute("statuses", ChangeStatus.values());
        return "changes/timeline";
    }

    /** The timeline's rows alone, which the page reloads when the server says changes arrived. */
    @GetMapping("/changes/rows")
    String rows(Filters filters, Model model) {
        addRows(filters, null, model);
        return "changes/timeline :: rows";
    }

    @GetMapping(path = "/changes/stream", produces = "text/event-stream")
    SseEmitter stream() {
        return liveUpdates.subscribe(ChangeNotifications.TOPIC);
    }

    @GetMapping("/changes/{id}")
    String change(@PathVariable long id, Model model) {
        RecordedChange change = log.find(id)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No change with id " + id));
        model.addAttribute("change", change);
        model.addAttribute("history", log.history(id));
        model.addAttribute("panels", panels);
        return "changes/change";
    }

    @GetMapping("/what-changed")
    String whatChanged(
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) String tz,
            @RequestParam(required = false) String env,
            Model model) {
        ZoneId zone = zone(tz);
        ZonedDateTime now = ZonedDateTime.now(clock.withZone(zone));
        LocalDateTime end = now.toLocalDateTime().truncatedTo(ChronoUnit.MINUTES);
        LocalDateTime start = now.toLocalDate().minusDays(1).atTime(18, 0);
        model.addAttribute("zone", zone.getId());
        model.addAttribute("explicit", from != null);
        model.addAttribute("env", env == null ? "" : env);
        try {
            LocalDateTime fromTime = from == null || from.isBlank() ? start : local("from", from);
            LocalDateTime toTime = to == null || to.isBlank() ? end : local("to", to);
            model.addAttribute("from", fromTime);
            model.addAttribute("to", toTime);
            ChangeDiff diff = log.diff(
                    fromTime.atZone(zone).toInstant(),
                    toTime.atZone(zone).toInstant(),
                    ChangeApiController.environments(env == null ? null : List.of(env)));
            model.addAttribute("diff", diff);
        } catch (InvalidInputException e) {
            model.addAttribute("error", e.getMessage());
            model.addAttribute("from", start);
            model.addAttribute("to", end);
        }
        return "changes/what-changed";
    }

    @GetMapping("/changes/integrations")
    String integrations(HttpServletRequest request, Model model) {
        String base = UriComponentsBuilder.fromUriString(request.getRequestURL().toString())
                .replacePath("")
                .replaceQuery(null)
                .build()
                .toUriString();
        model.addAttribute("base", base);
        model.addAttribute("github", github.settings());
        model.addAttribute("admin", request.isUserInRole("ADMIN"));
        return "changes/integrations";
    }

    @PostMapping("/changes/integrations/github")
    @PreAuthorize("hasRole('ADMIN')")
    String setGitHubSecret(
            @RequestParam(defaultValue = "") String secret,
            @RequestParam(defaultValue = "false") boolean remove,
            RedirectAttributes redirect) {
        if (!remove && secret.isBlank()) {
            redirect.addFlashAttribute("error", "Type the secret you gave the webhook in GitHub");
        } else if (secret.length() > 500) {
            redirect.addFlashAttribute("error", "The secret has at most 500 characters");
        } else {
            github.setSecret(remove ? "" : secret, CurrentActor.get());
            redirect.addFlashAttribute(
                    "message", remove ? "GitHub webhook secret removed" : "GitHub webhook secret set");
        }
        return "redirect:/changes/integrations";
    }

    private void addRows(Filters filters, String cursor, Model model) {
        model.addAttribute("filters", filters);
        model.addAttribute("query", filters.query());
        model.addAttribute("live", cursor == null || cursor.isBlank());
        try {
            ChangePage page = log.list(filters.toFilter(catalog), cursor, PAGE);
            model.addAttribute("changes", page.changes());
            model.addAttribute("next", page.next());
        } catch (InvalidInputException e) {
            model.addAttribute("changes", List.of());
            model.addAttribute("next", null);
            model.addAttribute("error", e.getMessage());
        }
    }

    private static LocalDateTime local(String field, String text) {
        try {
            return LocalDateTime.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(field, "'" + text + "' is not a date and time such as 2026-11-24T18:00");
        }
    }

    private static ZoneId zone(String tz) {
        if (tz == null || tz.isBlank()) {
            return ZoneOffset.UTC;
        }
        try {
            return ZoneId.of(tz.strip());
        } catch (DateTimeException e) {
            return ZoneOffset.UTC;
        }
    }
}
