package dev.pitwall.postmortems;

import dev.pitwall.incidents.IncidentView;
import java.util.List;

/**
 * A postmortem with everything it shows: what the team wrote, and what the record says (the
 * incident's facts, impact, timeline). The page, the printable page, the API and the Markdown
 * export all render this one value, so they say the same.
 *
 * @param timeline every entry of the incident timeline with its state (hidden ones included, for editors)
 * @param whatChanged the suspect changes as triage ranked and responders marked them
 * @param findings the blameless review's open findings (dismissed ones are in {@code dismissals})
 */
record PostmortemDocument(
        Postmortem postmortem,
        IncidentView incident,
        Impact impact,
        List<TimelineRow> timeline,
        WhatChanged whatChanged,
        List<ContributingFactor> factors,
        List<FirstPersonAccount> accounts,
        List<ActionItem> actionItems,
        List<Finding> findings,
        List<Dismissal> dismissals,
        List<HistoryEntry> history) {

    PostmortemDocument withWhatChanged(WhatChanged changes) {
        return new PostmortemDocument(
                postmortem,
                incident,
                impact,
                timeline,
                changes,
                factors,
                accounts,
                actionItems,
                findings,
                dismissals,
                history);
    }

    public long id() {
        return postmortem.id();
    }

    /** The entries the document shows: every entry not hidden, in order. */
    public List<TimelineRow> visibleTimeline() {
        return timeline.stream().filter(r -> !r.hidden()).toList();
    }

    public List<TimelineRow> keyMoments() {
        return timeline.stream().filter(TimelineRow::key).toList();
    }

    /** A section the team writes in free text, with its heading and what it asks for. */
    record Written(String key, String heading, String text, String hint) {}

    /** "What went well", "Where we got lucky", "What we learned", in the order the document shows them. */
    public List<Written> written() {
        return List.of(
                new Written(
                        "wentWell",
                        "What went well",
                        postmortem.wentWell(),
                        "What helped: detection, tools, people, practices worth keeping."),
                new Written(
                        "lucky",
                        "Where we got lucky",
                        postmortem.lucky(),
                        "What limited the impact by chance rather than by design; each is a safeguard still missing."),
                new Written(
                        "learned",
                        "What we learned",
                        postmortem.learned(),
                        "What the team knows now about the system and how it fails."));
    }

    /** Who held each role, as "incident lead: alice". */
    public List<String> roles() {
        List<String> roles = new java.util.ArrayList<>();
        for (dev.pitwall.incidents.IncidentRole role : dev.pitwall.incidents.IncidentRole.values()) {
            String person = incident.role(role);
            if (person != null) {
                roles.add(role.title() + ": " + person);
            }
        }
        return roles;
    }

    /** People who took part: role holders, people on the timeline, account authors. */
    public List<String> responders() {
        java.util.Set<String> people = new java.util.LinkedHashSet<>();
        for (dev.pitwall.incidents.IncidentRole role : dev.pitwall.incidents.IncidentRole.values()) {
            if (incident.role(role) != null) {
                people.add(incident.role(role));
            }
        }
        timeline.stream()
                .map(r -> r.entry().actor())
                .filter(a -> a.kind() == dev.pitwall.system.Actor.Kind.USER)
                .forEach(a -> people.add(a.name()));
        accounts.forEach(a -> people.add(a.author()));
        return List.copyOf(people);
    }
}
