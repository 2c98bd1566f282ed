package dev.pitwall.postmortems;

import dev.pitwall.incidents.IncidentView;
import dev.pitwall.triage.RankedSuspect;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** A postmortem as the API returns it: what the team wrote, what the record says, and the review. */
record PostmortemJson(
        long id,
        long incidentId,
        String status,
        String title,
        String summary,
        String wentWell,
        String lucky,
        String learned,
        Instant createdAt,
        String createdBy,
        Instant updatedAt,
        String updatedBy,
        Instant submittedAt,
        Instant publishedAt,
        String publishedBy,
        String publishedAnywayReason,
        Integer findingsAtPublication,
        IncidentFacts incident,
        ImpactJson impact,
        List<TimelineJson> timeline,
        WhatChangedJson whatChanged,
        List<ContributingFactor> factors,
        List<FirstPersonAccount> accounts,
        List<ActionItemJson> actionItems,
        List<FindingJson> findings,
        List<Dismissal> dismissedFindings,
        List<HistoryEntry> history,
        Links links) {

    record IncidentFacts(
            long id,
            String title,
            String severity,
            String status,
            List<String> services,
            String environment,
            String lead,
            String communications,
            String scribe,
            List<String> responders) {}

    record ImpactJson(
            Instant startedAt,
            Instant detectedAt,
            Instant acknowledgedAt,
            Instant mitigatedAt,
            Instant resolvedAt,
            Long timeToDetectSeconds,
            Long timeToAcknowledgeSeconds,
            Long timeToMitigateSeconds,
            Long timeToResolveSeconds,
            String detectionSource,
            boolean customersFoundItFirst,
            String detection,
            Instant firstCustomerReportAt,
            Instant firstPitwallSignalAt,
            int customerReports,
            int distinctCustomers) {}

    record TimelineJson(
            long entryId,
            Instant at,
            String kind,
            String text,
            String actor,
            boolean pinned,
            String state,
            String annotation,
            String annotatedBy) {}

    /**
     * The suspect changes as triage's API shows them ({@code GET /api/v1/incidents/{id}/suspects}),
     * with the confirmed causes and ruled-out changes picked out by id.
     *
     * @param unavailable why they could not be read; null when they were (then the rest is empty)
     */
    record WhatChangedJson(
            boolean available,
            String unavailable,
            Instant rankedAt,
            int candidates,
            List<Long> confirmedCauses,
            List<Long> ruledOut,
            List<RankedSuspect> ranked,
            List<RankedSuspect> duringIncident) {

        static WhatChangedJson of(WhatChanged w) {
            return new WhatChangedJson(
                    w.available(),
                    w.unavailable(),
                    w.rankedAt(),
                    w.candidates(),
                    w.confirmed().stream().map(RankedSuspect::changeId).toList(),
                    w.ruledOut().stream().map(RankedSuspect::changeId).toList(),
                    w.ranked(),
                    w.duringIncident());
        }
    }

    record FindingJson(
            String key,
            String rule,
            String location,
            String label,
            int start,
            int end,
            String phrase,
            String why,
            String suggestion) {

        static FindingJson of(Finding f) {
            return new FindingJson(
                    f.key(),
                    f.rule(),
                    f.location(),
                    f.label(),
                    f.start(),
                    f.end(),
                    f.phrase(),
                    f.why(),
                    f.suggestion());
        }
    }

    record Links(String page, String print, String markdown, String incident) {}

    static PostmortemJson of(PostmortemDocument d, List<ActionItemJson> actionItems) {
        Postmortem p = d.postmortem();
        IncidentView i = d.incident();
        Impact m = d.impact();
        return new PostmortemJson(
                p.id(),
                p.incidentId(),
                p.status().label(),
                p.title(),
                p.summary(),
                p.wentWell(),
                p.lucky(),
                p.learned(),
                p.createdAt(),
                p.createdBy(),
                p.updatedAt(),
                p.updatedBy(),
                p.submittedAt(),
                p.publishedAt(),
                p.publishedBy(),
                p.publishedAnywayReason(),
                p.findingsAtPublication(),
                new IncidentFacts(
                        i.id(),
                        i.title(),
                        i.severity().label(),
                        i.status().label(),
                        i.services(),
                        i.environment(),
                        i.lead(),
                        i.communications(),
                        i.scribe(),
                        d.responders()),
                new ImpactJson(
                        m.startedAt(),
                        m.detectedAt(),
                        m.acknowledgedAt(),
                        m.mitigatedAt(),
                        m.resolvedAt(),
                        seconds(m.toDetect()),
                        seconds(m.toAcknowledge()),
                        seconds(m.toMitigate()),
                        seconds(m.toResolve()),
                        m.detection().source().label(),
                        m.detection().customersFirst(),
                        m.detection().reason(),
                        m.detection().firstCustomerReportAt(),
                        m.detection().firstPitwallSignalAt(),
                        m.customerReports(),
                        m.distinctCustomers()),
                d.timeline().stream()
                        .map(r -> new TimelineJson(
                                r.entry().id(),
                                r.entry().at(),
                                r.entry().kind(),
                                r.entry().text(),
                                r.entry().actor().display(),
                                r.entry().pinned(),
                                r.state().label(),
                                r.annotation(),
                                r.annotatedBy()))
                        .toList(),
                WhatChangedJson.of(d.whatChanged()),
                d.factors(),
                d.accounts(),
                actionItems,
                d.findings().stream().map(FindingJson::of).toList(),
                d.dismissals(),
                d.history(),
                new Links(
                        "/postmortems/" + p.id(),
                        "/postmortems/" + p.id() + "/print",
                        "/api/v1/postmortems/" + p.id() + ".md",
                        "/incidents/" + p.incidentId()));
    }

    private static Long seconds(Duration d) {
        return d == null ? null : d.toSeconds();
    }
}
