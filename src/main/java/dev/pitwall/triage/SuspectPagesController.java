package dev.pitwall.triage;

import dev.pitwall.incidents.IncidentView;
import dev.pitwall.incidents.Incidents;
import dev.pitwall.system.ConflictException;
import dev.pitwall.system.CurrentActor;
import dev.pitwall.system.InvalidInputException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The suspects panel of the incident page (htmx loads it, and again on the page's {@code panels}
 * event) and the responders' marks from it. A mark posted by htmx answers with the panel; without
 * JavaScript the form posts and returns to the incident page.
 */
@Controller
class SuspectPagesController {

    private final IncidentSuspects suspects;
    private final SuspectMarks marks;
    private final Incidents incidents;

    SuspectPagesController(IncidentSuspects suspects, SuspectMarks marks, Incidents incidents) {
        this.suspects = suspects;
        this.marks = marks;
        this.incidents = incidents;
    }

    @GetMapping("/triage/incidents/{incidentId}/suspects")
    String panel(@PathVariable long incidentId, Model model) {
        return panel(incidentId, model, null);
    }

    @PostMapping("/triage/incidents/{incidentId}/suspects/{changeId}/mark")
    String mark(
            @PathVariable long incidentId,
            @PathVariable long changeId,
            @RequestParam(required = false) String mark,
            @RequestParam(required = false) String note,
            @RequestHeader(name = "HX-Request", required = false) String htmx,
            Model model,
            RedirectAttributes redirect) {
        String error = null;
        try {
            panelIncident(incidentId);
            SuspectMark parsed = SuspectMark.parse(mark)
                    .orElseThrow(() ->
                            new InvalidInputException("mark", "Choose confirmed cause, ruled out or clear the mark"));
            marks.mark(incidentId, changeId, parsed, note, CurrentActor.get());
        } catch (InvalidInputException | ConflictException | dev.pitwall.system.NotFoundException e) {
            error = e.getMessage();
        }
        if (htmx != null) {
            return panel(incidentId, model, error);
        }
        if (error != null) {
            redirect.addFlashAttribute("error", error);
        } else {
            redirect.addFlashAttribute("message", "Mark saved");
        }
        return "redirect:/incidents/" + incidentId;
    }

    private void panelIncident(long incidentId) {
        if (incidents.find(incidentId).isEmpty()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No incident with id " + incidentId);
        }
    }

    private String panel(long incidentId, Model model, String error) {
        IncidentView incident = incidents
                .find(incidentId)
                .orElseThrow(
                        () -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No incident with id " + incidentId));
        model.addAttribute("incident", incident);
        model.addAttribute("suspects", suspects.suspects(incidentId));
        model.addAttribute("lookBackHours", SuspectFinder.DEFAULT_LOOK_BACK.toHours());
        model.addAttribute("markError", error);
        return "triage/suspects :: panel";
    }
}
