package dev.pitwall.postmortems;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pitwall.checks.VerificationPassed;
import dev.pitwall.incidents.DetectionSource;
import dev.pitwall.incidents.IncidentSeverity;
import dev.pitwall.incidents.IncidentStatus;
import dev.pitwall.incidents.IncidentView;
import dev.pitwall.incidents.TimelineEntry;
import dev.pitwall.system.Actor;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The named rules of postmortems, each with its reason: detection, publication and safeguards. */
class PostmortemPoliciesTest {

    static final Instant T0 = Instant.parse("2026-11-24T08:00:00Z");
    static final Actor REPORT = new Actor(Actor.Kind.SYSTEM, "customer-report", "Customer report");
    static final Actor CHECK = new Actor(Actor.Kind.SYSTEM, "checks", "Synthetic check");

    static IncidentView incident(DetectionSource source) {
        return new IncidentView(
                12,
                "Line items empty",
                null,
                IncidentSeverity.SEV2,
                IncidentStatus.RESOLVED,
                List.of("proposals-app"),
                "production",
                source,
                null,
                null,
                null,
                T0.minusSeconds(3600),
                T0,
                null,
                null,
                T0.plusSeconds(3600),
                null,
                2,
                0,
                2,
                1,
                1,
                "Pitwall",
                T0);
    }

    static TimelineEntry signal(long id, Instant at, Actor actor) {
        return new TimelineEntry(id, 12, at, "signal", "Signal attached: …", actor, false);
    }

    @Test
    void customersFoundItFirstWhenAReportWasTheFirstSignal() {
        Detection d = DetectionPolicy.decide(
                incident(DetectionSource.CUSTOMER),
                List.of(signal(1, T0, REPORT), signal(2, T0.plusSeconds(2520), CHECK)));

        assertThat(d.customersFirst()).isTrue();
        assertThat(d.reason())
                .isEqualTo("Customers found it before Pitwall did: a customer report was the first signal"
                        + " (2026-11-24 08:00:00 UTC); the first check or alert signal came 42 min later.");
    }

    @Test
    void customersFoundItFirstWhenAReportPrecededEveryCheckAndAlert() {
        Detection d =
                DetectionPolicy.decide(incident(DetectionSource.STAFF), List.of(signal(1, T0.plusSeconds(60), REPORT)));

        assertThat(d.customersFirst()).isTrue();
        assertThat(d.reason()).endsWith("and no check or alert signal ever did.");
    }

    @Test
    void pitwallFoundItWhenACheckCameFirst() {
        Detection d = DetectionPolicy.decide(
                incident(DetectionSource.CHECK), List.of(signal(1, T0, CHECK), signal(2, T0.plusSeconds(900), REPORT)));

        assertThat(d.customersFirst()).isFalse();
        assertThat(d.firstCustomerReportAt()).isEqualTo(T0.plusSeconds(900));
        assertThat(d.reason())
                .contains("a synthetic check was the first signal")
                .endsWith("came 15 min later.");
    }

    @Test
    void publicationFollowsReviewNeedsAResolvedIncidentAndAReasonToOverrideFindings() {
        assertThat(PublicationPolicy.decide(PostmortemStatus.DRAFT, 1, IncidentStatus.RESOLVED, 0, false, null)
                        .reason())
                .contains("submitted for review");
        assertThat(PublicationPolicy.decide(PostmortemStatus.IN_REVIEW, 1, IncidentStatus.MONITORING, 0, false, null)
                        .reason())
                .contains("still monitoring; resolve it first");
        assertThat(PublicationPolicy.decide(PostmortemStatus.IN_REVIEW, 1, IncidentStatus.RESOLVED, 2, false, null)
                        .allowed())
                .isFalse();
        PublicationPolicy.Decision noReason =
                PublicationPolicy.decide(PostmortemStatus.IN_REVIEW, 1, IncidentStatus.RESOLVED, 2, true, " ");
        assertThat(noReason.allowed()).isFalse();
        assertThat(noReason.refusedField()).isEqualTo("reason");
        PublicationPolicy.Decision anyway =
                PublicationPolicy.decide(PostmortemStatus.IN_REVIEW, 1, IncidentStatus.RESOLVED, 1, true, "quotes");
        assertThat(anyway.allowed()).isTrue();
        assertThat(anyway.reason()).isEqualTo("published anyway with 1 open finding of the blameless review: quotes");
        assertThat(PublicationPolicy.decide(PostmortemStatus.IN_REVIEW, 1, IncidentStatus.RESOLVED, 0, false, null)
                        .allowed())
                .isTrue();
        assertThat(PublicationPolicy.decide(PostmortemStatus.PUBLISHED, 1, IncidentStatus.CLOSED, 0, false, null)
                        .allowed())
                .isFalse();
    }

    static ActionItem safeguard(Long checkId, ActionItemStatus status) {
        return new ActionItem(
                7,
                3,
                12,
                "Check line items",
                ActionItemKind.SAFEGUARD_CHECK,
                "ana",
                LocalDate.parse("2026-12-01"),
                status,
                null,
                checkId,
                "line items not empty",
                T0,
                null,
                null,
                null,
                null,
                T0,
                "ana",
                T0,
                "ana");
    }

    static VerificationPassed passed(List<Long> checks, Instant startedAt) {
        return new VerificationPassed(
                81,
                "proposals-app",
                "production",
                "proposals-app 2.15.0",
                checks,
                startedAt,
                startedAt.plusSeconds(600));
    }

    @Test
    void aSafeguardIsDoneOnlyByAPassedVerificationOfItsCheckThatStartedAfterItWasCreated() {
        assertThat(SafeguardPolicy.decide(safeguard(5L, ActionItemStatus.OPEN), passed(List.of(5L), T0.plusSeconds(1))))
                .satisfies(d -> {
                    assertThat(d.done()).isTrue();
                    assertThat(d.reason())
                            .isEqualTo(
                                    "check 'line items not empty' passed the post-deploy verification of"
                                            + " proposals-app 2.15.0 (change #81, production), which started at"
                                            + " 2026-11-24 08:00:01 UTC, after this item was created at 2026-11-24 08:00:00 UTC");
                });
        assertThat(SafeguardPolicy.decide(safeguard(5L, ActionItemStatus.OPEN), passed(List.of(5L), T0))
                        .reason())
                .contains("before the item was created");
        assertThat(SafeguardPolicy.decide(safeguard(5L, ActionItemStatus.OPEN), passed(List.of(6L), T0.plusSeconds(9)))
                        .done())
                .isFalse();
        assertThat(SafeguardPolicy.decide(
                                safeguard(null, ActionItemStatus.OPEN), passed(List.of(5L), T0.plusSeconds(9)))
                        .done())
                .isFalse();
        assertThat(SafeguardPolicy.decide(
                                safeguard(5L, ActionItemStatus.CANCELLED), passed(List.of(5L), T0.plusSeconds(9)))
                        .done())
                .isFalse();
    }

    @Test
    void overdueMeansOpenAfterTheDueDay() {
        assertThat(safeguard(5L, ActionItemStatus.OPEN).overdue(LocalDate.parse("2026-12-02")))
                .isTrue();
        assertThat(safeguard(5L, ActionItemStatus.OPEN).overdue(LocalDate.parse("2026-12-01")))
                .isFalse();
        assertThat(safeguard(5L, ActionItemStatus.DONE).overdue(LocalDate.parse("2027-01-01")))
                .isFalse();
    }

    @Test
    void markdownEscapesWhatWouldBeMarkupOrHtml() {
        assertThat(MarkdownExport.text("<script>*x*</script> | # _y_ [z](w) & -"))
                .isEqualTo("&lt;script&gt;\\*x\\*&lt;/script&gt; \\| \\# \\_y\\_ \\[z\\](w) &amp; -");
        assertThat(MarkdownExport.text("- starts a list")).startsWith("\\-");
    }
}
