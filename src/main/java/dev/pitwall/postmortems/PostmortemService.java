package dev.pitwall.postmortems;

import dev.pitwall.incidents.IncidentView;
import dev.pitwall.incidents.Incidents;
import dev.pitwall.system.Actor;
import dev.pitwall.system.ConflictException;
import dev.pitwall.system.InvalidInputException;
import dev.pitwall.system.LiveUpdates;
import dev.pitwall.system.NotFoundException;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Writes postmortems: the draft made from the record, the sections, factors and accounts the team
 * writes, timeline choices, dismissed findings, and the workflow draft → in review → published
 * (which closes the incident). Callers read the document afterwards ({@link PostmortemDocuments}),
 * with a fresh blameless review.
 */
@Service
class PostmortemService {

    static final String TIMELINE_KIND = "postmortem";

    private final PostmortemRepository postmortems;
    private final ActionItemRepository items;
    private final PostmortemDocuments documents;
    private final Incidents incidents;
    private final LiveUpdates live;
    private final Clock clock;

    PostmortemService(
            PostmortemRepository postmortems,
            ActionItemRepository items,
            PostmortemDocuments documents,
            Incidents incidents,
            LiveUpdates live,
            Clock clock) {
        this.postmortems = postmortems;
        this.items = items;
        this.documents = documents;
        this.incidents = incidents;
        this.live = live;
        this.clock = clock;
    }

    // --- reading ---

    @Transactional(readOnly = true)
    Postmortem get(long id) {
        return postmortems.find(id).orElseThrow(() -> NotFoundException.of("postmortem", id));
    }

    @Transactional(readOnly = true)
    Optional<Postmortem> forIncident(long incidentId) {
        return postmortems.findByIncident(incidentId);
    }

    @Transactional(readOnly = true)
    List<Postmortem> list(Collection<PostmortemStatus> statuses, int limit, int offset) {
        return postmortems.list(statuses, limit, offset);
    }

    @Transactional(readOnly = true)
    long count(Collection<PostmortemStatus> statuses) {
        return postmortems.count(statuses);
    }

    @Transactional(readOnly = true)
    Map<Long, Integer> openItems(Collection<Long> postmortemIds) {
        return items.openCounts(postmortemIds);
    }

    // --- the draft ---

    /** The incident's postmortem, drafted from the record when it has none yet. */
    @Transactional
    Created draft(long incidentId, Actor actor, String why) {
        IncidentView incident =
                incidents.find(incidentId).orElseThrow(() -> NotFoundException.of("incident", incidentId));
        Optional<Postmortem> existing = postmortems.findByIncident(incidentId);
        if (existing.isPresent()) {
            return new Created(existing.get(), false);
        }
        Instant now = clock.instant();
        Optional<Long> id = postmortems.insert(
                incidentId,
                incident.title(),
                Texts.optional("summary", incident.summary(), Texts.SECTION),
                actor.display(),
                now);
        if (id.isEmpty()) {
            return new Created(postmortems.findByIncident(incidentId).orElseThrow(), false);
        }
        // The incident page's Postmortem panel shows the draft; the incident timeline stays the story
        // of the incident, and gets the postmortem's decisions (review, publication) only.
        postmortems.history(
                id.get(),
                "drafted",
                "Postmortem #" + id.get() + " drafted from the record " + why,
                actor.display(),
                now);
        panelsChanged(incidentId);
        return new Created(postmortems.find(id.get()).orElseThrow(), true);
    }

    /** A postmortem and whether this call created it. */
    record Created(Postmortem postmortem, boolean created) {}

    // --- what the team writes ---

    @Transactional
    void editSections(long id, SectionEdit edit, Actor actor) {
        Postmortem p = editable(id);
        postmortems.updateSections(
                id,
                edit.title() == null ? p.title() : Texts.required("title", edit.title(), Texts.TITLE),
                edit.summary() == null ? p.summary() : Texts.optional("summary", edit.summary(), Texts.SECTION),
                edit.wentWell() == null ? p.wentWell() : Texts.optional("wentWell", edit.wentWell(), Texts.SECTION),
                edit.lucky() == null ? p.lucky() : Texts.optional("lucky", edit.lucky(), Texts.SECTION),
                edit.learned() == null ? p.learned() : Texts.optional("learned", edit.learned(), Texts.SECTION),
                actor.display(),
                clock.instant());
    }

    @Transactional
    void addFactor(long id, String text, Actor actor) {
        editable(id);
        if (postmortems.factors(id).size() >= 100) {
            throw new InvalidInputException("text", "A postmortem lists at most 100 contributing factors");
        }
        Instant now = clock.instant();
        postmortems.insertFactor(id, Texts.required("text", text, Texts.SHORT), actor.display(), now);
        postmortems.touch(id, actor.display(), now);
    }

    @Transactional
    void editFactor(long id, long factorId, String text, Actor actor) {
        editable(id);
        Instant now = clock.instant();
        if (!postmortems.updateFactor(id, factorId, Texts.required("text", text, Texts.SHORT), now)) {
            throw NotFoundException.of("contributing factor", factorId);
        }
        postmortems.touch(id, actor.display(), now);
    }

    @Transactional
    void deleteFactor(long id, long factorId, Actor actor) {
        editable(id);
        if (!postmortems.deleteFactor(id, factorId)) {
            throw NotFoundException.of("contributing factor", factorId);
        }
        postmortems.touch(id, actor.display(), clock.instant());
    }

    /** Writes the actor's own account (one per person; writing again replaces it). */
    @Transactional
    void saveAccount(long id, String saw, String expected, String did, Actor actor) {
        editable(id);
        String s = Texts.optional("saw", saw, Texts.ACCOUNT);
        String e = Texts.optional("expected", expected, Texts.ACCOUNT);
        String d = Texts.optional("did", did, Texts.ACCOUNT);
        if (s == null && e == null && d == null) {
            throw new InvalidInputException(
                    "saw", "An account says at least one of: what I saw, what I expected, what I did");
        }
        Instant now = clock.instant();
        postmortems.saveAccount(id, actor.display(), s, e, d, now);
        postmortems.touch(id, actor.display(), now);
    }

    /** Only its author removes an account: it is their story. */
    @Transactional
    void deleteAccount(long id, long accountId, Actor actor) {
        editable(id);
        FirstPersonAccount account =
                postmortems.account(id, accountId).orElseThrow(() -> NotFoundException.of("account", accountId));
        if (!account.author().equals(actor.display())) {
            throw new ConflictException(
                    "This account is " + account.author() + "'s; only its author changes or" + " removes it");
        }
        postmortems.deleteAccount(id, accountId);
        postmortems.touch(id, actor.display(), clock.instant());
    }

    /**
     * Shows, hides or marks as a key moment one entry of the incident timeline, with an optional
     * annotation kept beside it; the entry itself is never changed.
     */
    @Transactional
    void chooseEntry(long id, long entryId, TimelineState state, String annotation, Actor actor) {
        Postmortem p = editable(id);
        PostmortemDocument current = documents.current(p);
        TimelineRow row = current.timeline().stream()
                .filter(r -> r.entry().id() == entryId)
                .findFirst()
                .orElseThrow(() ->
                        new NotFoundException("Incident #" + p.incidentId() + " has no timeline entry " + entryId));
        String note = annotation == null ? row.annotation() : Texts.optional("annotation", annotation, Texts.SHORT);
        Instant now = clock.instant();
        postmortems.choose(id, entryId, state == null ? row.state() : state, note, actor.display(), now);
        postmortems.touch(id, actor.display(), now);
    }

    /** Gives every entry of one kind (such as {@code signal}) a state, keeping their annotations. */
    @Transactional
    void chooseKind(long id, String kind, TimelineState state, Actor actor) {
        Postmortem p = editable(id);
        if (state == null) {
            throw new InvalidInputException("state", "state is key, shown or hidden");
        }
        Instant now = clock.instant();
        List<TimelineRow> rows = documents.current(p).timeline().stream()
                .filter(r -> r.entry().kind().equals(kind))
                .toList();
        if (rows.isEmpty()) {
            throw new InvalidInputException("kind", "The timeline has no entries of kind '" + kind + "'");
        }
        rows.forEach(r -> postmortems.choose(id, r.entry().id(), state, r.annotation(), actor.display(), now));
        postmortems.touch(id, actor.display(), now);
    }

    // --- the blameless review ---

    /** Dismisses an open finding with a reason, recorded with who dismissed it. */
    @Transactional
    void dismiss(long id, String findingKey, String reason, Actor actor) {
        Postmortem p = editable(id);
        String why = Texts.required("reason", reason, Texts.REASON);
        PostmortemDocument current = documents.current(p);
        Finding finding = current.findings().stream()
                .filter(f -> f.key().equals(findingKey))
                .findFirst()
                .orElseThrow(() -> new InvalidInputException(
                        "key",
                        "No open finding has the key '" + findingKey + "'; GET the postmortem's findings for"
                                + " their keys"));
        Instant now = clock.instant();
        postmortems.dismiss(id, finding, why, actor.display(), now);
        postmortems.history(
                id,
                "dismissed",
                "Dismissed the " + finding.rule() + " finding \"" + finding.phrase() + "\" in " + finding.label() + ": "
                        + why,
                actor.display(),
                now);
    }

    @Transactional
    void undismiss(long id, long dismissalId, Actor actor) {
        editable(id);
        if (!postmortems.undismiss(id, dismissalId)) {
            throw NotFoundException.of("dismissed finding", dismissalId);
        }
        postmortems.touch(id, actor.display(), clock.instant());
    }

    // --- workflow ---

    @Transactional
    void submitForReview(long id, Actor actor) {
        Postmortem p = get(id);
        Instant now = clock.instant();
        if (!postmortems.moveTo(id, PostmortemStatus.DRAFT, PostmortemStatus.IN_REVIEW, actor.display(), now)) {
            throw new ConflictException("Only a draft is submitted for review; this postmortem is "
                    + p.status().title().toLowerCase(java.util.Locale.ROOT));
        }
        int open = documents.current(id).findings().size();
        String text = "Submitted for review"
                + (open == 0
                        ? ""
                        : " with " + open + " open finding" + (open == 1 ? "" : "s") + " of the blameless review");
        postmortems.history(id, "in_review", text, actor.display(), now);
        incidents.addTimelineEntry(p.incidentId(), TIMELINE_KIND, "Postmortem #" + id + ": " + text, actor);
        panelsChanged(p.incidentId());
    }

    @Transactional
    void backToDraft(long id, Actor actor) {
        Postmortem p = get(id);
        Instant now = clock.instant();
        if (!postmortems.moveTo(id, PostmortemStatus.IN_REVIEW, PostmortemStatus.DRAFT, actor.display(), now)) {
            throw new ConflictException("Only a postmortem in review goes back to draft; this one is "
                    + p.status().title().toLowerCase(java.util.Locale.ROOT));
        }
        postmortems.history(id, "draft", "Back to draft", actor.display(), now);
        panelsChanged(p.incidentId());
    }

    /**
     * Publishes after a final blameless review and closes the incident. With open findings only
     * when {@code anyway} and a reason are given; the reason is recorded on the postmortem, in its
     * history and on the incident timeline.
     */
    @Transactional
    void publish(long id, boolean anyway, String reason, Actor actor) {
        PostmortemDocument current = documents.current(id);
        Postmortem p = current.postmortem();
        int open = current.findings().size();
        String why = Texts.optional("reason", reason, Texts.REASON);
        PublicationPolicy.Decision decision = PublicationPolicy.decide(
                p.status(), p.incidentId(), current.incident().status(), open, anyway, why);
        if (!decision.allowed()) {
            if (decision.refusedField() != null) {
                throw new InvalidInputException(decision.refusedField(), decision.reason());
            }
            throw new ConflictException(decision.reason());
        }
        Instant now = clock.instant();
        String anywayReason = open > 0 ? why : null;
        if (!postmortems.publish(id, actor.display(), anywayReason, open, now)) {
            throw new ConflictException("The postmortem changed while it was being published; try again");
        }
        String text = "Published: " + decision.reason();
        postmortems.history(id, open > 0 ? "published_anyway" : "published", text, actor.display(), now);
        incidents.addTimelineEntry(p.incidentId(), TIMELINE_KIND, "Postmortem #" + id + " " + text, actor);
        incidents.close(p.incidentId(), actor);
        panelsChanged(p.incidentId());
    }

    // --- shared ---

    Postmortem editable(long id) {
        Postmortem p = get(id);
        if (!p.status().editable()) {
            throw new ConflictException(
                    "Postmortem #" + id + " is published and no longer changes; its action items" + " still do");
        }
        return p;
    }

    void panelsChanged(long incidentId) {
        live.publishAfterCommit("incident-" + incidentId, "panels", "postmortem");
    }
}
