package dev.pitwall.incidents;

import dev.pitwall.system.Actor;
import dev.pitwall.system.ConflictException;
import dev.pitwall.system.CurrentActor;
import dev.pitwall.system.InvalidInputException;
import dev.pitwall.system.LiveUpdates;
import dev.pitwall.system.NotFoundException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The incident list, the declare form and the incident page with its live timeline. */
@Controller
class IncidentPageController {

    static final int TIMELINE_ON_PAGE = 300;
    static final int SIGNALS_ON_PAGE = 200;

    private final IncidentService incidents;
    private final Notifications notifications;
    private final LiveUpdates live;
    private final List<IncidentPanel> panels;

    IncidentPageController(
            IncidentService incidents, Notifications notifications, LiveUpdates live, List<IncidentPanel> panels) {
        this.incidents = incidents;
        this.notifications = notifications;
        this.live = live;
        this.panels = panels.stream()
                .sorted(Comparator.comparingInt(IncidentPanel::order))
                .toList();
    }

    @GetMapping("/incidents")
    String list(Model model) {
        table(model);
        return "incidents/list";
    }

    @GetMapping("/incidents/table")
    String table(Model model) {
        model.addAttribute("open", incidents.open().reversed());
        model.addAttribute("recent", incidents.list(EnumSet.of(IncidentStatus.RESOLVED, IncidentStatus.CLOSED), 50, 0));
        return "incidents/list :: table";
    }

    @GetMapping("/incidents/stream")
    SseEmitter listStream() {
        return live.subscribe(IncidentBroadcast.LIST_TOPIC);
    }

    @GetMapping("/incidents/new")
    String declareForm(Model model) {
        model.addAttribute("severities", IncidentSeverity.values());
        model.addAttribute("sources", DetectionSource.values());
        return "incidents/declare";
    }

    @PostMapping("/incidents")
    String declare(
            @RequestParam String title,
            @RequestParam(required = false) String summary,
            @RequestParam(defaultValue = "SEV3") String severity,
            @RequestParam(required = false) String services,
            @RequestParam(required = false) String environment,
            @RequestParam(required = false) String detectionSource,
            @RequestParam(required = false) String impactStartedAt,
            RedirectAttributes redirect) {
        try {
            IncidentView view = incidents.declare(
                    new Declaration(
                            title,
                            summary,
                            IncidentSeverity.parse(severity)
                                    .orElseThrow(() -> new InvalidInputException("severity", "Choose SEV1 to SEV4")),
                            services == null ? List.of() : Arrays.asList(services.split(",")),
                            environment,
                            DetectionSource.parse(detectionSource).orElse(DetectionSource.STAFF),
                            utc("impactStartedAt", impactStartedAt)),
                    CurrentActor.get());
            redirect.addFlashAttribute("message", "Incident #" + view.id() + " declared");
            return "redirect:/incidents/" + view.id();
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("error", e.getMessage());
            redirect.addFlashAttribute("title", title);
            redirect.addFlashAttribute("summary", summary);
            return "redirect:/incidents/new";
        }
    }

    @GetMapping("/incidents/{id}")
    String incident(@PathVariable long id, Model model) {
        IncidentView incident = incidents.get(id);
        model.addAttribute("incident", incident);
        model.addAttribute("timeline", incidents.timeline(id, TIMELINE_ON_PAGE));
        model.addAttribute("timelineSize", incidents.timelineSize(id));
        model.addAttribute("pinned", incidents.pinned(id));
        model.addAttribute("updates", incidents.updates(id, false));
        model.addAttribute(
                "panels",
                panels.stream().map(p -> new PanelLink(p.title(), p.path(id))).toList());
        model.addAttribute("severities", IncidentSeverity.values());
        model.addAttribute("statuses", EnumSet.complementOf(EnumSet.of(IncidentStatus.CLOSED)));
        model.addAttribute("roles", IncidentRole.values());
        model.addAttribute("people", incidents.knownPeople());
        model.addAttribute("me", CurrentActor.get());
        model.addAttribute(
                "impactLocal",
                LocalDateTime.ofInstant(incident.impactStartedAt(), ZoneOffset.UTC)
                        .truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                        .toString());
        addSignals(id, model);
        addDeliveries(id, model);
        return "incidents/incident";
    }

    /** A panel another module serves, as the page loads it. */
    record PanelLink(String title, String path) {}

    @GetMapping("/incidents/{id}/facts")
    String facts(@PathVariable long id, Model model) {
        model.addAttribute("incident", incidents.get(id));
        model.addAttribute("pinned", incidents.pinned(id));
        return "incidents/incident :: facts";
    }

    @GetMapping("/incidents/{id}/signals")
    String signals(@PathVariable long id, Model model) {
        model.addAttribute("incident", incidents.get(id));
        addSignals(id, model);
        addDeliveries(id, model);
        return "incidents/incident :: signals";
    }

    @GetMapping("/incidents/{id}/stream")
    SseEmitter stream(@PathVariable long id) {
        incidents.get(id);
        return live.subscribe(IncidentBroadcast.topic(id));
    }

    @PostMapping("/incidents/{id}/acknowledge")
    String acknowledge(@PathVariable long id, RedirectAttributes redirect) {
        return act(id, redirect, () -> {
            incidents.acknowledge(id, CurrentActor.get());
            return "Acknowledged";
        });
    }

    @PostMapping("/incidents/{id}/resolve")
    String resolve(@PathVariable long id, @RequestParam(required = false) String reason, RedirectAttributes redirect) {
        return act(id, redirect, () -> {
            String why = IncidentService.checkText("reason", reason);
            incidents.resolve(id, CurrentActor.get(), why == null || why.isBlank() ? null : why);
            return "Resolved";
        });
    }

    @PostMapping("/incidents/{id}/edit")
    String edit(
            @PathVariable long id,
            @RequestParam(required = false) String title,
            @RequestParam(required = false) String summary,
            @RequestParam(required = false) String severity,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String environment,
            @RequestParam(required = false) String impactStartedAt,
            RedirectAttributes redirect) {
        return act(id, redirect, () -> {
            IncidentSeverity sev = severity == null || severity.isBlank()
                    ? null
                    : IncidentSeverity.parse(severity)
                            .orElseThrow(() -> new InvalidInputException("severity", "Choose SEV1 to SEV4"));
            IncidentStatus st = status == null || status.isBlank()
                    ? null
                    : IncidentStatus.parse(status)
                            .orElseThrow(() -> new InvalidInputException("status", "Unknown status " + status));
            incidents.change(
                    id,
                    new IncidentChanges(title, summary, sev, st, environment, utc("impactStartedAt", impactStartedAt)),
                    CurrentActor.get());
            return "Saved";
        });
    }

    @PostMapping("/incidents/{id}/roles")
    String role(
            @PathVariable long id,
            @RequestParam String role,
            @RequestParam(required = false) String person,
            RedirectAttributes redirect) {
        return act(id, redirect, () -> {
            IncidentRole r = IncidentRole.parse(role)
                    .orElseThrow(() -> new InvalidInputException("role", "Unknown role " + role));
            Actor me = CurrentActor.get();
            String who = "me".equals(person) ? me.name() : person;
            incidents.assignRole(id, r, who, me);
            return who == null || who.isBlank() ? "Role cleared" : who + " is " + r.title();
        });
    }

    @PostMapping("/incidents/{id}/notes")
    String note(
            @PathVariable long id,
            @RequestParam String text,
            @RequestParam(defaultValue = "false") boolean pinned,
            RedirectAttributes redirect) {
        return act(id, redirect, () -> {
            incidents.addNote(id, text, pinned, CurrentActor.get());
            return "Note added";
        });
    }

    @PostMapping("/incidents/{id}/timeline/{entryId}/pin")
    String pin(
            @PathVariable long id,
            @PathVariable long entryId,
            @RequestParam(defaultValue = "true") boolean pinned,
            RedirectAttributes redirect) {
        return act(id, redirect, () -> {
            incidents.pin(id, entryId, pinned, CurrentActor.get());
            return pinned ? "Pinned" : "Unpinned";
        });
    }

    @PostMapping("/incidents/{id}/updates")
    String update(
            @PathVariable long id,
            @RequestParam String body,
            @RequestParam(name = "public", defaultValue = "false") boolean isPublic,
            @RequestParam(required = false) String status,
            RedirectAttributes redirect) {
        return act(id, redirect, () -> {
            IncidentStatus st = status == null || status.isBlank()
                    ? null
                    : IncidentStatus.parse(status)
                            .orElseThrow(() -> new InvalidInputException("status", "Unknown status " + status));
            incidents.postUpdate(id, body, isPublic, st, CurrentActor.get());
            return isPublic ? "Public update posted: it is on the status page" : "Internal update posted";
        });
    }

    private String act(long id, RedirectAttributes redirect, Supplier<String> action) {
        try {
            redirect.addFlashAttribute("message", action.get());
        } catch (InvalidInputException | ConflictException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        } catch (NotFoundException e) {
            throw e;
        }
        return "redirect:/incidents/" + id;
    }

    private void addSignals(long id, Model model) {
        model.addAttribute("signals", incidents.signals(id, SIGNALS_ON_PAGE));
    }

    private void addDeliveries(long id, Model model) {
        model.addAttribute("deliveries", notifications.deliveries(id, 50));
    }

    /** Forms send {@code datetime-local} values, which the page labels as UTC. */
    static Instant utc(String field, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return text.endsWith("Z")
                    ? Instant.parse(text)
                    : LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(field, "'" + text + "' is not a date and time such as 2026-11-24T18:05");
        }
    }
}
