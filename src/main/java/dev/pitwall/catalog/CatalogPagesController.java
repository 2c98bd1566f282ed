package dev.pitwall.catalog;

import dev.pitwall.system.InvalidInputException;
import dev.pitwall.system.NavigationEntry;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The Services page: every service with its owner, tier, dependencies and runbook, and the form
 * an admin describes one with. Services declared in pitwall.yaml are shown read-only there: the
 * file wins on every reload, so they are changed in the file.
 */
@Controller
class CatalogPagesController {

    private static final Pattern WINDOW = Pattern.compile("(\\d+)\\s*(s|m|h)?");

    /** What the form sends; every field is text, checked by the catalog. */
    record ServiceForm(
            String name,
            String ownerTeam,
            String tier,
            String description,
            String dependsOn,
            String runbookUrl,
            String verificationWindow,
            String rollbackHookUrl,
            String rollbackHookSecret,
            Boolean removeRollbackHookSecret) {

        static ServiceForm of(CatalogEntry e) {
            return new ServiceForm(
                    e.name(),
                    e.ownerTeam(),
                    e.tier() == null ? "" : e.tier().toString(),
                    e.description(),
                    String.join(", ", e.dependsOn()),
                    e.runbookUrl(),
                    format(e.verificationWindow()),
                    e.rollbackHookUrl(),
                    "",
                    false);
        }

        ServiceDescription toDescription() {
            Integer parsedTier;
            try {
                parsedTier = tier == null || tier.isBlank() ? null : Integer.valueOf(tier.strip());
            } catch (NumberFormatException e) {
                throw new InvalidInputException("tier", "The tier is 1 (most critical) to 4");
            }
            List<String> dependencies = dependsOn == null
                    ? List.of()
                    : Arrays.stream(dependsOn.split("[,\\n]"))
                            .map(String::strip)
                            .filter(s -> !s.isEmpty())
                            .toList();
            String secret = Boolean.TRUE.equals(removeRollbackHookSecret)
                    ? ""
                    : rollbackHookSecret == null || rollbackHookSecret.isEmpty() ? null : rollbackHookSecret;
            return new ServiceDescription(
                    orEmpty(ownerTeam),
                    parsedTier,
                    orEmpty(description),
                    orEmpty(runbookUrl),
                    window(verificationWindow),
                    dependencies,
                    orEmpty(rollbackHookUrl),
                    secret);
        }

        private static String orEmpty(String value) {
            return value == null ? "" : value;
        }

        private static Duration window(String text) {
            if (text == null || text.isBlank()) {
                return null;
            }
            Matcher m = WINDOW.matcher(text.strip().toLowerCase());
            if (!m.matches()) {
                throw new InvalidInputException(
                        "verificationWindow", "Write the verification window like 90s, 10m or 1h");
            }
            long amount = Long.parseLong(m.group(1));
            return switch (m.group(2) == null ? "s" : m.group(2)) {
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofSeconds(amount);
            };
        }

        private static String format(Duration window) {
            if (window == null) {
                return "";
            }
            long seconds = window.toSeconds();
            if (seconds % 3600 == 0) {
                return seconds / 3600 + "h";
            }
            return seconds % 60 == 0 ? seconds / 60 + "m" : seconds + "s";
        }
    }

    private final CatalogService catalog;

    CatalogPagesController(CatalogService catalog) {
        this.catalog = catalog;
    }

    @GetMapping("/services")
    String services(HttpServletRequest request, Model model) {
        model.addAttribute("services", catalog.all());
        model.addAttribute("admin", request.isUserInRole("ADMIN"));
        return "catalog/services";
    }

    @GetMapping("/services/edit")
    @PreAuthorize("hasRole('ADMIN')")
    String edit(@RequestParam(required = false) String name, Model model) {
        Optional<CatalogEntry> entry = catalog.find(name);
        if (name != null && !name.isBlank() && entry.isEmpty()) {
            model.addAttribute("error", "No service named '" + name + "' yet; describe it below to add it");
        }
        model.addAttribute("entry", entry.orElse(null));
        model.addAttribute(
                "form",
                entry.map(ServiceForm::of).orElse(new ServiceForm(name, "", "", "", "", "", "", "", "", false)));
        return "catalog/service";
    }

    @PostMapping("/services/edit")
    @PreAuthorize("hasRole('ADMIN')")
    String save(ServiceForm form, Model model, RedirectAttributes redirect) {
        Optional<CatalogEntry> existing = catalog.find(form.name());
        if (existing.isPresent() && "config".equals(existing.get().source())) {
            redirect.addFlashAttribute(
                    "error", "'" + existing.get().name() + "' is declared in pitwall.yaml; change it there and reload");
            return "redirect:/services";
        }
        try {
            CatalogEntry saved = catalog.describe(form.name(), form.toDescription(), "ui");
            redirect.addFlashAttribute("message", "Saved '" + saved.name() + "'");
            return "redirect:/services";
        } catch (InvalidInputException e) {
            model.addAttribute("error", e.getMessage());
            model.addAttribute("field", e.field());
            model.addAttribute("entry", existing.orElse(null));
            model.addAttribute("form", form);
            return "catalog/service";
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Navigation {
        @Bean
        NavigationEntry servicesNavigationEntry() {
            return new NavigationEntry("Services", "/services", 60);
        }
    }
}
