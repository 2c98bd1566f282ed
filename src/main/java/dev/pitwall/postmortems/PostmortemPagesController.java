package dev.pitwall.postmortems;

import dev.pitwall.incidents.Incidents;
import dev.pitwall.system.ConflictException;
import dev.pitwall.system.CurrentActor;
import dev.pitwall.system.InvalidInputException;
import dev.pitwall.system.NotFoundException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The postmortem pages: the list, the working page (the document with its editors and the
 * blameless review's marks), the printable page, the incident page's panel and the rules.
 */
@Controller
class PostmortemPagesController {

    private final PostmortemService postmortems;
    private final PostmortemDocuments documents;
    private final ActionItemService items;
    private final BlamelessRules rules;
    private final Incidents incidents;

    PostmortemPagesController(
            PostmortemService postmortems,
            PostmortemDocuments documents,
            ActionItemService items,
            BlamelessRules rules,
            Incidents incidents) {
        this.postmortems = postmortems;
        this.documents = documents;
        this.items = items;
        this.rules = rules;
        this.incidents = incidents;
    }

    @GetMapping("/postmortems")
    String list(@RequestParam(defaultValue = "all") String status, Model model) {
        Set<PostmortemStatus> statuses = PostmortemApiController.statuses(status);
        List<Postmortem> list = postmortems.list(statuses, 200, 0);
        Map<Long, Integer> open =
                postmortems.openItems(list.stream().map(Postmortem::id).toList());
        model.addAttribute(
                "postmortems",
                list.stream()
                        .map(p -> PostmortemSummary.of(p, open.getOrDefault(p.id(), 0)))
                        .toList());
        model.addAttribute("status", status);
        model.addAttribute("statuses", PostmortemStatus.values());
        model.addAttribute("total", postmortems.count(statuses));
        return "postmortems/list";
    }

    /** Drafts the postmortem of an incident (from the incident page's panel) and opens it. */
    @PostMapping("/postmortems")
    String create(@RequestParam long incidentId, RedirectAttributes redirect) {
        PostmortemService.Created created = postmortems.draft(
                incidentId, CurrentActor.get(), "by " + CurrentActor.get().display());
        redirect.addFlashAttribute(
                "message",
                created.created() ? "Draft created from the incident's record" : "This incident's postmortem");
        return "redirect:/postmortems/" + created.postmortem().id();
    }

    @GetMapping("/postmortems/{id}")
    String page(@PathVariable long id, Model model) {
        PostmortemDocument d = documents.document(id);
        addDocument(model, d, d.postmortem().status().editable());
        model.addAttribute("itemsEditable", true);
        model.addAttribute("steps", PostmortemStatus.values());
        model.addAttribute("kinds", ActionItemKind.values());
        model.addAttribute("itemStatuses", ActionItemStatus.values());
        model.addAttribute(
                "timelineKinds",
                d.timeline().stream()
                        .map(r -> r.entry().kind())
                        .distinct()
                        .sorted()
                        .toList());
        model.addAttribute("today", items.today());
        model.addAttribute(
                "mine",
                d.accounts().stream()
                        .filter(a -> a.author().equals(CurrentActor.get().display()))
                        .findFirst()
                        .orElse(null));
        return "postmortems/postmortem";
    }

    /** The document alone, for printing (print CSS) and for reading outside the app. */
    @GetMapping("/postmortems/{id}/print")
    String print(@PathVariable long id, Model model) {
        addDocument(model, documents.document(id), false);
        model.addAttribute("itemsEditable", false);
        return "postmortems/print";
    }

    /** The Markdown export for a signed-in browser (the API's {@code .md} needs a token). */
    @GetMapping("/postmortems/{id}.md")
    ResponseEntity<String> markdown(@PathVariable long id) {
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType("text/markdown;charset=UTF-8"))
                .header("Content-Disposition", "attachment; filename=\"postmortem-" + id + ".md\"")
                .body(MarkdownExport.render(documents.document(id)));
    }

    @GetMapping("/postmortems/incidents/{incidentId}/panel")
    String panel(@PathVariable long incidentId, Model model) {
        if (incidents.find(incidentId).isEmpty()) {
            throw NotFoundException.of("incident", incidentId);
        }
        Optional<Postmortem> p = postmortems.forIncident(incidentId);
        model.addAttribute("incidentId", incidentId);
        model.addAttribute("postmortem", p.orElse(null));
        List<ActionItem> list = p.map(pm -> items.forPostmortem(pm.id())).orElse(List.of());
        model.addAttribute(
                "openItems", list.stream().filter(i -> i.status().isOpen()).toList());
        model.addAttribute(
                "doneItems", list.stream().filter(i -> !i.status().isOpen()).count());
        model.addAttribute("today", items.today());
        model.addAttribute("fmt", PostmortemFormat.INSTANCE);
        return "postmortems/panel :: panel";
    }

    @GetMapping("/postmortems/rules")
    String rules(Model model) {
        model.addAttribute("rules", rules.inForce());
        return "postmortems/rules";
    }

    // --- writing ---

    @PostMapping("/postmortems/{id}/sections")
    String sections(
            @PathVariable long id,
            @RequestParam(required = false) String title,
            @RequestParam(required = false) String summary,
            @RequestParam(required = false) String wentWell,
            @RequestParam(required = false) String lucky,
            @RequestParam(required = false) String learned,
            @RequestParam(defaultValue = "summary") String section,
            RedirectAttributes redirect) {
        return act(id, section, redirect, () -> {
            postmortems.editSections(id, new SectionEdit(title, summary, wentWell, lucky, learned), CurrentActor.get());
            return saved(documents.current(id));
        });
    }

    @PostMapping("/postmortems/{id}/factors")
    String addFactor(@PathVariable long id, @RequestParam String text, RedirectAttributes redirect) {
        return act(id, "factors", redirect, () -> {
            postmortems.addFactor(id, text, CurrentActor.get());
            return saved(documents.current(id));
        });
    }

    @PostMapping("/postmortems/{id}/factors/{factorId}")
    String editFactor(
            @PathVariable long id,
            @PathVariable long factorId,
            @RequestParam String text,
            RedirectAttributes redirect) {
        return act(id, "factors", redirect, () -> {
            postmortems.editFactor(id, factorId, text, CurrentActor.get());
            return saved(documents.current(id));
        });
    }

    @PostMapping("/postmortems/{id}/factors/{factorId}/delete")
    String deleteFactor(@PathVariable long id, @PathVariable long factorId, RedirectAttributes redirect) {
        return act(id, "factors", redirect, () -> {
            postmortems.deleteFactor(id, factorId, CurrentActor.get());
            return "Contributing factor removed";
        });
    }

    @PostMapping("/postmortems/{id}/accounts")
    String account(
            @PathVariable long id,
            @RequestParam(required = false) String saw,
            @RequestParam(required = false) String expected,
            @RequestParam(required = false) String did,
            RedirectAttributes redirect) {
        return act(id, "accounts", redirect, () -> {
            postmortems.saveAccount(id, saw, expected, did, CurrentActor.get());
            return saved(documents.current(id));
        });
    }

    @PostMapping("/postmortems/{id}/accounts/{accountId}/delete")
    String deleteAccount(@PathVariable long id, @PathVariable long accountId, RedirectAttributes redirect) {
        return act(id, "accounts", redirect, () -> {
            postmortems.deleteAccount(id, accountId, CurrentActor.get());
            return "Your account was removed";
        });
    }

    @PostMapping("/postmortems/{id}/timeline/{entryId}")
    String timeline(
            @PathVariable long id,
            @PathVariable long entryId,
            @RequestParam(required = false) String state,
            @RequestParam(required = false) String annotation,
            RedirectAttributes redirect) {
        return act(id, "entry-" + entryId, redirect, () -> {
            postmortems.chooseEntry(
                    id,
                    entryId,
                    state == null || state.isBlank()
                            ? null
                            : TimelineState.parse(state)
                                    .orElseThrow(
                                            () -> new InvalidInputException("state", "Choose key, shown or hidden")),
                    annotation == null ? null : annotation,
                    CurrentActor.get());
            return saved(documents.current(id));
        });
    }

    @PostMapping("/postmortems/{id}/timeline-kinds")
    String timelineKind(
            @PathVariable long id, @RequestParam String kind, @RequestParam String state, RedirectAttributes redirect) {
        return act(id, "timeline", redirect, () -> {
            postmortems.chooseKind(
                    id,
                    kind,
                    TimelineState.parse(state)
                            .orElseThrow(() -> new InvalidInputException("state", "Choose key, shown or hidden")),
                    CurrentActor.get());
            return "Every '" + kind + "' entry is " + state;
        });
    }

    @PostMapping("/postmortems/{id}/findings/dismiss")
    String dismiss(
            @PathVariable long id, @RequestParam String key, @RequestParam String reason, RedirectAttributes redirect) {
        return act(id, "review", redirect, () -> {
            postmortems.dismiss(id, key, reason, CurrentActor.get());
            return saved(documents.current(id));
        });
    }

    @PostMapping("/postmortems/{id}/findings/dismissals/{dismissalId}/delete")
    String undismiss(@PathVariable long id, @PathVariable long dismissalId, RedirectAttributes redirect) {
        return act(id, "review", redirect, () -> {
            postmortems.undismiss(id, dismissalId, CurrentActor.get());
            return saved(documents.current(id));
        });
    }

    @PostMapping("/postmortems/{id}/submit")
    String submit(@PathVariable long id, RedirectAttributes redirect) {
        return act(id, "workflow", redirect, () -> {
            postmortems.submitForReview(id, CurrentActor.get());
            return "Submitted for review";
        });
    }

    @PostMapping("/postmortems/{id}/back-to-draft")
    String backToDraft(@PathVariable long id, RedirectAttributes redirect) {
        return act(id, "workflow", redirect, () -> {
            postmortems.backToDraft(id, CurrentActor.get());
            return "Back to draft";
        });
    }

    @PostMapping("/postmortems/{id}/publish")
    String publish(
            @PathVariable long id,
            @RequestParam(defaultValue = "false") boolean publishAnyway,
            @RequestParam(required = false) String reason,
            RedirectAttributes redirect) {
        return act(id, "workflow", redirect, () -> {
            postmortems.publish(id, publishAnyway, reason, CurrentActor.get());
            return "Published; the incident is closed";
        });
    }

    @PostMapping("/postmortems/{id}/action-items")
    String addItem(
            @PathVariable long id,
            @RequestParam(required = false) String title,
            @RequestParam(required = false) String kind,
            @RequestParam(required = false) String owner,
            @RequestParam(required = false) String dueOn,
            @RequestParam(required = false) String link,
            RedirectAttributes redirect) {
        return act(id, "action-items", redirect, () -> {
            ActionItem item = items.create(
                    id, new ActionItemPatch(title, kind, owner, dueOn, null, link, null), CurrentActor.get());
            return "Action item #" + item.id() + " added"
                    + (item.safeguard() ? ": create its check to make the safeguard real" : "");
        });
    }

    // --- shared ---

    private void addDocument(Model model, PostmortemDocument d, boolean editable) {
        model.addAttribute("d", d);
        model.addAttribute("fmt", PostmortemFormat.INSTANCE);
        model.addAttribute("editable", editable);
        model.addAttribute("marks", editable ? new MarkedText(d.findings()) : MarkedText.none());
        model.addAttribute("items", items.json(d.actionItems()));
    }

    /** The flash message after a save: the review's findings only, not triage's suspects. */
    private static String saved(PostmortemDocument d) {
        int open = d.findings().size();
        return "Saved. The blameless review has "
                + (open == 0 ? "no open findings" : open + (open == 1 ? " open finding" : " open findings"));
    }

    private String act(long id, String anchor, RedirectAttributes redirect, Supplier<String> action) {
        try {
            redirect.addFlashAttribute("message", action.get());
        } catch (InvalidInputException | ConflictException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/postmortems/" + id + "#" + anchor.replaceAll("[^A-Za-z0-9-]", "");
    }
}
