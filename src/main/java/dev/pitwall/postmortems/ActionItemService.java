package dev.pitwall.postmortems;

import dev.pitwall.checks.CheckService;
import dev.pitwall.checks.CheckView;
import dev.pitwall.checks.VerificationPassed;
import dev.pitwall.incidents.IncidentView;
import dev.pitwall.incidents.Incidents;
import dev.pitwall.system.Actor;
import dev.pitwall.system.ConflictException;
import dev.pitwall.system.InvalidInputException;
import dev.pitwall.system.LiveUpdates;
import dev.pitwall.system.NotFoundException;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Action items: what the team will do, owned and dated; overdue reminders through the incident's
 * notification targets; and safeguards, whose checks Pitwall creates from the incident and whose
 * items it marks done itself once the check has passed a post-deploy verification.
 */
@Service
class ActionItemService {

    static final String TIMELINE_KIND = "action_item";
    private static final Logger log = LoggerFactory.getLogger(ActionItemService.class);
    private static final int MAX_ITEMS = 200;

    private final ActionItemRepository items;
    private final PostmortemRepository postmortems;
    private final Incidents incidents;
    private final CheckService checks;
    private final SafeguardTemplates templates;
    private final LiveUpdates live;
    private final Clock clock;
    private final TransactionTemplate transactions;

    ActionItemService(
            ActionItemRepository items,
            PostmortemRepository postmortems,
            Incidents incidents,
            CheckService checks,
            SafeguardTemplates templates,
            LiveUpdates live,
            Clock clock,
            PlatformTransactionManager transactionManager) {
        this.items = items;
        this.postmortems = postmortems;
        this.incidents = incidents;
        this.checks = checks;
        this.templates = templates;
        this.live = live;
        this.clock = clock;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    // --- reading ---

    @Transactional(readOnly = true)
    ActionItem get(long id) {
        return items.find(id).orElseThrow(() -> NotFoundException.of("action item", id));
    }

    @Transactional(readOnly = true)
    List<ActionItem> forPostmortem(long postmortemId) {
        postmortem(postmortemId);
        return items.forPostmortem(postmortemId);
    }

    /** Open items across every postmortem, those due first; of one owner when {@code owner} is given. */
    @Transactional(readOnly = true)
    List<ActionItem> open(String owner, boolean overdueOnly, int limit) {
        LocalDate today = today();
        String who = owner == null || owner.isBlank() ? null : owner.trim();
        return items.open(who, overdueOnly ? 10_000 : limit).stream()
                .filter(i -> !overdueOnly || i.overdue(today))
                .limit(limit)
                .toList();
    }

    // --- changing ---

    @Transactional
    ActionItem create(long postmortemId, ActionItemPatch fields, Actor actor) {
        Postmortem p = postmortem(postmortemId);
        if (items.forPostmortem(postmortemId).size() >= MAX_ITEMS) {
            throw new InvalidInputException("title", "A postmortem has at most " + MAX_ITEMS + " action items");
        }
        ActionItemKind kind = fields.kind() == null || fields.kind().isBlank()
                ? null
                : ActionItemKind.parse(fields.kind()).orElseThrow(() -> kindError(fields.kind()));
        if (kind == null) {
            throw new InvalidInputException("kind", "kind is required: one of " + ActionItemKind.allowed());
        }
        ActionItemStatus status = status(fields.status()).orElse(ActionItemStatus.OPEN);
        if (status == ActionItemStatus.DONE && kind == ActionItemKind.SAFEGUARD_CHECK) {
            throw new ConflictException("A new safeguard-check item starts open: Pitwall marks it done once its check"
                    + " has passed a post-deploy verification");
        }
        ActionItemRepository.Fields f = new ActionItemRepository.Fields(
                Texts.required("title", fields.title(), 300),
                kind,
                owner(fields.owner()),
                dueOn(fields.dueOn()),
                status,
                link(fields.link()));
        Instant now = clock.instant();
        long id = items.insert(postmortemId, p.incidentId(), f, actor.display(), now);
        if (status == ActionItemStatus.DONE || status == ActionItemStatus.CANCELLED) {
            items.update(
                    id,
                    f,
                    new ActionItemRepository.Done(now, actor.display(), reason(fields.reason())),
                    actor.display(),
                    now);
        }
        postmortems.history(
                postmortemId,
                "action_item",
                "Action item #" + id + " added: " + f.title() + " (" + kind.label()
                        + (f.owner() == null ? "" : ", owner " + f.owner())
                        + (f.dueOn() == null ? "" : ", due " + f.dueOn()) + ")",
                actor.display(),
                now);
        postmortems.touch(postmortemId, actor.display(), now);
        panelsChanged(p.incidentId());
        return items.find(id).orElseThrow();
    }

    @Transactional
    ActionItem update(long id, ActionItemPatch patch, Actor actor) {
        ActionItem item = get(id);
        ActionItemKind kind = patch.kind() == null
                ? item.kind()
                : ActionItemKind.parse(patch.kind()).orElseThrow(() -> kindError(patch.kind()));
        ActionItemStatus status = status(patch.status()).orElse(item.status());
        ActionItemRepository.Fields f = new ActionItemRepository.Fields(
                patch.title() == null ? item.title() : Texts.required("title", patch.title(), 300),
                kind,
                patch.owner() == null ? item.owner() : owner(patch.owner()),
                patch.dueOn() == null ? item.dueOn() : dueOn(patch.dueOn()),
                status,
                patch.link() == null ? item.link() : link(patch.link()));
        Instant now = clock.instant();
        ActionItemRepository.Done done = null;
        if (status == ActionItemStatus.DONE && kind == ActionItemKind.SAFEGUARD_CHECK) {
            if (item.status() != ActionItemStatus.DONE) {
                throw new ConflictException(SafeguardPolicy.notByHand(item));
            }
            done = new ActionItemRepository.Done(item.doneAt(), item.doneBy(), item.doneReason());
        } else if (status == ActionItemStatus.DONE || status == ActionItemStatus.CANCELLED) {
            done = status == item.status()
                    ? new ActionItemRepository.Done(item.doneAt(), item.doneBy(), item.doneReason())
                    : new ActionItemRepository.Done(
                            now,
                            actor.display(),
                            reason(patch.reason()) == null
                                    ? (status == ActionItemStatus.DONE ? "marked done" : "cancelled") + " by "
                                            + actor.display()
                                    : reason(patch.reason()));
        }
        items.update(id, f, done, actor.display(), now);
        if (status != item.status()) {
            postmortems.history(
                    item.postmortemId(),
                    "action_item",
                    "Action item #" + id + " " + item.status().label() + " → " + status.label()
                            + (done == null || done.reason() == null ? "" : ": " + done.reason()),
                    actor.display(),
                    now);
        }
        postmortems.touch(item.postmortemId(), actor.display(), now);
        panelsChanged(item.incidentId());
        return get(id);
    }

    @Transactional
    void delete(long id, Actor actor) {
        ActionItem item = get(id);
        items.delete(id);
        Instant now = clock.instant();
        postmortems.history(
                item.postmortemId(),
                "action_item",
                "Action item #" + id + " removed: " + item.title(),
                actor.display(),
                now);
        postmortems.touch(item.postmortemId(), actor.display(), now);
        panelsChanged(item.incidentId());
    }

    // --- safeguards ---

    // Check lookups run outside this service's transactions: CheckService answers an unknown check
    // with NotFoundException, which would mark a transaction it joined for rollback.

    /** A check definition prefilled from the incident, for a person to complete and create. */
    String safeguardTemplate(long id) {
        ActionItem item = safeguard(id);
        IncidentView incident = incidents
                .find(item.incidentId())
                .orElseThrow(() -> NotFoundException.of("incident", item.incidentId()));
        return templates.template(item, incident, incidents.evidence(item.incidentId()));
    }

    /**
     * Creates the safeguard's check from a definition (YAML or JSON, as pitwall.yaml writes checks)
     * and links it, in one transaction.
     */
    ActionItem createSafeguardCheck(long id, String definition, String source, Actor actor) {
        ActionItem item = unguarded(id);
        if (definition == null || definition.isBlank()) {
            throw new InvalidInputException(
                    "definition",
                    "definition is the check to create (YAML or JSON); GET …/check-template for one"
                            + " prefilled from the incident");
        }
        return transactions.execute(s -> link(item, checks.create(definition, source), "created", actor));
    }

    /** Links a check that exists already (such as one declared in pitwall.yaml), by name or id. */
    ActionItem linkSafeguardCheck(long id, String ref, Actor actor) {
        ActionItem item = unguarded(id);
        if (ref == null || ref.isBlank()) {
            throw new InvalidInputException("existing", "existing is the name or id of a check");
        }
        CheckView check = checks.get(ref);
        return transactions.execute(s -> link(item, check, "linked", actor));
    }

    /**
     * A verification passed: every open safeguard whose check ran in it, and which was created
     * before it started, is done. Pitwall records why, on the item, the postmortem and the incident.
     */
    @Transactional
    List<ActionItem> verificationPassed(VerificationPassed passed) {
        List<ActionItem> done = new ArrayList<>();
        for (ActionItem item : items.openSafeguardsOf(passed.checkIds())) {
            SafeguardPolicy.Decision decision = SafeguardPolicy.decide(item, passed);
            if (!decision.done()) {
                log.debug("Safeguard #{} not done by {}: {}", item.id(), passed.change(), decision.reason());
                continue;
            }
            Instant now = clock.instant();
            if (!items.markDone(
                    item.id(), new ActionItemRepository.Done(now, Actor.PITWALL.display(), decision.reason()))) {
                continue;
            }
            String text = "Safeguard #" + item.id() + " (" + item.title() + ") is done: " + decision.reason();
            postmortems.history(item.postmortemId(), "safeguard_done", text, Actor.PITWALL.display(), now);
            incidents.addTimelineEntry(item.incidentId(), TIMELINE_KIND, text, Actor.PITWALL);
            panelsChanged(item.incidentId());
            done.add(items.find(item.id()).orElseThrow());
        }
        return done;
    }

    // --- overdue ---

    /**
     * Tells the targets of each overdue item's incident, once per due date, and notes it on the
     * incident timeline. Returns the items it reminded of.
     */
    @Transactional
    List<ActionItem> remindOverdue() {
        LocalDate today = today();
        List<ActionItem> reminded = new ArrayList<>();
        for (ActionItem item : items.overdueUnnotified(today, 500)) {
            String detail = "Action item #" + item.id() + " '" + item.title() + "' ("
                    + item.kind().label() + ")"
                    + (item.owner() == null ? ", which has no owner," : " owned by " + item.owner())
                    + " was due " + item.dueOn() + " and is still "
                    + item.status().label().replace('_', ' ');
            incidents.notifyActionItemOverdue(item.incidentId(), detail, Actor.PITWALL);
            incidents.addTimelineEntry(item.incidentId(), TIMELINE_KIND, detail, Actor.PITWALL);
            items.notifiedOverdue(item.id(), item.dueOn());
            reminded.add(item);
        }
        return reminded;
    }

    // --- shared ---

    private ActionItem link(ActionItem item, CheckView check, String how, Actor actor) {
        Instant now = clock.instant();
        items.linkCheck(item.id(), check.id(), check.name(), actor.display(), now);
        String text = "Safeguard check '" + check.name() + "' " + how + " for action item #" + item.id()
                + "; the item is done once the check passes a post-deploy verification of " + check.service() + " ("
                + check.environment() + ")";
        postmortems.history(item.postmortemId(), "safeguard_check", text, actor.display(), now);
        incidents.addTimelineEntry(item.incidentId(), TIMELINE_KIND, text, actor);
        panelsChanged(item.incidentId());
        return get(item.id());
    }

    private ActionItem safeguard(long id) {
        ActionItem item = get(id);
        if (!item.safeguard()) {
            throw new ConflictException("Action item #" + id + " is a "
                    + item.kind().label() + " item; only safeguard-check items have a check");
        }
        return item;
    }

    /** A safeguard item that is open and has no check that still exists. */
    private ActionItem unguarded(long id) {
        ActionItem item = safeguard(id);
        if (!item.status().isOpen()) {
            throw new ConflictException(
                    "Action item #" + id + " is " + item.status().label());
        }
        if (item.checkId() != null && checkExists(item.checkId())) {
            throw new ConflictException("Action item #" + id + " already has its check '" + item.checkName() + "'");
        }
        return item;
    }

    ActionItemJson json(ActionItem item) {
        return ActionItemJson.of(item, check(item), today());
    }

    List<ActionItemJson> json(List<ActionItem> list) {
        LocalDate today = today();
        return list.stream().map(i -> ActionItemJson.of(i, check(i), today)).toList();
    }

    Optional<CheckView> check(ActionItem item) {
        if (item.checkId() == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(checks.get(Long.toString(item.checkId())));
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    private boolean checkExists(long checkId) {
        try {
            checks.get(Long.toString(checkId));
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }

    private Postmortem postmortem(long id) {
        return postmortems.find(id).orElseThrow(() -> NotFoundException.of("postmortem", id));
    }

    private void panelsChanged(long incidentId) {
        live.publishAfterCommit("incident-" + incidentId, "panels", "action-items");
    }

    private static InvalidInputException kindError(String kind) {
        return new InvalidInputException("kind", "Unknown kind '" + kind + "'; use " + ActionItemKind.allowed());
    }

    private static Optional<ActionItemStatus> status(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(ActionItemStatus.parse(text)
                .orElseThrow(() -> new InvalidInputException(
                        "status", "Unknown status '" + text + "'; use " + ActionItemStatus.allowed())));
    }

    static String owner(String text) {
        String owner = Texts.optional("owner", text, 100);
        if (owner != null && owner.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidInputException("owner", "owner is a username or team name on one line");
        }
        return owner;
    }

    static LocalDate dueOn(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            LocalDate date = LocalDate.parse(text.trim());
            if (date.getYear() < 2000 || date.getYear() > 2200) {
                throw new InvalidInputException("dueOn", "dueOn must be a date between 2000 and 2200");
            }
            return date;
        } catch (DateTimeParseException e) {
            throw new InvalidInputException("dueOn", "dueOn '" + text + "' is not a date such as 2026-12-01");
        }
    }

    static String link(String text) {
        String link = Texts.optional("link", text, 2000);
        if (link == null) {
            return null;
        }
        try {
            URI uri = URI.create(link);
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                return link;
            }
        } catch (IllegalArgumentException e) {
            // refused below
        }
        throw new InvalidInputException("link", "link must be an http(s) URL, such as the item in your issue tracker");
    }

    private static String reason(String text) {
        return Texts.optional("reason", text, Texts.REASON);
    }
}
