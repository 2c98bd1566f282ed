package dev.pitwall.postmortems;

import dev.pitwall.system.CurrentActor;
import dev.pitwall.system.InvalidInputException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The postmortem API. Reading needs {@code read}; writing (drafting, sections, accounts, timeline,
 * findings, workflow, action items) needs {@code admin}, the scope of what a responder does in the
 * UI. Every write answers with the postmortem and a fresh blameless review.
 */
@RestController
@RequestMapping("/api/v1/postmortems")
class PostmortemApiController {

    record CreateRequest(Long incidentId) {}

    record SectionsRequest(String title, String summary, String wentWell, String lucky, String learned) {}

    record TextRequest(String text) {}

    record AccountRequest(String saw, String expected, String did) {}

    record TimelineRequest(String state, String annotation) {}

    record DismissRequest(String key, String reason) {}

    record PublishRequest(Boolean publishAnyway, String reason) {}

    record ReviewRequest(String text, List<String> people) {}

    record Page(List<PostmortemSummary> postmortems, long total, int limit, int offset) {}

    record Findings(List<PostmortemJson.FindingJson> open, List<Dismissal> dismissed) {}

    private final PostmortemService postmortems;
    private final PostmortemDocuments documents;
    private final ActionItemService items;
    private final BlamelessRules rules;

    PostmortemApiController(
            PostmortemService postmortems,
            PostmortemDocuments documents,
            ActionItemService items,
            BlamelessRules rules) {
        this.postmortems = postmortems;
        this.documents = documents;
        this.items = items;
        this.rules = rules;
    }

    /** {@code status}: draft, in_review, published or all (default); {@code incident}: one incident's postmortem. */
    @GetMapping
    @PreAuthorize("hasAuthority('SCOPE_read')")
    Page list(
            @RequestParam(defaultValue = "all") String status,
            @RequestParam(required = false) Long incident,
            @RequestParam(defaultValue = "50") int limit,
            @RequestParam(defaultValue = "0") int offset) {
        if (limit < 1 || limit > 500) {
            throw new InvalidInputException("limit", "limit is 1 to 500");
        }
        if (offset < 0) {
            throw new InvalidInputException("offset", "offset cannot be negative");
        }
        if (incident != null) {
            List<Postmortem> found = postmortems.forIncident(incident).stream().toList();
            return new Page(summaries(found), found.size(), limit, 0);
        }
        Set<PostmortemStatus> statuses = statuses(status);
        return new Page(
                summaries(postmortems.list(statuses, limit, offset)), postmortems.count(statuses), limit, offset);
    }

    /** Drafts the postmortem of an incident from its record; answers 200 with the one it already has. */
    @PostMapping
    @PreAuthorize("hasAuthority('SCOPE_admin')")
    ResponseEntity<PostmortemJson> create(@RequestBody CreateRequest request) {
        if (request.incidentId() == null) {
            throw new InvalidInputException("incidentId", "incidentId is the incident to write the postmortem of");
        }
        PostmortemService.Created created = postmortems.draft(
                request.incidentId(),
                CurrentActor.get(),
                "by " + CurrentActor.get().display());
        PostmortemJson body = json(documents.document(created.postmortem().id()));
        return created.created()
                ? ResponseEntity.created(URI.create("/api/v1/postmortems/" + body.id()))
                        .body(body)
                : ResponseEntity.ok(body);
    }

    @GetMapping("/{id}")
    @PreAuthorize("hasAuthority('SCOPE_read')")
    PostmortemJson get(@PathVariable long id) {
        return json(documents.document(id));
    }

    /**
     * The postmortem as Markdown, with the same contents as the printable page. The content type is
     * set here rather than negotiated, so clients that ask for JSON by habit still get the document.
     */
    @GetMapping("/{id}.md")
    @PreAuthorize("hasAuthority('SCOPE_read')")
    ResponseEntity<String> markdown(@PathVariable long id) {
        PostmortemDocument d = documents.document(id);
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType("text/markdown;charset=UTF-8"))
                .header("Content-Disposition", "inline; filename=\"postmortem-" + id + ".md\"")
                .body(MarkdownExport.render(d));
    }

    @PatchMapping("/{id}")
    @PreAuthorize("hasAuthority('SCOPE_admin')")
    PostmortemJson edit(@PathVariable long id, @RequestBody SectionsRequest r) {
        postmortems.editSections(
                id, new SectionEdit(r.title(), r.summary(), r.wentWell(), r.lucky(), r.learned()), CurrentActor.get());
        return json(documents.document(id));
    }

    @PostMapping("/{id}/factors")
    @PreAuthorize("hasAuthority('SCOPE_admin')")
    ResponseEntity<PostmortemJson> addFactor(@PathVariable long id, @RequestBody TextRequest r) {
        postmortems.addFactor(id, r.text(), CurrentActor.get());
        return ResponseEntity.status(HttpStatus.CREATED).body(json(documents.document(id)));
    }

    @PatchMapping("/{id}/factors/{factorId}")
    @PreAuthorize("hasAuthority('SCOPE_admin')")
    PostmortemJson editFactor(@PathVariable long id, @PathVariable long factorId, @RequestBody TextRequest r) {
        postmortems.editFactor(id, factorId, r.text(), CurrentActor.get());
        return json(documents.document(id));
    }

    @DeleteMapping("/{id}/factors/{factorId}")
    @PreAuthorize("hasAuthority('SCOPE_admin')")
    PostmortemJson deleteFactor(@PathVariable long id, @PathVariable long factorId) {
        postmortems.deleteFactor(id, factorId, CurrentActor.get());
        return json(documents.document(id));
    }

    /** Writes the caller's own first-person account (writing again replaces it). */
    @PostMapping("/{id}/accounts")
    @PreAuthorize("hasAuthority('SCOPE_admin')")
    PostmortemJson saveAccount(@PathVariable long id, @RequestBody AccountRequest r) {
        postmortems.saveAccount(id, r.saw(), r.expected(), r.did(), CurrentActor.get());
        return json(documents.document(id));
    }

    @DeleteMapping("/{id}/accounts/{accountId}")
    @PreAuthorize("hasAuthority('SCOPE_admin')")
    PostmortemJson deleteAccount(@PathVariable long id, @PathVariable long accountId) {
        postmortems.deleteAccount(id, accountId, CurrentActor.get());
        return json(documents.document(id));
    }

    /** Shows, hides or marks as key moment one timeline entry, or annotates it ({@code state}, {@code annotation}). */
    @PutMapping("/{id}/timeline/{entryId}")
    @PreAuthorize("hasAuthority('SCOPE_admin')")
    PostmortemJson chooseEntry(@PathVariable long id, @PathVariable long entryId, @RequestBody TimelineRequest r) {
        postmortems.chooseEntry(id, entryId, state(r.state(), true), r.annotation(), CurrentActor.get());
        return json(documents.document(id));
    }

    /** Gives every entry of a kind (such as {@code signal}) one state. */
    @PutMapping("/{id}/timeline/kinds/{kind}")
    @PreAuthorize("hasAuthority('SCOPE_admin')")
    PostmortemJson chooseKind(@PathVariable long id, @PathVariable String kind, @RequestBody TimelineRequest r) {
        postmortems.chooseKind(id, kind, state(r.state(), false), CurrentActor.get());
        return json(documents.document(id));
    }

    @GetMapping("/{id}/findings")
    @PreAuthorize("hasAuthority('SCOPE_read')")
    Findings findings(@PathVariable long id) {
        PostmortemDocument d = documents.document(id);
        return new Findings(
                d.findings().stream().map(PostmortemJson.FindingJson::of).toList(), d.dismissals());
    }

    @PostMapping("/{id}/findings/dismissals")
    @PreAuthorize("hasAuthority('SCOPE_admin')")
    ResponseEntity<PostmortemJson> dismiss(@PathVariable long id, @RequestBody DismissRequest r) {
        postmortems.dismiss(id, r.key(), r.reason(), CurrentActor.get());
        return ResponseEntity.status(HttpStatus.CREATED).body(json(documents.document(id)));
    }

    @DeleteMapping("/{id}/findings/dismissals/{dismissalId}")
    @PreAuthorize("hasAuthority('SCOPE_admin')")
    PostmortemJson undismiss(@PathVariable long id, @PathVariable long dismissalId) {
        postmortems.undismiss(id, dismissalId, CurrentActor.get());
        return json(documents.document(id));
    }

    @PostMapping("/{id}/submit")
    @PreAuthorize("hasAuthority('SCOPE_admin')")
    PostmortemJson submit(@PathVariable long id) {
        postmortems.submitForReview(id, CurrentActor.get());
        return json(documents.document(id));
    }

    @PostMapping("/{id}/back-to-draft")
    @PreAuthorize("hasAuthority('SCOPE_admin')")
    PostmortemJson backToDraft(@PathVariable long id) {
        postmortems.backToDraft(id, CurrentActor.get());
        return json(documents.document(id));
    }

    /** Publishes and closes the incident; with open findings only with {@code publishAnyway} and a {@code reason}. */
    @PostMapping("/{id}/publish")
    @PreAuthorize("hasAuthority('SCOPE_admin')")
    PostmortemJson publish(@PathVariable long id, @RequestBody(required = false) PublishRequest r) {
        boolean anyway = r != null && Boolean.TRUE.equals(r.publishAnyway());
        postmortems.publish(id, anyway, r == null ? null : r.reason(), CurrentActor.get());
        return json(documents.document(id));
    }

    @GetMapping("/{id}/action-items")
    @PreAuthorize("hasAuthority('SCOPE_read')")
    List<ActionItemJson> actionItems(@PathVariable long id) {
        return items.json(items.forPostmortem(id));
    }

    @PostMapping("/{id}/action-items")
    @PreAuthorize("hasAuthority('SCOPE_admin')")
    ResponseEntity<ActionItemJson> addActionItem(
            @PathVariable long id, @RequestBody ActionItemApiController.ItemRequest r) {
        ActionItem item = items.create(id, r.patch(), CurrentActor.get());
        return ResponseEntity.created(URI.create("/api/v1/action-items/" + item.id()))
                .body(items.json(item));
    }

    /** The blameless rules in force, with where each comes from. */
    @GetMapping("/blameless-rules")
    @PreAuthorize("hasAuthority('SCOPE_read')")
    List<BlamelessRules.RuleView> blamelessRules() {
        return rules.inForce();
    }

    /** Runs the blameless review on a text, to try wording (and rules) before writing it down. */
    @PostMapping("/blameless-review")
    @PreAuthorize("hasAuthority('SCOPE_read')")
    List<PostmortemJson.FindingJson> review(@RequestBody ReviewRequest r) {
        String text = Texts.required("text", r.text(), Texts.SECTION);
        Set<String> people = r.people() == null ? Set.of() : Set.copyOf(r.people());
        return rules.reviewer().review(text, people).stream()
                .map(PostmortemJson.FindingJson::of)
                .toList();
    }

    private PostmortemJson json(PostmortemDocument d) {
        return PostmortemJson.of(d, items.json(d.actionItems()));
    }

    private List<PostmortemSummary> summaries(List<Postmortem> list) {
        Map<Long, Integer> open =
                postmortems.openItems(list.stream().map(Postmortem::id).toList());
        List<PostmortemSummary> out = new ArrayList<>();
        list.forEach(p -> out.add(PostmortemSummary.of(p, open.getOrDefault(p.id(), 0))));
        return out;
    }

    static Set<PostmortemStatus> statuses(String status) {
        if (status == null || status.isBlank() || status.equals("all")) {
            return Set.of();
        }
        return Set.copyOf(Arrays.stream(status.split(","))
                .map(s -> PostmortemStatus.parse(s)
                        .orElseThrow(() -> new InvalidInputException(
                                "status", "Unknown status '" + s + "'; use draft, in_review, published or all")))
                .toList());
    }

    private static TimelineState state(String text, boolean optional) {
        if (text == null || text.isBlank()) {
            if (optional) {
                return null;
            }
            throw new InvalidInputException("state", "state is key, shown or hidden");
        }
        return TimelineState.parse(text)
                .orElseThrow(() ->
                        new InvalidInputException("state", "Unknown state '" + text + "'; use key, shown or hidden"));
    }
}
