package dev.pitwall.postmortems;

import dev.pitwall.incidents.DetectionSource;
import dev.pitwall.incidents.IncidentSeverity;
import dev.pitwall.incidents.IncidentStatus;
import dev.pitwall.incidents.IncidentView;
import dev.pitwall.incidents.TimelineEntry;
import dev.pitwall.system.Actor;
import dev.pitwall.triage.Evidence;
import dev.pitwall.triage.RankedSuspect;
import dev.pitwall.triage.SuspectList;
import dev.pitwall.triage.SuspectMark;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * How long the blameless review and the Markdown export take for large postmortems, on plain Java
 * (no server): the review runs on every save, the export on every download. Run with
 * bench/postmortems/run.sh [TIMELINE_ENTRIES]. Not a test: it prints numbers.
 */
public final class PostmortemBenchmark {

    static final String[] SENTENCES = {
        "The deploy script did not run the migrations for the line items table.",
        "Alice should have checked the migration before the deploy.",
        "The check of line items was added to the verification window.",
        "Bob forgot to update the runbook after the last change.",
        "The alert fired at 02:10 and the dashboard showed green.",
        "It was obvious that the index was missing.",
        "We rolled back within twelve minutes of the first report.",
        "The root cause was human error during the rollout.",
        "Requests were retried three times before the circuit opened.",
        "Customers reported empty lists before any check failed.",
    };

    private PostmortemBenchmark() {}

    public static void main(String[] args) {
        int entries = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        Instant t0 = Instant.parse("2026-11-24T18:00:00Z");
        BlamelessReviewer reviewer = BlamelessRules.defaultReviewer();
        PostmortemDocument document = document(entries, t0);
        List<ReviewedText> texts = PostmortemDocuments.texts(document);
        long chars = texts.stream().mapToLong(t -> t.text().length()).sum();
        Set<String> people = PostmortemDocuments.people(document);
        System.out.printf(
                "postmortem: %d timeline entries, %d texts to review, %d characters, %d rules%n",
                entries, texts.size(), chars, reviewer.policies().size());

        for (int i = 0; i < 5; i++) {
            reviewer.review(texts, people);
            MarkdownExport.render(document);
        }
        int rounds = 20;
        long start = System.nanoTime();
        int findings = 0;
        for (int i = 0; i < rounds; i++) {
            findings = reviewer.review(texts, people).size();
        }
        double reviewMs = (System.nanoTime() - start) / 1e6 / rounds;
        start = System.nanoTime();
        int length = 0;
        for (int i = 0; i < rounds; i++) {
            length = MarkdownExport.render(document).length();
        }
        double exportMs = (System.nanoTime() - start) / 1e6 / rounds;
        System.out.printf(
                "blameless review: %.1f ms per save (%d findings, %.1f MB/s of text)%n",
                reviewMs, findings, chars / 1e6 / (reviewMs / 1000));
        System.out.printf("markdown export: %.1f ms per download (%d characters)%n", exportMs, length);
        if (Boolean.getBoolean("perRule")) {
            for (BlamelessPolicy policy : reviewer.policies()) {
                long t = System.nanoTime();
                for (ReviewedText text : texts) {
                    policy.review(text, people);
                }
                System.out.printf("  %-20s %.1f ms%n", policy.name(), (System.nanoTime() - t) / 1e6);
            }
        }
    }

    static PostmortemDocument document(int entries, Instant t0) {
        IncidentView incident = new IncidentView(
                12,
                "Members cannot see line items",
                "summary",
                IncidentSeverity.SEV2,
                IncidentStatus.RESOLVED,
                List.of("proposals-app"),
                "production",
                DetectionSource.CUSTOMER,
                "alice",
                "bob",
                "carol",
                t0.minusSeconds(3600),
                t0,
                t0.plusSeconds(60),
                t0.plusSeconds(900),
                t0.plusSeconds(1800),
                null,
                entries,
                0,
                entries,
                3,
                2,
                "Pitwall",
                t0);
        List<TimelineRow> timeline = new ArrayList<>();
        for (int i = 0; i < entries; i++) {
            TimelineEntry e = new TimelineEntry(
                    i,
                    12,
                    t0.plusSeconds(i),
                    i % 3 == 0 ? "note" : "signal",
                    SENTENCES[i % SENTENCES.length],
                    Actor.user(1, "alice"),
                    i % 50 == 0);
            timeline.add(new TimelineRow(
                    e,
                    i % 50 == 0 ? TimelineState.KEY : TimelineState.SHOWN,
                    i % 5 == 0 ? SENTENCES[(i + 3) % SENTENCES.length] : null,
                    i % 5 == 0 ? "bob" : null,
                    i % 5 == 0));
        }
        Postmortem p = new Postmortem(
                3,
                12,
                PostmortemStatus.DRAFT,
                "Members cannot see line items",
                String.join(" ", SENTENCES),
                String.join("\n", SENTENCES),
                String.join("\n", SENTENCES),
                String.join("\n", SENTENCES),
                t0,
                "Pitwall",
                t0,
                "alice",
                null,
                null,
                null,
                null,
                null);
        List<ContributingFactor> factors = new ArrayList<>();
        List<FirstPersonAccount> accounts = new ArrayList<>();
        List<ActionItem> items = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            factors.add(new ContributingFactor(i, 3, SENTENCES[i % SENTENCES.length], "alice", t0, t0));
            items.add(new ActionItem(
                    i,
                    3,
                    12,
                    SENTENCES[(i + 1) % SENTENCES.length],
                    ActionItemKind.FIX,
                    "alice",
                    null,
                    ActionItemStatus.OPEN,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    t0,
                    "alice",
                    t0,
                    "alice"));
        }
        for (int i = 0; i < 10; i++) {
            accounts.add(new FirstPersonAccount(
                    i,
                    3,
                    "person" + i,
                    String.join(" ", SENTENCES),
                    String.join(" ", SENTENCES),
                    String.join(" ", SENTENCES),
                    t0,
                    t0));
        }
        List<RankedSuspect> suspects = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            suspects.add(new RankedSuspect(
                    i,
                    800 + i,
                    "billing-api",
                    "production",
                    "deploy",
                    "2025.03." + i,
                    "Evening release",
                    t0.minusSeconds(3600L * i),
                    t0.minusSeconds(3600L * i - 420),
                    "passed",
                    7.0 - i * 0.5,
                    List.of(
                            new Evidence("words", 5.0, "changed file LineItemMapper.java matches \"line items\""),
                            new Evidence("place", 2.0, "members-portal depends on billing-api"),
                            new Evidence("time", -0.5, "finished " + i + " h before impact")),
                    i == 1 ? SuspectMark.CONFIRMED_CAUSE : i == 2 ? SuspectMark.RULED_OUT : SuspectMark.NONE,
                    i <= 2 ? "LineItemMapper reads the old schema" : null,
                    i <= 2 ? "alice" : null,
                    i <= 2 ? t0 : null));
        }
        WhatChanged changed = WhatChanged.of(new SuspectList(3, t0, 27_312, suspects, List.of()));
        PostmortemDocument d = new PostmortemDocument(
                p, incident, null, timeline, changed, factors, accounts, items, List.of(), List.of(), List.of());
        Detection detection = DetectionPolicy.decide(
                incident, timeline.stream().map(TimelineRow::entry).toList());
        return new PostmortemDocument(
                p,
                incident,
                Impact.of(incident, detection),
                timeline,
                changed,
                factors,
                accounts,
                items,
                BlamelessRules.defaultReviewer().review(PostmortemDocuments.texts(d), PostmortemDocuments.people(d)),
                List.of(),
                List.of());
    }
}
