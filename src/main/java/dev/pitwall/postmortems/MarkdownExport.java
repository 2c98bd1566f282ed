package dev.pitwall.postmortems;

import dev.pitwall.incidents.IncidentView;
import dev.pitwall.triage.RankedSuspect;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/**
 * The postmortem as a Markdown document, section by section in the order of the printable page
 * (templates/postmortems/document.html), with the same words: a test compares the two. What people
 * wrote is escaped so that it reads as text in any Markdown renderer, never as markup or HTML.
 */
final class MarkdownExport {

    static final String NOT_WRITTEN = "Not written yet.";
    private static final PostmortemFormat FMT = PostmortemFormat.INSTANCE;

    private MarkdownExport() {}

    static String render(PostmortemDocument d) {
        Postmortem p = d.postmortem();
        IncidentView i = d.incident();
        StringBuilder md = new StringBuilder();
        md.append("# Postmortem #")
                .append(p.id())
                .append(": ")
                .append(text(p.title()))
                .append("\n\n");
        md.append("Status: ").append(p.status().title());
        md.append(" · Incident #").append(i.id()).append(": ").append(text(i.title()));
        md.append(" · ").append(i.severity().name()).append("\n\n");
        if (p.status() == PostmortemStatus.PUBLISHED) {
            md.append("Published ")
                    .append(FMT.time(p.publishedAt()))
                    .append(" by ")
                    .append(text(p.publishedBy()));
            md.append(".");
            if (p.publishedAnywayReason() != null) {
                md.append(" Published with ")
                        .append(p.findingsAtPublication())
                        .append(" open findings of the blameless")
                        .append(" review: ")
                        .append(text(p.publishedAnywayReason()));
            }
            md.append("\n\n");
        }

        md.append("## Summary\n\n").append(paragraphs(p.summary())).append("\n\n");

        md.append("## Incident\n\n");
        md.append("| Fact | Value |\n|---|---|\n");
        row(md, "Severity", i.severity().name() + " (" + i.severity().meaning() + ")");
        row(md, "Services", text(FMT.list(i.services())));
        row(md, "Environment", text(FMT.or(i.environment(), "—")));
        row(md, "Incident lead", text(FMT.role(i.lead())));
        row(md, "Communications", text(FMT.role(i.communications())));
        row(md, "Scribe", text(FMT.role(i.scribe())));
        row(md, "Responders", text(FMT.list(d.responders())));
        md.append('\n');

        Impact impact = d.impact();
        md.append("## Impact\n\n");
        md.append("| Moment | Time | Since | Duration |\n|---|---|---|---|\n");
        for (Impact.Moment m : impact.moments()) {
            md.append("| ")
                    .append(m.name())
                    .append(" | ")
                    .append(FMT.time(m.at()))
                    .append(" | ")
                    .append(m.durationName() == null ? "" : m.durationName())
                    .append(" | ")
                    .append(m.durationText())
                    .append(" |\n");
        }
        md.append('\n');
        Detection detection = impact.detection();
        md.append("Detected by: ").append(detection.source().label()).append(".");
        if (detection.customersFirst()) {
            md.append(" **Customers found it before Pitwall did.**");
        }
        md.append(' ').append(detection.reason()).append("\n\n");
        md.append("Customer reports: ")
                .append(impact.customerReports())
                .append(" from ")
                .append(impact.distinctCustomers())
                .append(" distinct customers.\n\n");

        md.append("## Timeline\n\n");
        List<TimelineRow> visible = d.visibleTimeline();
        if (visible.isEmpty()) {
            md.append("No entries shown.\n\n");
        } else {
            md.append("| Time | Kind | What happened | By |\n|---|---|---|---|\n");
            for (TimelineRow r : visible) {
                md.append("| ").append(FMT.time(r.entry().at())).append(" | ");
                md.append(
                        r.key()
                                ? "**" + cell(r.entry().kind()) + " · key moment**"
                                : cell(r.entry().kind()));
                md.append(" | ").append(cell(r.entry().text()));
                if (r.annotation() != null) {
                    md.append(" — Note by ")
                            .append(cell(r.annotatedBy()))
                            .append(": ")
                            .append(cell(r.annotation()));
                }
                md.append(" | ").append(cell(r.entry().actor().display())).append(" |\n");
            }
            md.append('\n');
        }

        whatChanged(md, d.whatChanged());

        md.append("## Contributing factors\n\n");
        if (d.factors().isEmpty()) {
            md.append(NOT_WRITTEN).append("\n\n");
        } else {
            for (int n = 0; n < d.factors().size(); n++) {
                md.append(n + 1)
                        .append(". ")
                        .append(text(FMT.line(d.factors().get(n).text())))
                        .append('\n');
            }
            md.append('\n');
        }
        for (PostmortemDocument.Written w : d.written()) {
            md.append("## ")
                    .append(w.heading())
                    .append("\n\n")
                    .append(paragraphs(w.text()))
                    .append("\n\n");
        }

        md.append("## First-person accounts\n\n");
        if (d.accounts().isEmpty()) {
            md.append("No accounts yet.\n\n");
        }
        for (FirstPersonAccount a : d.accounts()) {
            md.append("### ").append(text(a.author())).append("\n\n");
            md.append("**What I saw:** ")
                    .append(text(FMT.line(FMT.or(a.saw(), "—"))))
                    .append("\n\n");
            md.append("**What I expected:** ")
                    .append(text(FMT.line(FMT.or(a.expected(), "—"))))
                    .append("\n\n");
            md.append("**What I did:** ")
                    .append(text(FMT.line(FMT.or(a.did(), "—"))))
                    .append("\n\n");
        }

        md.append("## Action items\n\n");
        if (d.actionItems().isEmpty()) {
            md.append("No action items yet.\n\n");
        } else {
            md.append("| # | Action | Kind | Owner | Due | Status | Link |\n|---|---|---|---|---|---|---|\n");
            for (ActionItem item : d.actionItems()) {
                md.append("| ")
                        .append(item.id())
                        .append(" | ")
                        .append(cell(item.title()))
                        .append(" | ")
                        .append(item.kind().label())
                        .append(" | ")
                        .append(cell(FMT.or(item.owner(), "—")))
                        .append(" | ")
                        .append(FMT.due(item))
                        .append(" | ")
                        .append(cell(FMT.itemState(item)))
                        .append(" | ")
                        .append(item.link() == null ? "—" : "<" + item.link().replace(">", "%3E") + ">")
                        .append(" |\n");
            }
            md.append('\n');
        }

        md.append("## Blameless review\n\n");
        if (d.findings().isEmpty()) {
            md.append("No open findings.\n");
        } else {
            md.append(d.findings().size())
                    .append(d.findings().size() == 1 ? " open finding:" : " open findings:")
                    .append("\n\n");
            for (Finding f : d.findings()) {
                md.append("- \"")
                        .append(text(f.phrase()))
                        .append("\" in ")
                        .append(text(f.label()))
                        .append(" (")
                        .append(f.rule())
                        .append("): ")
                        .append(text(FMT.line(f.suggestion())))
                        .append('\n');
            }
        }
        if (!d.dismissals().isEmpty()) {
            md.append("\nDismissed findings:\n\n");
            for (Dismissal x : d.dismissals()) {
                md.append("- \"")
                        .append(text(x.phrase()))
                        .append("\" (")
                        .append(x.rule())
                        .append(") dismissed by ")
                        .append(text(x.dismissedBy()))
                        .append(": ")
                        .append(text(FMT.line(x.reason())))
                        .append('\n');
            }
        }
        return md.toString();
    }

    private static void whatChanged(StringBuilder md, WhatChanged w) {
        md.append("## What changed\n\n");
        if (!w.available()) {
            md.append("Suspect changes are not available: ")
                    .append(text(w.unavailable()))
                    .append("\n\n");
            return;
        }
        md.append("Pitwall weighed ")
                .append(w.candidates())
                .append(" changes (ranked ")
                .append(FMT.time(w.rankedAt()))
                .append(").\n\n");
        md.append("Confirmed cause: ")
                .append(w.confirmed().isEmpty() ? "none marked." : cell(w.labels(w.confirmed())) + ".")
                .append("\n\n");
        if (!w.ruledOut().isEmpty()) {
            md.append("Ruled out: ").append(cell(w.labels(w.ruledOut()))).append(".\n\n");
        }
        if (w.ranked().isEmpty()) {
            md.append("No change before the impact started is suspect.\n\n");
        } else {
            suspects(md, w, w.ranked(), "Finished", RankedSuspect::finishedAt);
        }
        if (!w.duringIncident().isEmpty()) {
            md.append("Changes during the incident:\n\n");
            suspects(md, w, w.duringIncident(), "Started", RankedSuspect::startedAt);
        }
    }

    /** One table of suspects; {@code when} names the time column, {@code at} reads it. */
    private static void suspects(
            StringBuilder md,
            WhatChanged w,
            List<RankedSuspect> list,
            String when,
            Function<RankedSuspect, Instant> at) {
        md.append("| Rank | Change | ").append(when).append(" | Verification | Score | Mark | Why |\n");
        md.append("|---|---|---|---|---|---|---|\n");
        for (RankedSuspect s : list) {
            md.append("| ")
                    .append(w.rank(s))
                    .append(" | ")
                    .append(cell(s.label()))
                    .append(" | ")
                    .append(FMT.time(at.apply(s)))
                    .append(" | ")
                    .append(cell(s.verification()))
                    .append(" | ")
                    .append(w.score(s))
                    .append(" | ")
                    .append(cell(w.mark(s)))
                    .append(" | ")
                    .append(cell(w.reasons(s)))
                    .append(" |\n");
        }
        md.append('\n');
    }

    private static void row(StringBuilder md, String name, String value) {
        md.append("| ").append(name).append(" | ").append(value).append(" |\n");
    }

    /** A written section: its paragraphs, or a note that nobody wrote it yet. */
    private static String paragraphs(String text) {
        if (text == null || text.isBlank()) {
            return NOT_WRITTEN;
        }
        return text(text.strip().replaceAll("\\r\\n?", "\n").replaceAll("\\n{3,}", "\n\n"));
    }

    private static String cell(String text) {
        return text(FMT.line(text));
    }

    /**
     * Escapes what Markdown would read as markup (emphasis, links, headings, code, HTML), so that a
     * title like {@code <script>} or {@code *urgent*} shows as written.
     */
    static String text(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        boolean lineStart = true;
        for (int k = 0; k < text.length(); k++) {
            char c = text.charAt(k);
            switch (c) {
                case '\\', '`', '*', '_', '[', ']', '#', '~', '|' ->
                    out.append('\\').append(c);
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '-', '+' -> out.append(lineStart ? "\\" + c : String.valueOf(c));
                default -> out.append(c);
            }
            lineStart = c == '\n';
        }
        return out.toString();
    }
}
