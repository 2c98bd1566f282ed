package dev.pitwall.postmortems;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pitwall.system.DatabaseContractTest;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The postmortems tables behave the same on SQLite and PostgreSQL. */
class PostmortemRepositoryTest extends DatabaseContractTest {

    static final Instant T0 = Instant.parse("2026-11-24T18:00:00Z");

    PostmortemRepository postmortems;
    ActionItemRepository items;

    @BeforeEach
    void repositories() {
        postmortems = new PostmortemRepository(jdbc);
        items = new ActionItemRepository(jdbc);
    }

    long draft(long incidentId) {
        return postmortems
                .insert(incidentId, "Incident " + incidentId, "summary", "Pitwall", T0)
                .orElseThrow();
    }

    @Test
    void anIncidentHasOnePostmortemAndASecondDraftIsRefusedQuietly() {
        long id = draft(12);

        assertThat(postmortems.insert(12, "again", null, "alice", T0.plusSeconds(5)))
                .isEmpty();
        Postmortem p = postmortems.findByIncident(12).orElseThrow();
        assertThat(p.id()).isEqualTo(id);
        assertThat(p.status()).isEqualTo(PostmortemStatus.DRAFT);
        assertThat(p.title()).isEqualTo("Incident 12");
        assertThat(p.createdAt()).isEqualTo(T0);
        assertThat(p.publishedAt()).isNull();
        assertThat(p.findingsAtPublication()).isNull();
    }

    @Test
    void sectionsAndWorkflowAreStoredWithWhoAndWhen() {
        long id = draft(13);
        postmortems.updateSections(id, "New title", null, "went well", "lucky", "learned", "alice", T0.plusSeconds(60));

        assertThat(postmortems.moveTo(id, PostmortemStatus.IN_REVIEW, PostmortemStatus.DRAFT, "bob", T0))
                .isFalse();
        assertThat(postmortems.publish(id, "bob", null, 0, T0))
                .as("only from review")
                .isFalse();
        assertThat(postmortems.moveTo(
                        id, PostmortemStatus.DRAFT, PostmortemStatus.IN_REVIEW, "bob", T0.plusSeconds(90)))
                .isTrue();
        assertThat(postmortems.publish(id, "carol", "quotes", 2, T0.plusSeconds(120)))
                .isTrue();

        Postmortem p = postmortems.find(id).orElseThrow();
        assertThat(p.title()).isEqualTo("New title");
        assertThat(p.summary()).isNull();
        assertThat(p.wentWell()).isEqualTo("went well");
        assertThat(p.status()).isEqualTo(PostmortemStatus.PUBLISHED);
        assertThat(p.submittedAt()).isEqualTo(T0.plusSeconds(90));
        assertThat(p.publishedAt()).isEqualTo(T0.plusSeconds(120));
        assertThat(p.publishedBy()).isEqualTo("carol");
        assertThat(p.publishedAnywayReason()).isEqualTo("quotes");
        assertThat(p.findingsAtPublication()).isEqualTo(2);
        assertThat(postmortems.list(Set.of(PostmortemStatus.PUBLISHED), 10, 0))
                .extracting(Postmortem::id)
                .containsExactly(id);
        assertThat(postmortems.count(Set.of(PostmortemStatus.DRAFT))).isZero();
        assertThat(postmortems.count(Set.of())).isEqualTo(1);
    }

    @Test
    void factorsAccountsChoicesDismissalsAndHistoryBelongToTheirPostmortem() {
        long id = draft(14);
        long other = draft(15);
        long factor = postmortems.insertFactor(id, "No check covers line items", "alice", T0);
        postmortems.insertFactor(id, "Migrations are manual", "bob", T0);
        assertThat(postmortems.updateFactor(other, factor, "moved", T0)).isFalse();
        assertThat(postmortems.updateFactor(id, factor, "No check covers member line items", T0))
                .isTrue();
        long account = postmortems.saveAccount(id, "alice", "saw", null, "did", T0);
        long again = postmortems.saveAccount(id, "alice", "saw more", "expected", null, T0.plusSeconds(1));
        postmortems.saveAccount(id, "bob", null, null, "paged", T0);
        postmortems.choose(id, 900, TimelineState.KEY, "turning point", "alice", T0);
        postmortems.choose(id, 900, TimelineState.HIDDEN, "turning point", "bob", T0.plusSeconds(2));
        Finding finding = new Finding("root-cause", "summary", "Summary", 4, 14, "root cause", "why", "suggestion");
        assertThat(postmortems.dismiss(id, finding, "quoted", "alice", T0)).isTrue();
        assertThat(postmortems.dismiss(id, finding, "twice", "bob", T0)).isFalse();
        postmortems.history(id, "drafted", "Draft created", "Pitwall", T0);

        assertThat(postmortems.factors(id))
                .extracting(ContributingFactor::text)
                .containsExactly("No check covers member line items", "Migrations are manual");
        assertThat(again).isEqualTo(account);
        assertThat(postmortems.accounts(id)).hasSize(2).first().satisfies(a -> {
            assertThat(a.author()).isEqualTo("alice");
            assertThat(a.saw()).isEqualTo("saw more");
            assertThat(a.did()).isNull();
            assertThat(a.updatedAt()).isEqualTo(T0.plusSeconds(1));
        });
        assertThat(postmortems.accounts(other)).isEmpty();
        assertThat(postmortems.choices(id)).singleElement().satisfies(c -> {
            assertThat(c.state()).isEqualTo(TimelineState.HIDDEN);
            assertThat(c.updatedBy()).isEqualTo("bob");
        });
        List<Dismissal> dismissals = postmortems.dismissals(id);
        assertThat(dismissals).singleElement().satisfies(d -> {
            assertThat(d.findingKey()).isEqualTo("root-cause|summary|root cause");
            assertThat(d.reason()).isEqualTo("quoted");
        });
        assertThat(postmortems.undismiss(other, dismissals.getFirst().id())).isFalse();
        assertThat(postmortems.undismiss(id, dismissals.getFirst().id())).isTrue();
        assertThat(postmortems.history(id)).extracting(HistoryEntry::kind).containsExactly("drafted");
        assertThat(postmortems.deleteFactor(id, factor)).isTrue();
        assertThat(postmortems.deleteAccount(id, account)).isTrue();
        assertThat(postmortems.account(id, account)).isEmpty();
    }

    @Test
    void actionItemsAreFoundOpenOverdueAndByTheirSafeguardCheck() {
        long id = draft(16);
        long other = draft(17);
        long late = items.insert(
                id, 16, fields("Document rounding", ActionItemKind.DOCS, "Carol", "2026-11-01"), "alice", T0);
        long soon = items.insert(id, 16, fields("Canary", ActionItemKind.FIX, "bob", "2026-12-24"), "alice", T0);
        long safeguard =
                items.insert(other, 17, fields("Check items", ActionItemKind.SAFEGUARD_CHECK, null, null), "alice", T0);
        items.linkCheck(safeguard, 77, "line items not empty", "alice", T0.plusSeconds(5));
        LocalDate today = LocalDate.parse("2026-11-25");

        assertThat(items.overdueUnnotified(today, 10))
                .extracting(ActionItem::id)
                .containsExactly(late);
        items.notifiedOverdue(late, LocalDate.parse("2026-11-01"));
        assertThat(items.overdueUnnotified(today, 10)).isEmpty();
        items.update(late, fields("Document rounding", ActionItemKind.DOCS, "Carol", "2026-11-10"), null, "bob", T0);
        assertThat(items.overdueUnnotified(today, 10))
                .as("a new due date is reminded of again")
                .extracting(ActionItem::id)
                .containsExactly(late);
        assertThat(items.open("carol", 10)).extracting(ActionItem::id).containsExactly(late);
        assertThat(items.open(null, 10)).extracting(ActionItem::id).containsExactly(late, soon, safeguard);
        assertThat(items.openSafeguardsOf(List.of(77L, 78L))).singleElement().satisfies(i -> {
            assertThat(i.checkId()).isEqualTo(77L);
            assertThat(i.checkName()).isEqualTo("line items not empty");
            assertThat(i.checkLinkedAt()).isEqualTo(T0.plusSeconds(5));
        });
        assertThat(items.openCounts(List.of(id, other))).containsEntry(id, 2).containsEntry(other, 1);

        assertThat(items.markDone(safeguard, new ActionItemRepository.Done(T0.plusSeconds(60), "Pitwall", "verified")))
                .isTrue();
        assertThat(items.markDone(safeguard, new ActionItemRepository.Done(T0.plusSeconds(90), "Pitwall", "again")))
                .isFalse();
        ActionItem done = items.find(safeguard).orElseThrow();
        assertThat(done.status()).isEqualTo(ActionItemStatus.DONE);
        assertThat(done.doneReason()).isEqualTo("verified");
        assertThat(done.doneAt()).isEqualTo(T0.plusSeconds(60));
        assertThat(items.openSafeguardsOf(List.of(77L))).isEmpty();
        assertThat(items.delete(soon)).isTrue();
        assertThat(items.forPostmortem(id)).extracting(ActionItem::id).containsExactly(late);
    }

    static ActionItemRepository.Fields fields(String title, ActionItemKind kind, String owner, String due) {
        return new ActionItemRepository.Fields(
                title, kind, owner, due == null ? null : LocalDate.parse(due), ActionItemStatus.OPEN, null);
    }
}
