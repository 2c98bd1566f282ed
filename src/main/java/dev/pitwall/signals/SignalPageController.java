package dev.pitwall.signals;

import dev.pitwall.system.Actor;
import dev.pitwall.system.CurrentActor;
import dev.pitwall.system.InvalidInputException;
import dev.pitwall.system.NavigationEntry;
import dev.pitwall.system.NotFoundException;
import java.time.Clock;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The Signals page (what came in, filtered) and the "Report a problem" form for anyone signed in. */
@Controller
class SignalPageController {

    private static final int PAGE = 50;

    private final SignalRepository repository;
    private final ReportFormat reports;
    private final Intake intake;
    private final Clock clock;

    SignalPageController(SignalRepository repository, ReportFormat reports, Intake intake, Clock clock) {
        this.repository = repository;
        this.reports = reports;
        this.intake = intake;
        this.clock = clock;
    }

    @Configuration(proxyBeanMethods = false)
    static class Navigation {
        @Bean
        NavigationEntry signalsNavigation() {
            return new NavigationEntry("Signals", "/signals", 30);
        }

        @Bean
        NavigationEntry reportNavigation() {
            return new NavigationEntry("Report a problem", "/report", 90);
        }
    }

    @GetMapping("/signals")
    @Transactional(readOnly = true)
    String list(
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String source,
            @RequestParam(required = false) String severity,
            @RequestParam(required = false) String service,
            @RequestParam(name = "q", required = false) String text,
            @RequestParam(required = false) String cursor,
            Model model) {
        try {
            List<SignalView> items = repository.list(new SignalRepository.Filter(
                    SignalApiController.parse("status", status, SignalStatus.class),
                    SignalApiController.parse("source", source, SignalSource.class),
                    SignalApiController.parse("severity", severity, Severity.class),
                    SignalApiController.blank(service),
                    null,
                    SignalApiController.blank(text),
                    SignalApiController.cursor(cursor),
                    PAGE + 1));
            if (items.size() > PAGE) {
                items = items.subList(0, PAGE);
                model.addAttribute("nextCursor", Long.toString(items.getLast().id()));
            }
            model.addAttribute("signals", items);
        } catch (InvalidInputException e) {
            model.addAttribute("error", e.getMessage());
            model.addAttribute("signals", List.of());
        }
        model.addAttribute("status", SignalApiController.blank(status));
        model.addAttribute("source", SignalApiController.blank(source));
        model.addAttribute("severity", SignalApiController.blank(severity));
        model.addAttribute("service", SignalApiController.blank(service));
        model.addAttribute("q", SignalApiController.blank(text));
        model.addAttribute("statuses", SignalStatus.values());
        model.addAttribute("sources", SignalSource.values());
        model.addAttribute("severities", Severity.values());
        model.addAttribute("services", repository.services());
        model.addAttribute("counts", repository.counts());
        model.addAttribute("backlog", intake.status().backlog());
        return "signals/list";
    }

    @GetMapping("/signals/{id}")
    @Transactional(readOnly = true)
    String signal(@PathVariable long id, Model model) {
        model.addAttribute("signal", repository.find(id).orElseThrow(() -> NotFoundException.of("signal", id)));
        return "signals/signal";
    }

    @GetMapping("/report")
    @Transactional(readOnly = true)
    String reportForm(Model model) {
        model.addAttribute("report", new ReportRequest(null, null, null, null, null, null, null));
        model.addAttribute("services", repository.services());
        return "signals/report";
    }

    @PostMapping("/report")
    String report(
            @RequestParam(required = false) String customer,
            @RequestParam(required = false) String problem,
            @RequestParam(required = false) String service,
            @RequestParam(required = false) String environment,
            @RequestParam(required = false) String customersAffected,
            @RequestParam(required = false) String widespread,
            Model model,
            RedirectAttributes redirect) {
        Integer affected = null;
        ReportRequest request;
        try {
            if (customersAffected != null && !customersAffected.isBlank()) {
                try {
                    affected = Integer.parseInt(customersAffected.trim());
                } catch (NumberFormatException e) {
                    throw new InvalidInputException(
                            "customersAffected", "How many customers are affected must be a whole number");
                }
            }
            request = new ReportRequest(customer, problem, service, environment, affected, widespread != null, null);
            Actor actor = CurrentActor.get();
            Observation observation = reports.observation(request, actor.display(), clock.instant());
            long position = intake.accept(List.of(observation));
            if (intake.awaitFolded(position, SignalApiController.FOLD_WAIT)) {
                var signal = repository.findByFingerprint(observation.fingerprint());
                if (signal.isPresent()) {
                    redirect.addFlashAttribute("message", "Thank you: the report is recorded.");
                    return "redirect:/signals/" + signal.get().id();
                }
            }
            redirect.addFlashAttribute("message", "Thank you: the report is recorded and will show here in a moment.");
            return "redirect:/signals?source=report";
        } catch (InvalidInputException | IntakeRefusedException e) {
            model.addAttribute("error", e.getMessage());
            model.addAttribute(
                    "report",
                    new ReportRequest(customer, problem, service, environment, affected, widespread != null, null));
            model.addAttribute("customersAffected", customersAffected);
            model.addAttribute("services", repository.services());
            return "signals/report";
        }
    }
}
