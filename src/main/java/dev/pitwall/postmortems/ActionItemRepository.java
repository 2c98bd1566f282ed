package dev.pitwall.postmortems;

import dev.pitwall.system.Columns;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Action items of every postmortem. Due dates are stored as ISO dates, which sort as text. */
@Repository
class ActionItemRepository {

    private static final String OPEN = "status IN ('open', 'in_progress')";

    private final JdbcClient jdbc;

    ActionItemRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The fields a person sets. */
    record Fields(
            String title, ActionItemKind kind, String owner, LocalDate dueOn, ActionItemStatus status, String link) {}

    long insert(long postmortemId, long incidentId, Fields f, String actor, Instant now) {
        return jdbc.sql("""
                INSERT INTO postmortems_action_item (postmortem_id, incident_id, title, kind, owner, due_on, status, link,
                    created_at, created_by, updated_at, updated_by)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""")
                .params(
                        postmortemId,
                        incidentId,
                        f.title(),
                        f.kind().label(),
                        f.owner(),
                        date(f.dueOn()),
                        f.status().label(),
                        f.link(),
                        now.toEpochMilli(),
                        actor,
                        now.toEpochMilli(),
                        actor)
                .query(Long.class)
                .single();
    }

    Optional<ActionItem> find(long id) {
        return jdbc.sql("SELECT * FROM postmortems_action_item WHERE id = ?")
                .param(id)
                .query(this::item)
                .optional();
    }

    /**
     * Changes what a person sets; {@code done} says who finished it and why (null clears it, as when
     * an item is reopened).
     */
    void update(long id, Fields f, Done done, String actor, Instant now) {
        jdbc.sql("""
                UPDATE postmortems_action_item SET title = ?, kind = ?, owner = ?, due_on = ?, status = ?, link = ?,
                    done_at = ?, done_by = ?, done_reason = ?, updated_at = ?, updated_by = ?
                WHERE id = ?""")
                .params(
                        f.title(),
                        f.kind().label(),
                        f.owner(),
                        date(f.dueOn()),
                        f.status().label(),
                        f.link(),
                        done == null ? null : done.at().toEpochMilli(),
                        done == null ? null : done.by(),
                        done == null ? null : done.reason(),
                        now.toEpochMilli(),
                        actor,
                        id)
                .update();
    }

    /** Who finished an item, when and why. */
    record Done(Instant at, String by, String reason) {}

    boolean delete(long id) {
        return jdbc.sql("DELETE FROM postmortems_action_item WHERE id = ?")
                        .param(id)
                        .update()
                > 0;
    }

    void linkCheck(long id, long checkId, String checkName, String actor, Instant now) {
        jdbc.sql("""
                UPDATE postmortems_action_item SET check_id = ?, check_name = ?, check_linked_at = ?, updated_at = ?,
                    updated_by = ?
                WHERE id = ?""")
                .params(checkId, checkName, now.toEpochMilli(), now.toEpochMilli(), actor, id)
                .update();
    }

    /** Marks an open item done by Pitwall; false when it was no longer open. */
    boolean markDone(long id, Done done) {
        return jdbc.sql("""
                        UPDATE postmortems_action_item SET status = 'done', done_at = ?, done_by = ?, done_reason = ?,
                            updated_at = ?, updated_by = ?
                        WHERE id = ? AND\s""" + OPEN)
                        .params(
                                done.at().toEpochMilli(),
                                done.by(),
                                done.reason(),
                                done.at().toEpochMilli(),
                                done.by(),
                                id)
                        .update()
                > 0;
    }

    List<ActionItem> forPostmortem(long postmortemId) {
        return jdbc.sql("SELECT * FROM postmortems_action_item WHERE postmortem_id = ? ORDER BY id")
                .param(postmortemId)
                .query(this::item)
                .list();
    }

    /** Open items across every postmortem, those due first (no due date last); optionally of one owner. */
    List<ActionItem> open(String owner, int limit) {
        String order = " ORDER BY CASE WHEN due_on IS NULL THEN 1 ELSE 0 END, due_on, id LIMIT ?";
        if (owner == null) {
            return jdbc.sql("SELECT * FROM postmortems_action_item WHERE " + OPEN + order)
                    .param(limit)
                    .query(this::item)
                    .list();
        }
        return jdbc.sql("SELECT * FROM postmortems_action_item WHERE " + OPEN + " AND lower(owner) = lower(?)" + order)
                .params(owner, limit)
                .query(this::item)
                .list();
    }

    /** Open items past their due date whose owner has not been told for this due date. */
    List<ActionItem> overdueUnnotified(LocalDate today, int limit) {
        return jdbc.sql("SELECT * FROM postmortems_action_item WHERE " + OPEN + """
                 AND due_on IS NOT NULL AND due_on < ?
                 AND (overdue_notified_on IS NULL OR overdue_notified_on <> due_on)
                ORDER BY due_on, id LIMIT ?""")
                .params(date(today), limit)
                .query(this::item)
                .list();
    }

    void notifiedOverdue(long id, LocalDate dueOn) {
        jdbc.sql("UPDATE postmortems_action_item SET overdue_notified_on = ? WHERE id = ?")
                .params(date(dueOn), id)
                .update();
    }

    /** Open safeguard items guarded by any of these checks. */
    List<ActionItem> openSafeguardsOf(Collection<Long> checkIds) {
        if (checkIds.isEmpty()) {
            return List.of();
        }
        List<ActionItem> items = new ArrayList<>();
        List<Long> ids = List.copyOf(checkIds);
        for (int from = 0; from < ids.size(); from += 500) {
            List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + 500));
            items.addAll(jdbc.sql("SELECT * FROM postmortems_action_item WHERE kind = 'safeguard-check' AND " + OPEN
                            + " AND check_id IN (" + PostmortemRepository.marks(chunk.size()) + ") ORDER BY id")
                    .params(chunk.toArray())
                    .query(this::item)
                    .list());
        }
        return items;
    }

    /** Open items per postmortem, for lists. */
    Map<Long, Integer> openCounts(Collection<Long> postmortemIds) {
        Map<Long, Integer> counts = new HashMap<>();
        if (postmortemIds.isEmpty()) {
            return counts;
        }
        List<Long> ids = List.copyOf(postmortemIds);
        jdbc.sql("SELECT postmortem_id, count(*) FROM postmortems_action_item WHERE " + OPEN + " AND postmortem_id IN ("
                        + PostmortemRepository.marks(ids.size()) + ") GROUP BY postmortem_id")
                .params(ids.toArray())
                .query(rs -> {
                    counts.put(rs.getLong(1), rs.getInt(2));
                });
        return counts;
    }

    private ActionItem item(ResultSet rs, int n) throws SQLException {
        return new ActionItem(
                rs.getLong("id"),
                rs.getLong("postmortem_id"),
                rs.getLong("incident_id"),
                rs.getString("title"),
                ActionItemKind.parse(rs.getString("kind")).orElseThrow(),
                rs.getString("owner"),
                parseDate(rs.getString("due_on")),
                ActionItemStatus.parse(rs.getString("status")).orElseThrow(),
                rs.getString("link"),
                Columns.nullableLong(rs, "check_id"),
                rs.getString("check_name"),
                Columns.nullableInstant(rs, "check_linked_at"),
                Columns.nullableInstant(rs, "done_at"),
                rs.getString("done_by"),
                rs.getString("done_reason"),
                parseDate(rs.getString("overdue_notified_on")),
                Columns.instant(rs, "created_at"),
                rs.getString("created_by"),
                Columns.instant(rs, "updated_at"),
                rs.getString("updated_by"));
    }

    private static String date(LocalDate date) {
        return date == null ? null : date.toString();
    }

    private static LocalDate parseDate(String text) {
        return text == null ? null : LocalDate.parse(text);
    }
}
