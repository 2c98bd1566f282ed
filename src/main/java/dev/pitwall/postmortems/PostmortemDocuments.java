package dev.pitwall.postmortems;

import dev.pitwall.incidents.IncidentRole;
import dev.pitwall.incidents.IncidentView;
import dev.pitwall.incidents.Incidents;
import dev.pitwall.incidents.TimelineEntry;
import dev.pitwall.system.Actor;
import dev.pitwall.system.NotFoundException;
import dev.pitwall.triage.IncidentSuspects;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Assembles a {@link PostmortemDocument} from what the team wrote and what the incident record
 * says, and runs the blameless review over it.
 */
@Component
class PostmortemDocuments {

    private static final Logger log = LoggerFactory.getLogger(PostmortemDocuments.class);

    /** Timeline entries that postmortems itself writes are about the review, not the incident. */
    static final Set<String> OWN_KINDS = Set.of(PostmortemService.TIMELINE_KIND, ActionItemService.TIMELINE_KIND);

    private final PostmortemRepository postmortems;
    private final ActionItemRepository items;
    private final Incidents incidents;
    private final BlamelessRules rules;
    private final IncidentSuspects suspects;
    private final TransactionTemplate reads;

    PostmortemDocuments(
            PostmortemRepository postmortems,
            ActionItemRepository items,
            Incidents incidents,
            BlamelessRules rules,
            IncidentSuspects suspects,
            PlatformTransactionManager transactions) {
        this.postmortems = postmortems;
        this.items = items;
        this.incidents = incidents;
        this.rules = rules;
        this.suspects = suspects;
        this.reads = new TransactionTemplate(transactions);
        this.reads.setReadOnly(true);
    }

    /**
     * The whole document, for pages, the API and the export. Runs outside the callers'
     * transactions (after their writes have committed): it reads the record in a read-only
     * transaction of its own.
     */
    PostmortemDocument document(long id) {
        PostmortemDocument document = reads.execute(s -> current(id));
        return document.withWhatChanged(whatChanged(document.incident().id()));
    }

    /**
     * Triage's suspects. Read after the record, outside any transaction, because triage ranks an
     * incident it never ranked on this first read (and stores it); a failure there leaves the rest
     * of the postmortem readable and says why.
     */
    private WhatChanged whatChanged(long incidentId) {
        try {
            return WhatChanged.of(suspects.suspects(incidentId));
        } catch (RuntimeException e) {
            log.warn("Suspects of incident {} could not be read for its postmortem", incidentId, e);
            return WhatChanged.unavailable(
                    "the suspect changes could not be read just now (the server log says why); reload to try again");
        }
    }

    /** The document inside the caller's transaction, for the writes that review or validate it. */
    @Transactional(readOnly = true)
    PostmortemDocument current(long id) {
        return current(postmortems.find(id).orElseThrow(() -> NotFoundException.of("postmortem", id)));
    }

    @Transactional(readOnly = true)
    PostmortemDocument current(Postmortem postmortem) {
        IncidentView incident = incidents
                .find(postmortem.incidentId())
                .orElseThrow(() -> new NotFoundException("The incident #" + postmortem.incidentId() + " of postmortem #"
                        + postmortem.id() + " no longer exists"));
        List<TimelineEntry> entries = incidents.timeline(incident.id());
        List<TimelineRow> timeline = timeline(entries, postmortems.choices(postmortem.id()));
        List<ContributingFactor> factors = postmortems.factors(postmortem.id());
        List<FirstPersonAccount> accounts = postmortems.accounts(postmortem.id());
        List<ActionItem> actionItems = items.forPostmortem(postmortem.id());
        List<Dismissal> dismissals = postmortems.dismissals(postmortem.id());
        Detection detection = DetectionPolicy.decide(incident, entries);
        PostmortemDocument draft = new PostmortemDocument(
                postmortem,
                incident,
                Impact.of(incident, detection),
                timeline,
                WhatChanged.NOT_READ,
                factors,
                accounts,
                actionItems,
                List.of(),
                dismissals,
                postmortems.history(postmortem.id()));
        return new PostmortemDocument(
                postmortem,
                incident,
                draft.impact(),
                timeline,
                WhatChanged.NOT_READ,
                factors,
                accounts,
                actionItems,
                openFindings(draft),
                dismissals,
                draft.history());
    }

    /** The review of the document as it stands, without the findings people dismissed. */
    List<Finding> openFindings(PostmortemDocument document) {
        Set<String> dismissed = new HashSet<>();
        document.dismissals().forEach(d -> dismissed.add(d.findingKey()));
        return allFindings(document).stream()
                .filter(f -> !dismissed.contains(f.key()))
                .toList();
    }

    List<Finding> allFindings(PostmortemDocument document) {
        return rules.reviewer().review(texts(document), people(document));
    }

    static List<TimelineRow> timeline(List<TimelineEntry> entries, List<TimelineChoice> choices) {
        Map<Long, TimelineChoice> chosen = new HashMap<>();
        choices.forEach(c -> chosen.put(c.entryId(), c));
        List<TimelineRow> rows = new ArrayList<>(entries.size());
        for (TimelineEntry e : entries) {
            TimelineChoice c = chosen.get(e.id());
            if (c != null) {
                rows.add(new TimelineRow(
                        e, c.state(), c.annotation(), c.annotation() == null ? null : c.updatedBy(), true));
            } else {
                TimelineState state = e.pinned()
                        ? TimelineState.KEY
                        : OWN_KINDS.contains(e.kind()) ? TimelineState.HIDDEN : TimelineState.SHOWN;
                rows.add(new TimelineRow(e, state, null, null, false));
            }
        }
        return rows;
    }

    /** Every text the team wrote, where it is, and how people name that place. */
    static List<ReviewedText> texts(PostmortemDocument d) {
        Postmortem p = d.postmortem();
        List<ReviewedText> texts = new ArrayList<>();
        texts.add(new ReviewedText("title", "Title", p.title()));
        texts.add(new ReviewedText("summary", "Summary", p.summary()));
        for (int i = 0; i < d.factors().size(); i++) {
            ContributingFactor f = d.factors().get(i);
            texts.add(new ReviewedText("factors[" + f.id() + "]", "Contributing factor " + (i + 1), f.text()));
        }
        texts.add(new ReviewedText("wentWell", "What went well", p.wentWell()));
        texts.add(new ReviewedText("lucky", "Where we got lucky", p.lucky()));
        texts.add(new ReviewedText("learned", "What we learned", p.learned()));
        for (FirstPersonAccount a : d.accounts()) {
            String who = a.author() + "'s account: ";
            texts.add(new ReviewedText("accounts[" + a.id() + "].saw", who + "what I saw", a.saw()));
            texts.add(new ReviewedText("accounts[" + a.id() + "].expected", who + "what I expected", a.expected()));
            texts.add(new ReviewedText("accounts[" + a.id() + "].did", who + "what I did", a.did()));
        }
        for (TimelineRow r : d.timeline()) {
            if (r.annotation() != null) {
                texts.add(new ReviewedText(
                        "timeline[" + r.entry().id() + "]",
                        "Annotation of the timeline entry at " + r.entry().at(),
                        r.annotation()));
            }
        }
        for (ActionItem item : d.actionItems()) {
            texts.add(new ReviewedText("actionItems[" + item.id() + "]", "Action item #" + item.id(), item.title()));
        }
        return texts.stream()
                .filter(t -> t.text() != null && !t.text().isBlank())
                .toList();
    }

    /** The people of the incident, whose names the review looks for as the subject of a failure. */
    static Set<String> people(PostmortemDocument d) {
        Set<String> people = new LinkedHashSet<>();
        IncidentView incident = d.incident();
        for (IncidentRole role : IncidentRole.values()) {
            person(people, incident.role(role));
        }
        person(people, incident.createdBy());
        d.timeline().stream()
                .map(r -> r.entry().actor())
                .filter(a -> a.kind() == Actor.Kind.USER)
                .forEach(a -> person(people, a.name()));
        d.accounts().forEach(a -> person(people, a.author()));
        d.actionItems().forEach(i -> person(people, i.owner()));
        person(people, d.postmortem().createdBy());
        person(people, d.postmortem().updatedBy());
        return people;
    }

    private static void person(Set<String> people, String name) {
        if (name == null || name.isBlank() || name.startsWith("token ") || name.equals(Actor.PITWALL.display())) {
            return;
        }
        people.add(name.trim());
    }
}
