package dev.pitwall.incidents;

import dev.pitwall.system.ConflictException;
import dev.pitwall.system.CurrentActor;
import dev.pitwall.system.InvalidInputException;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Grouping rules, notification targets and the delivery log: everyone reads, admins change. */
@Controller
class IncidentSettingsController {

    private final GroupingSettings settings;
    private final Notifications notifications;
    private final EmailNotifier email;

    IncidentSettingsController(GroupingSettings settings, Notifications notifications, EmailNotifier email) {
        this.settings = settings;
        this.notifications = notifications;
        this.email = email;
    }

    @GetMapping("/incidents/settings")
    String page(Model model) {
        IncidentRepository.StoredRules stored = settings.stored();
        model.addAttribute("stored", stored);
        model.addAttribute("rules", stored.rules());
        model.addAttribute("warningWindow", Durations.format(stored.rules().warningWindow()));
        model.addAttribute("reportWindow", Durations.format(stored.rules().reportWindow()));
        model.addAttribute("autoResolve", Durations.format(stored.rules().autoResolveAfter()));
        model.addAttribute("targets", notifications.targets());
        List<NotificationRepository.Delivery> deliveries = notifications.deliveries(null, 100);
        model.addAttribute("deliveries", deliveries);
        model.addAttribute(
                "attempts",
                notifications.attempts(deliveries.stream()
                        .map(NotificationRepository.Delivery::id)
                        .toList()));
        model.addAttribute("events", NotificationEvent.values());
        model.addAttribute("severities", IncidentSeverity.values());
        model.addAttribute("mailConfigured", email.configured());
        model.addAttribute("admin", isAdmin());
        return "incidents/settings";
    }

    @PostMapping("/incidents/settings/rules")
    @PreAuthorize("hasRole('ADMIN')")
    String rules(
            @RequestParam(defaultValue = "false") boolean followDependencies,
            @RequestParam String warningCount,
            @RequestParam String warningWindow,
            @RequestParam String reportCustomers,
            @RequestParam String reportWindow,
            @RequestParam String reportSimilarity,
            @RequestParam String autoResolveAfter,
            RedirectAttributes redirect) {
        try {
            settings.save(
                    new GroupingRules(
                            followDependencies,
                            whole("warningCount", warningCount),
                            duration("warningWindow", warningWindow),
                            whole("reportCustomers", reportCustomers),
                            duration("reportWindow", reportWindow),
                            share("reportSimilarity", reportSimilarity),
                            duration("autoResolveAfter", autoResolveAfter)),
                    "ui",
                    CurrentActor.get());
            redirect.addFlashAttribute("message", "Grouping rules saved");
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/incidents/settings";
    }

    @PostMapping("/incidents/settings/targets")
    @PreAuthorize("hasRole('ADMIN')")
    String saveTarget(
            @RequestParam String name,
            @RequestParam String type,
            @RequestParam(required = false) String url,
            @RequestParam(required = false) String secret,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) String services,
            @RequestParam(name = "event", required = false) List<String> events,
            @RequestParam(defaultValue = "SEV4") String minSeverity,
            RedirectAttributes redirect) {
        try {
            Set<NotificationEvent> chosen = EnumSet.noneOf(NotificationEvent.class);
            if (events != null) {
                events.forEach(e -> NotificationEvent.parse(e).ifPresent(chosen::add));
            }
            NotificationTarget saved = notifications.save(
                    new TargetSpec(
                            name.trim(),
                            NotificationChannel.parse(type)
                                    .orElseThrow(
                                            () -> new InvalidInputException("type", "Choose slack, webhook or email")),
                            url,
                            secret,
                            list(to),
                            list(services),
                            chosen,
                            IncidentSeverity.parse(minSeverity).orElse(IncidentSeverity.SEV4),
                            true),
                    "ui");
            redirect.addFlashAttribute("message", "Target '" + saved.name() + "' saved");
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/incidents/settings";
    }

    @PostMapping("/incidents/settings/targets/{id}/enabled")
    @PreAuthorize("hasRole('ADMIN')")
    String enable(@PathVariable long id, @RequestParam boolean enabled, RedirectAttributes redirect) {
        notifications.setEnabled(id, enabled);
        redirect.addFlashAttribute("message", enabled ? "Target enabled" : "Target disabled");
        return "redirect:/incidents/settings";
    }

    @PostMapping("/incidents/settings/targets/{id}/delete")
    @PreAuthorize("hasRole('ADMIN')")
    String delete(@PathVariable long id, RedirectAttributes redirect) {
        NotificationTarget target = notifications.target(id);
        if ("config".equals(target.source())) {
            redirect.addFlashAttribute("error", "'" + target.name() + "' is declared in pitwall.yaml; remove it there");
        } else {
            notifications.delete(id);
            redirect.addFlashAttribute("message", "Target '" + target.name() + "' deleted");
        }
        return "redirect:/incidents/settings";
    }

    @PostMapping("/incidents/settings/deliveries/{id}/retry")
    @PreAuthorize("hasRole('ADMIN')")
    String retry(@PathVariable long id, RedirectAttributes redirect) {
        try {
            if (!notifications.retry(id)) {
                throw new ConflictException("Only failed deliveries can be retried");
            }
            redirect.addFlashAttribute("message", "Delivery " + id + " queued again");
        } catch (ConflictException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/incidents/settings";
    }

    private static boolean isAdmin() {
        var authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null
                && authentication.getAuthorities().stream().anyMatch(a -> "ROLE_ADMIN".equals(a.getAuthority()));
    }

    private static int whole(String field, String text) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new InvalidInputException(field, field + " must be a whole number, not '" + text + "'");
        }
    }

    private static double share(String field, String text) {
        try {
            return Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            throw new InvalidInputException(field, field + " must be a number such as 0.5, not '" + text + "'");
        }
    }

    private static Duration duration(String field, String text) {
        return Durations.parse(text)
                .orElseThrow(
                        () -> new InvalidInputException(field, field + " must be a duration such as 10m, 90s or 2h"));
    }

    private static List<String> list(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        return Arrays.stream(text.split("[,\\s]+"))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .toList();
    }
}
