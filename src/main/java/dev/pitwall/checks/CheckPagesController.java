package dev.pitwall.checks;

import dev.pitwall.system.ConfigError;
import dev.pitwall.system.ConflictException;
import dev.pitwall.system.InvalidInputException;
import dev.pitwall.system.NotFoundException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The checks pages: the list (with secrets and recent verifications), a check's page (status,
 * uptime, latency chart, history, "run now" with the full step-by-step result), the form to create
 * and edit checks, and the verification panel of the change page. Checks from pitwall.yaml are
 * shown as such and cannot be edited here.
 */
@Controller
@RequestMapping("/checks")
class CheckPagesController {

    private final CheckService checks;
    private final VerificationService verifications;

    CheckPagesController(CheckService checks, VerificationService verifications) {
        this.checks = checks;
        this.verifications = verifications;
    }

    @GetMapping
    String list(Model model, HttpServletRequest request) {
        model.addAttribute("checks", checks.list());
        model.addAttribute("verifications", verifications.recent(10));
        model.addAttribute("missingSecrets", checks.missingSecrets());
        boolean admin = request.isUserInRole("ADMIN");
        model.addAttribute("admin", admin);
        if (admin) {
            model.addAttribute("secrets", checks.secrets());
        }
        return "checks/list";
    }

    @GetMapping("/new")
    String newCheck(Model model) {
        model.addAttribute("form", CheckForm.empty());
        model.addAttribute("errors", List.of());
        return "checks/form";
    }

    @PostMapping
    String create(@ModelAttribute("form") CheckForm form, Model model, RedirectAttributes redirect) {
        try {
            CheckView created = checks.create(form.toText(), "ui");
            redirect.addFlashAttribute(
                    "message", "Check '" + created.name() + "' created; it runs every " + created.interval());
            return "redirect:/checks/" + created.id();
        } catch (CheckDefinitionException e) {
            model.addAttribute("errors", messages(e));
        } catch (InvalidInputException | ConflictException e) {
            model.addAttribute("errors", List.of(e.getMessage()));
        }
        return "checks/form";
    }

    @GetMapping("/{id:\\d+}")
    String check(@PathVariable long id, Model model) {
        CheckView check = checks.get(Long.toString(id));
        model.addAttribute("check", check);
        Map<String, ResultRepository.Uptime> uptime = new LinkedHashMap<>();
        for (String range : List.of("24h", "7d", "30d")) {
            uptime.put(range, checks.uptime(Long.toString(id), CheckApiController.range(range)));
        }
        model.addAttribute("uptime", uptime);
        model.addAttribute("results", checks.results(Long.toString(id), 50, null, false));
        model.addAttribute("definition", CheckForm.dump(check.definition()));
        return "checks/check";
    }

    @GetMapping("/{id:\\d+}/history")
    String history(@PathVariable long id, Model model) {
        model.addAttribute("check", checks.get(Long.toString(id)));
        model.addAttribute("results", checks.results(Long.toString(id), 50, null, false));
        return "checks/fragments :: history";
    }

    /** The latency chart's data, in the column layout uPlot takes (times in epoch seconds). */
    record LatencySeries(List<Long> t, List<Double> avg, List<Double> max, List<Long> failures) {}

    @GetMapping("/{id:\\d+}/latency.json")
    @ResponseBody
    LatencySeries latency(@PathVariable long id, @RequestParam(defaultValue = "24h") String range) {
        List<ResultRepository.Point> points = checks.latency(Long.toString(id), CheckApiController.range(range));
        return new LatencySeries(
                points.stream().map(p -> p.at() / 1000).toList(),
                points.stream().map(ResultRepository.Point::avgMs).toList(),
                points.stream().map(ResultRepository.Point::maxMs).toList(),
                points.stream().map(ResultRepository.Point::failures).toList());
    }

    @GetMapping("/{id:\\d+}/results/{resultId:\\d+}")
    String result(@PathVariable long id, @PathVariable long resultId, Model model) {
        model.addAttribute("check", checks.get(Long.toString(id)));
        model.addAttribute("result", checks.result(Long.toString(id), resultId));
        return "checks/result";
    }

    @PostMapping("/{id:\\d+}/run")
    String run(
            @PathVariable long id,
            @RequestHeader(name = "HX-Request", required = false) String htmx,
            Model model,
            RedirectAttributes redirect) {
        CheckResult result;
        try {
            result = checks.runNow(Long.toString(id));
        } catch (ConflictException e) {
            if (htmx != null) {
                model.addAttribute("errors", List.of(e.getMessage()));
                return "checks/fragments :: errors";
            }
            redirect.addFlashAttribute("error", e.getMessage());
            return "redirect:/checks/" + id;
        }
        if (htmx != null) {
            model.addAttribute("result", result);
            return "checks/fragments :: result";
        }
        return "redirect:/checks/" + id + "/results/" + result.id();
    }

    /** Runs the form's definition without saving it (the form's "Run now"). */
    @PostMapping("/try")
    String trial(@ModelAttribute("form") CheckForm form, Model model) {
        try {
            model.addAttribute("result", checks.trial(form.toText()));
            return "checks/fragments :: result";
        } catch (CheckDefinitionException e) {
            model.addAttribute("errors", messages(e));
        } catch (InvalidInputException | ConflictException e) {
            model.addAttribute("errors", List.of(e.getMessage()));
        }
        return "checks/fragments :: errors";
    }

    @GetMapping("/{id:\\d+}/edit")
    String edit(@PathVariable long id, Model model, RedirectAttributes redirect) {
        CheckView check = checks.get(Long.toString(id));
        if (check.fromConfig()) {
            redirect.addFlashAttribute(
                    "error", "This check is declared in " + check.configFile() + "; change it there");
            return "redirect:/checks/" + id;
        }
        model.addAttribute("check", check);
        model.addAttribute("form", CheckForm.of(check));
        model.addAttribute("errors", List.of());
        return "checks/form";
    }

    @PostMapping("/{id:\\d+}")
    String update(
            @PathVariable long id, @ModelAttribute("form") CheckForm form, Model model, RedirectAttributes redirect) {
        try {
            CheckView updated = checks.replace(Long.toString(id), form.toText(), "ui");
            redirect.addFlashAttribute("message", "Check '" + updated.name() + "' saved");
            return "redirect:/checks/" + id;
        } catch (CheckDefinitionException e) {
            model.addAttribute("errors", messages(e));
        } catch (InvalidInputException | ConflictException e) {
            model.addAttribute("errors", List.of(e.getMessage()));
        }
        model.addAttribute("check", checks.get(Long.toString(id)));
        return "checks/form";
    }

    @PostMapping("/{id:\\d+}/pause")
    String pause(@PathVariable long id, RedirectAttributes redirect) {
        return change(id, redirect, () -> checks.pause(Long.toString(id), true).name() + " paused");
    }

    @PostMapping("/{id:\\d+}/resume")
    String resume(@PathVariable long id, RedirectAttributes redirect) {
        return change(id, redirect, () -> checks.pause(Long.toString(id), false).name() + " resumed");
    }

    @PostMapping("/{id:\\d+}/delete")
    String delete(@PathVariable long id, RedirectAttributes redirect) {
        try {
            String name = checks.get(Long.toString(id)).name();
            checks.delete(Long.toString(id));
            redirect.addFlashAttribute("message", "Check '" + name + "' deleted");
            return "redirect:/checks";
        } catch (ConflictException e) {
            redirect.addFlashAttribute("error", e.getMessage());
            return "redirect:/checks/" + id;
        }
    }

    private String change(long id, RedirectAttributes redirect, java.util.function.Supplier<String> action) {
        try {
            redirect.addFlashAttribute("message", action.get());
        } catch (ConflictException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/checks/" + id;
    }

    @PostMapping("/secrets")
    String putSecret(
            @RequestParam String name,
            @RequestParam String value,
            HttpServletRequest request,
            RedirectAttributes redirect) {
        requireAdmin(request);
        try {
            checks.putSecret(name, value);
            redirect.addFlashAttribute(
                    "message", "Secret " + name.trim() + " saved (encrypted); it is never shown again");
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/checks";
    }

    @PostMapping("/secrets/{name}/delete")
    String deleteSecret(@PathVariable String name, HttpServletRequest request, RedirectAttributes redirect) {
        requireAdmin(request);
        try {
            checks.deleteSecret(name);
            redirect.addFlashAttribute("message", "Secret " + name + " deleted");
        } catch (NotFoundException | InvalidInputException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/checks";
    }

    /** The verification panel of a change page (htmx loads it; it refreshes itself while running). */
    @GetMapping("/changes/{changeId:\\d+}/verification")
    String verification(@PathVariable long changeId, Model model) {
        model.addAttribute("changeId", changeId);
        model.addAttribute("report", verifications.forChange(changeId, 100).orElse(null));
        return "checks/verification :: panel";
    }

    private static void requireAdmin(HttpServletRequest request) {
        if (!request.isUserInRole("ADMIN")) {
            throw new SecretsForAdmins();
        }
    }

    @ResponseStatus(HttpStatus.FORBIDDEN)
    static final class SecretsForAdmins extends RuntimeException {
        SecretsForAdmins() {
            super("Only admins manage the secrets of checks");
        }
    }

    private static List<String> messages(CheckDefinitionException e) {
        return e.errors().stream().map(CheckPagesController::message).toList();
    }

    private static String message(ConfigError error) {
        return (error.field().isEmpty() ? "the check" : error.field()) + ": " + error.message();
    }
}
