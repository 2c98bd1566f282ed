package dev.pitwall.postmortems;

import dev.pitwall.system.ConflictException;
import dev.pitwall.system.CurrentActor;
import dev.pitwall.system.InvalidInputException;
import java.util.function.Supplier;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The "Open action items" page across every postmortem, item edits, and a safeguard's check form. */
@Controller
class ActionItemPagesController {

    private final ActionItemService items;

    ActionItemPagesController(ActionItemService items) {
        this.items = items;
    }

    @GetMapping("/action-items")
    String open(
            @RequestParam(required = false) String owner,
            @RequestParam(defaultValue = "false") boolean overdue,
            Model model) {
        model.addAttribute("items", items.json(items.open(owner, overdue, 1000)));
        model.addAttribute("owner", owner);
        model.addAttribute("overdue", overdue);
        model.addAttribute("fmt", PostmortemFormat.INSTANCE);
        return "postmortems/action-items";
    }

    @PostMapping("/action-items/{id}")
    String update(
            @PathVariable long id,
            @RequestParam(required = false) String title,
            @RequestParam(required = false) String kind,
            @RequestParam(required = false) String owner,
            @RequestParam(required = false) String dueOn,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String link,
            @RequestParam(required = false) String reason,
            @RequestParam(defaultValue = "postmortem") String back,
            RedirectAttributes redirect) {
        ActionItem item = items.get(id);
        return act(item, back, redirect, () -> {
            items.update(id, new ActionItemPatch(title, kind, owner, dueOn, status, link, reason), CurrentActor.get());
            return "Action item #" + id + " saved";
        });
    }

    @PostMapping("/action-items/{id}/delete")
    String delete(@PathVariable long id, RedirectAttributes redirect) {
        ActionItem item = items.get(id);
        return act(item, "postmortem", redirect, () -> {
            items.delete(id, CurrentActor.get());
            return "Action item #" + id + " removed";
        });
    }

    /** The safeguard's check, prefilled from the incident, to complete and create (or an existing one to link). */
    @GetMapping("/action-items/{id}/check")
    String checkForm(@PathVariable long id, Model model) {
        ActionItem item = items.get(id);
        model.addAttribute("item", item);
        if (!model.containsAttribute("definition")) {
            model.addAttribute("definition", items.safeguardTemplate(id));
        }
        return "postmortems/safeguard-check";
    }

    @PostMapping("/action-items/{id}/check")
    String createCheck(
            @PathVariable long id,
            @RequestParam(required = false) String definition,
            @RequestParam(required = false) String existing,
            RedirectAttributes redirect) {
        ActionItem item = items.get(id);
        try {
            ActionItem linked = existing != null && !existing.isBlank()
                    ? items.linkSafeguardCheck(id, existing, CurrentActor.get())
                    : items.createSafeguardCheck(id, definition, "ui", CurrentActor.get());
            redirect.addFlashAttribute(
                    "message",
                    "Check '" + linked.checkName() + "' guards action item #" + id + "; Pitwall marks the item done"
                            + " once the check passes a post-deploy verification");
            return "redirect:/postmortems/" + item.postmortemId() + "#item-" + id;
        } catch (InvalidInputException | ConflictException e) {
            redirect.addFlashAttribute("error", e.getMessage());
            redirect.addFlashAttribute("definition", definition);
            return "redirect:/action-items/" + id + "/check";
        }
    }

    private String act(ActionItem item, String back, RedirectAttributes redirect, Supplier<String> action) {
        try {
            redirect.addFlashAttribute("message", action.get());
        } catch (InvalidInputException | ConflictException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "list".equals(back)
                ? "redirect:/action-items"
                : "redirect:/postmortems/" + item.postmortemId() + "#item-" + item.id();
    }
}
