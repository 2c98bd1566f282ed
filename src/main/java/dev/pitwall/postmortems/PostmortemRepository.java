package dev.pitwall.postmortems;

import dev.pitwall.system.Columns;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Postmortems and what the team writes in them: factors, accounts, timeline choices, dismissals, history. */
@Repository
class PostmortemRepository {

    private final JdbcClient jdbc;

    PostmortemRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    // --- postmortems ---

    /** Inserts a draft for the incident; empty when the incident has one already (one per incident). */
    Optional<Long> insert(long incidentId, String title, String summary, String actor, Instant now) {
        return jdbc.sql("""
                INSERT INTO postmortems_postmortem (incident_id, status, title, summary, created_at, created_by,
                    updated_at, updated_by)
                VALUES (?, 'draft', ?, ?, ?, ?, ?, ?)
                ON CONFLICT (incident_id) DO NOTHING
                RETURNING id""")
                .params(incidentId, title, summary, now.toEpochMilli(), actor, now.toEpochMilli(), actor)
                .query(Long.class)
                .optional();
    }

    Optional<Postmortem> find(long id) {
        return jdbc.sql("SELECT * FROM postmortems_postmortem WHERE id = ?")
                .param(id)
                .query(this::postmortem)
                .optional();
    }

    Optional<Postmortem> findByIncident(long incidentId) {
        return jdbc.sql("SELECT * FROM postmortems_postmortem WHERE incident_id = ?")
                .param(incidentId)
                .query(this::postmortem)
                .optional();
    }

    /** Newest first; {@code statuses} empty means all. */
    List<Postmortem> list(Collection<PostmortemStatus> statuses, int limit, int offset) {
        if (statuses.isEmpty()) {
            return jdbc.sql("SELECT * FROM postmortems_postmortem ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?")
                    .params(limit, offset)
                    .query(this::postmortem)
                    .list();
        }
        List<String> labels = statuses.stream().map(PostmortemStatus::label).toList();
        return jdbc.sql("SELECT * FROM postmortems_postmortem WHERE status IN (" + marks(labels.size())
                        + ") ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?")
                .params(concat(labels, limit, offset))
                .query(this::postmortem)
                .list();
    }

    long count(Collection<PostmortemStatus> statuses) {
        if (statuses.isEmpty()) {
            return jdbc.sql("SELECT count(*) FROM postmortems_postmortem")
                    .query(Long.class)
                    .single();
        }
        List<String> labels = statuses.stream().map(PostmortemStatus::label).toList();
        return jdbc.sql("SELECT count(*) FROM postmortems_postmortem WHERE status IN (" + marks(labels.size()) + ")")
                .params(labels.toArray())
                .query(Long.class)
                .single();
    }

    void updateSections(
            long id,
            String title,
            String summary,
            String wentWell,
            String lucky,
            String learned,
            String actor,
            Instant now) {
        jdbc.sql("""
                UPDATE postmortems_postmortem SET title = ?, summary = ?, went_well = ?, lucky = ?, learned = ?,
                    updated_at = ?, updated_by = ?
                WHERE id = ?""")
                .params(title, summary, wentWell, lucky, learned, now.toEpochMilli(), actor, id)
                .update();
    }

    void touch(long id, String actor, Instant now) {
        jdbc.sql("UPDATE postmortems_postmortem SET updated_at = ?, updated_by = ? WHERE id = ?")
                .params(now.toEpochMilli(), actor, id)
                .update();
    }

    /** Moves a postmortem between draft and review; false when it was not in {@code from}. */
    boolean moveTo(long id, PostmortemStatus from, PostmortemStatus to, String actor, Instant now) {
        return jdbc.sql("""
                        UPDATE postmortems_postmortem SET status = ?, submitted_at = ?, updated_at = ?, updated_by = ?
                        WHERE id = ? AND status = ?""")
                        .params(
                                to.label(),
                                to == PostmortemStatus.IN_REVIEW ? now.toEpochMilli() : null,
                                now.toEpochMilli(),
                                actor,
                                id,
                                from.label())
                        .update()
                > 0;
    }

    boolean publish(long id, String actor, String anywayReason, int openFindings, Instant now) {
        return jdbc.sql("""
                        UPDATE postmortems_postmortem SET status = 'published', published_at = ?, published_by = ?,
                            published_anyway_reason = ?, findings_at_publication = ?, updated_at = ?, updated_by = ?
                        WHERE id = ? AND status = 'in_review'""")
                        .params(now.toEpochMilli(), actor, anywayReason, openFindings, now.toEpochMilli(), actor, id)
                        .update()
                > 0;
    }

    // --- contributing factors ---

    long insertFactor(long postmortemId, String text, String actor, Instant now) {
        return jdbc.sql("""
                INSERT INTO postmortems_factor (postmortem_id, text, created_by, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?) RETURNING id""")
                .params(postmortemId, text, actor, now.toEpochMilli(), now.toEpochMilli())
                .query(Long.class)
                .single();
    }

    boolean updateFactor(long postmortemId, long factorId, String text, Instant now) {
        return jdbc.sql("UPDATE postmortems_factor SET text = ?, updated_at = ? WHERE id = ? AND postmortem_id = ?")
                        .params(text, now.toEpochMilli(), factorId, postmortemId)
                        .update()
                > 0;
    }

    boolean deleteFactor(long postmortemId, long factorId) {
        return jdbc.sql("DELETE FROM postmortems_factor WHERE id = ? AND postmortem_id = ?")
                        .params(factorId, postmortemId)
                        .update()
                > 0;
    }

    List<ContributingFactor> factors(long postmortemId) {
        return jdbc.sql("SELECT * FROM postmortems_factor WHERE postmortem_id = ? ORDER BY id")
                .param(postmortemId)
                .query((rs, n) -> new ContributingFactor(
                        rs.getLong("id"),
                        rs.getLong("postmortem_id"),
                        rs.getString("text"),
                        rs.getString("created_by"),
                        Columns.instant(rs, "created_at"),
                        Columns.instant(rs, "updated_at")))
                .list();
    }

    // --- first-person accounts ---

    /** Writes the author's account, replacing the one they wrote before. */
    long saveAccount(long postmortemId, String author, String saw, String expected, String did, Instant now) {
        return jdbc.sql("""
                INSERT INTO postmortems_account (postmortem_id, author, saw, expected, did, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (postmortem_id, author) DO UPDATE SET saw = excluded.saw, expected = excluded.expected,
                    did = excluded.did, updated_at = excluded.updated_at
                RETURNING id""")
                .params(postmortemId, author, saw, expected, did, now.toEpochMilli(), now.toEpochMilli())
                .query(Long.class)
                .single();
    }

    Optional<FirstPersonAccount> account(long postmortemId, long accountId) {
        return jdbc.sql("SELECT * FROM postmortems_account WHERE id = ? AND postmortem_id = ?")
                .params(accountId, postmortemId)
                .query(this::account)
                .optional();
    }

    boolean deleteAccount(long postmortemId, long accountId) {
        return jdbc.sql("DELETE FROM postmortems_account WHERE id = ? AND postmortem_id = ?")
                        .params(accountId, postmortemId)
                        .update()
                > 0;
    }

    List<FirstPersonAccount> accounts(long postmortemId) {
        return jdbc.sql("SELECT * FROM postmortems_account WHERE postmortem_id = ? ORDER BY created_at, id")
                .param(postmortemId)
                .query(this::account)
                .list();
    }

    // --- timeline choices ---

    void choose(long postmortemId, long entryId, TimelineState state, String annotation, String actor, Instant now) {
        jdbc.sql("""
                INSERT INTO postmortems_timeline_choice (postmortem_id, entry_id, state, annotation, updated_by, updated_at)
                VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (postmortem_id, entry_id) DO UPDATE SET state = excluded.state,
                    annotation = excluded.annotation, updated_by = excluded.updated_by, updated_at = excluded.updated_at""")
                .params(postmortemId, entryId, state.label(), annotation, actor, now.toEpochMilli())
                .update();
    }

    List<TimelineChoice> choices(long postmortemId) {
        return jdbc.sql("SELECT * FROM postmortems_timeline_choice WHERE postmortem_id = ? ORDER BY entry_id")
                .param(postmortemId)
                .query((rs, n) -> new TimelineChoice(
                        rs.getLong("entry_id"),
                        TimelineState.parse(rs.getString("state")).orElseThrow(),
                        rs.getString("annotation"),
                        rs.getString("updated_by"),
                        Columns.instant(rs, "updated_at")))
                .list();
    }

    // --- dismissed findings ---

    /** Records a dismissal; false when that finding was dismissed already. */
    boolean dismiss(long postmortemId, Finding finding, String reason, String actor, Instant now) {
        return jdbc.sql("""
                        INSERT INTO postmortems_dismissal (postmortem_id, finding_key, rule, location, phrase, reason,
                            dismissed_by, dismissed_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT (postmortem_id, finding_key) DO NOTHING""")
                        .params(
                                postmortemId,
                                finding.key(),
                                finding.rule(),
                                finding.location(),
                                finding.phrase(),
                                reason,
                                actor,
                                now.toEpochMilli())
                        .update()
                > 0;
    }

    boolean undismiss(long postmortemId, long dismissalId) {
        return jdbc.sql("DELETE FROM postmortems_dismissal WHERE id = ? AND postmortem_id = ?")
                        .params(dismissalId, postmortemId)
                        .update()
                > 0;
    }

    List<Dismissal> dismissals(long postmortemId) {
        return jdbc.sql("SELECT * FROM postmortems_dismissal WHERE postmortem_id = ? ORDER BY id")
                .param(postmortemId)
                .query((rs, n) -> new Dismissal(
                        rs.getLong("id"),
                        rs.getLong("postmortem_id"),
                        rs.getString("finding_key"),
                        rs.getString("rule"),
                        rs.getString("location"),
                        rs.getString("phrase"),
                        rs.getString("reason"),
                        rs.getString("dismissed_by"),
                        Columns.instant(rs, "dismissed_at")))
                .list();
    }

    // --- history ---

    void history(long postmortemId, String kind, String text, String actor, Instant now) {
        jdbc.sql("INSERT INTO postmortems_history (postmortem_id, at, kind, text, actor) VALUES (?, ?, ?, ?, ?)")
                .params(postmortemId, now.toEpochMilli(), kind, text, actor)
                .update();
    }

    List<HistoryEntry> history(long postmortemId) {
        return jdbc.sql("SELECT * FROM postmortems_history WHERE postmortem_id = ? ORDER BY id")
                .param(postmortemId)
                .query((rs, n) -> new HistoryEntry(
                        Columns.instant(rs, "at"), rs.getString("kind"), rs.getString("text"), rs.getString("actor")))
                .list();
    }

    private Postmortem postmortem(ResultSet rs, int n) throws SQLException {
        return new Postmortem(
                rs.getLong("id"),
                rs.getLong("incident_id"),
                PostmortemStatus.parse(rs.getString("status")).orElseThrow(),
                rs.getString("title"),
                rs.getString("summary"),
                rs.getString("went_well"),
                rs.getString("lucky"),
                rs.getString("learned"),
                Columns.instant(rs, "created_at"),
                rs.getString("created_by"),
                Columns.instant(rs, "updated_at"),
                rs.getString("updated_by"),
                Columns.nullableInstant(rs, "submitted_at"),
                Columns.nullableInstant(rs, "published_at"),
                rs.getString("published_by"),
                rs.getString("published_anyway_reason"),
                Columns.nullableInt(rs, "findings_at_publication"));
    }

    private FirstPersonAccount account(ResultSet rs, int n) throws SQLException {
        return new FirstPersonAccount(
                rs.getLong("id"),
                rs.getLong("postmortem_id"),
                rs.getString("author"),
                rs.getString("saw"),
                rs.getString("expected"),
                rs.getString("did"),
                Columns.instant(rs, "created_at"),
                Columns.instant(rs, "updated_at"));
    }

    static String marks(int n) {
        return String.join(", ", java.util.Collections.nCopies(n, "?"));
    }

    static Object[] concat(List<?> values, Object... more) {
        Object[] all = new Object[values.size() + more.length];
        for (int i = 0; i < values.size(); i++) {
            all[i] = values.get(i);
        }
        System.arraycopy(more, 0, all, values.size(), more.length);
        return all;
    }
}
