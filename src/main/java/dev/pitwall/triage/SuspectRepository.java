package dev.pitwall.triage;

import dev.pitwall.system.Columns;
import dev.pitwall.system.Dialect;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The stored rankings, their suspects and the responders' marks ({@code triage_*} tables). */
@Repository
class SuspectRepository {

    static final String RANKED = "ranked";
    static final String DURING = "during";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<List<Evidence>> EVIDENCE = new TypeReference<>() {};

    /** The ranked section first, then during; within each the ten by place, then marked extras by score. */
    static final Comparator<SuspectRow> ORDER = Comparator.comparing(
                    (SuspectRow row) -> !row.section().equals(RANKED))
            .thenComparing(row -> row.suspect().rank() == 0)
            .thenComparingInt(row -> row.suspect().rank())
            .thenComparing(
                    Comparator.comparingDouble((SuspectRow row) -> row.suspect().score())
                            .reversed())
            .thenComparingLong(row -> row.suspect().changeId());

    /** When an incident was ranked, against how many changes, and which suspect was on top. */
    record StoredRanking(long incidentId, Instant rankedAt, Instant impactStart, int candidates, Long topChangeId) {}

    /** A suspect in its section ({@link #RANKED} or {@link #DURING}), with its mark. */
    record SuspectRow(String section, RankedSuspect suspect) {}

    /** A responder's mark on a change for an incident. */
    record StoredMark(SuspectMark mark, String service, String note, String markedBy, Instant markedAt) {}

    private final JdbcClient jdbc;
    private final Dialect dialect;

    SuspectRepository(JdbcClient jdbc, Dialect dialect) {
        this.jdbc = jdbc;
        this.dialect = dialect;
    }

    Optional<StoredRanking> ranking(long incidentId) {
        return jdbc.sql("""
                SELECT incident_id, ranked_at, impact_start, candidates, top_change_id
                FROM triage_ranking WHERE incident_id = ? AND ranked_at > 0""")
                .param(incidentId)
                .query((rs, n) -> new StoredRanking(
                        rs.getLong("incident_id"),
                        Columns.instant(rs, "ranked_at"),
                        Columns.instant(rs, "impact_start"),
                        rs.getInt("candidates"),
                        Columns.nullableLong(rs, "top_change_id")))
                .optional();
    }

    boolean hasRanking(long incidentId) {
        return ranking(incidentId).isPresent();
    }

    /**
     * Takes the incident's ranking row for the rest of the transaction (creating it when new) and
     * returns the suspect that was on top, so that of two nodes ranking the same incident only one
     * writes "top suspect" on the timeline. SQLite has one writer, so its write transaction is
     * exclusive already; PostgreSQL locks the row.
     */
    Optional<Long> lockRanking(long incidentId) {
        jdbc.sql("""
                INSERT INTO triage_ranking (incident_id, ranked_at, impact_start, candidates, top_change_id)
                VALUES (?, 0, 0, 0, NULL) ON CONFLICT (incident_id) DO NOTHING""").param(incidentId).update();
        String lock = dialect == Dialect.POSTGRESQL ? " FOR UPDATE" : "";
        return jdbc.sql("SELECT top_change_id FROM triage_ranking WHERE incident_id = ?" + lock)
                .param(incidentId)
                .query((rs, n) -> Optional.ofNullable(Columns.nullableLong(rs, "top_change_id")))
                .single();
    }

    void saveRanking(long incidentId, Instant rankedAt, Instant impactStart, int candidates) {
        jdbc.sql("""
                UPDATE triage_ranking SET ranked_at = ?, impact_start = ?, candidates = ? WHERE incident_id = ?""")
                .params(rankedAt.toEpochMilli(), impactStart.toEpochMilli(), candidates, incidentId)
                .update();
    }

    void setTop(long incidentId, Long changeId) {
        jdbc.sql("UPDATE triage_ranking SET top_change_id = ? WHERE incident_id = ?")
                .params(changeId, incidentId)
                .update();
    }

    /**
     * Replaces the incident's suspects with a new ranking. Rows of marked changes stay; those not
     * in the new ranking keep what was last known of them, at place 0.
     */
    void replaceSuspects(long incidentId, List<SuspectRow> rows) {
        jdbc.sql("""
                DELETE FROM triage_suspect WHERE incident_id = ?
                AND change_id NOT IN (SELECT change_id FROM triage_mark WHERE incident_id = ?)""").params(incidentId, incidentId).update();
        jdbc.sql("UPDATE triage_suspect SET place = 0 WHERE incident_id = ?")
                .param(incidentId)
                .update();
        upsert(incidentId, rows, true);
    }

    /** Adds a suspect row for a change that has none yet (a change marked outside the ranking). */
    void addSuspect(long incidentId, SuspectRow row) {
        upsert(incidentId, List.of(row), false);
    }

    /** Removes a change's row if it is there only because it was marked (place 0). */
    void removeUnranked(long incidentId, long changeId) {
        jdbc.sql("DELETE FROM triage_suspect WHERE incident_id = ? AND change_id = ? AND place = 0")
                .params(incidentId, changeId)
                .update();
    }

    /** One statement for all rows: on PostgreSQL each statement is a round trip. */
    private void upsert(long incidentId, List<SuspectRow> rows, boolean replace) {
        if (rows.isEmpty()) {
            return;
        }
        String conflict = replace ? """
                        ON CONFLICT (incident_id, change_id) DO UPDATE SET section = excluded.section,
                        place = excluded.place, score = excluded.score, evidence = excluded.evidence,
                        service = excluded.service, environment = excluded.environment, kind = excluded.kind,
                        version = excluded.version, description = excluded.description,
                        started_at = excluded.started_at, finished_at = excluded.finished_at,
                        verification = excluded.verification""" : "ON CONFLICT (incident_id, change_id) DO NOTHING";
        List<Object> params = new ArrayList<>(rows.size() * 14);
        for (SuspectRow row : rows) {
            RankedSuspect s = row.suspect();
            params.addAll(java.util.Arrays.asList(
                    incidentId,
                    s.changeId(),
                    row.section(),
                    s.rank(),
                    s.score(),
                    JSON.writeValueAsString(s.evidence()),
                    s.service(),
                    s.environment(),
                    s.kind(),
                    s.version(),
                    s.description(),
                    s.startedAt().toEpochMilli(),
                    Columns.millis(s.finishedAt()),
                    s.verification()));
        }
        String values = String.join(
                ", ", java.util.Collections.nCopies(rows.size(), "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
        jdbc.sql("""
                INSERT INTO triage_suspect (incident_id, change_id, section, place, score, evidence, service,
                    environment, kind, version, description, started_at, finished_at, verification)
                VALUES """ + values + "\n" + conflict).params(params).update();
    }

    /** The incident's suspects with their marks, in {@link #ORDER}. */
    List<SuspectRow> suspects(long incidentId) {
        List<SuspectRow> rows = new ArrayList<>(
                jdbc.sql("""
                SELECT s.*, m.mark, m.note, m.marked_by, m.marked_at FROM triage_suspect s
                LEFT JOIN triage_mark m ON m.incident_id = s.incident_id AND m.change_id = s.change_id
                WHERE s.incident_id = ?""").param(incidentId).query((rs, n) -> row(rs)).list());
        rows.sort(ORDER);
        return rows;
    }

    Optional<StoredMark> mark(long incidentId, long changeId) {
        return jdbc.sql("""
                SELECT mark, service, note, marked_by, marked_at FROM triage_mark
                WHERE incident_id = ? AND change_id = ?""")
                .params(incidentId, changeId)
                .query((rs, n) -> new StoredMark(
                        SuspectMark.parse(rs.getString("mark")).orElseThrow(),
                        rs.getString("service"),
                        rs.getString("note"),
                        rs.getString("marked_by"),
                        Columns.instant(rs, "marked_at")))
                .optional();
    }

    void saveMark(long incidentId, long changeId, StoredMark mark) {
        jdbc.sql("""
                INSERT INTO triage_mark (incident_id, change_id, mark, service, note, marked_by, marked_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (incident_id, change_id) DO UPDATE SET mark = excluded.mark, service = excluded.service,
                    note = excluded.note, marked_by = excluded.marked_by, marked_at = excluded.marked_at""")
                .params(
                        incidentId,
                        changeId,
                        mark.mark().label(),
                        mark.service(),
                        mark.note(),
                        mark.markedBy(),
                        mark.markedAt().toEpochMilli())
                .update();
    }

    void deleteMark(long incidentId, long changeId) {
        jdbc.sql("DELETE FROM triage_mark WHERE incident_id = ? AND change_id = ?")
                .params(incidentId, changeId)
                .update();
    }

    /** The changes marked for an incident, whatever the mark. */
    Set<Long> markedChanges(long incidentId) {
        return new HashSet<>(jdbc.sql("SELECT change_id FROM triage_mark WHERE incident_id = ?")
                .param(incidentId)
                .query(Long.class)
                .list());
    }

    /** The changes confirmed as the incident's causes, in the order they were confirmed. */
    List<Long> confirmedCauses(long incidentId) {
        return jdbc.sql("""
                SELECT change_id FROM triage_mark WHERE incident_id = ? AND mark = 'confirmed_cause'
                ORDER BY marked_at, change_id""").param(incidentId).query(Long.class).list();
    }

    /**
     * For each service, how many incidents before this one (by id, which follows the order they
     * were opened) had a confirmed cause in a change to it.
     */
    Map<String, Integer> confirmedCausesBefore(long incidentId) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        jdbc.sql("""
                SELECT service, COUNT(DISTINCT incident_id) AS incidents FROM triage_mark
                WHERE mark = 'confirmed_cause' AND incident_id < ? GROUP BY service""").param(incidentId).query(rs -> {
            counts.put(rs.getString("service"), rs.getInt("incidents"));
        });
        return counts;
    }

    private static SuspectRow row(ResultSet rs) throws SQLException {
        String mark = rs.getString("mark");
        return new SuspectRow(
                rs.getString("section"),
                new RankedSuspect(
                        rs.getInt("place"),
                        rs.getLong("change_id"),
                        rs.getString("service"),
                        rs.getString("environment"),
                        rs.getString("kind"),
                        rs.getString("version"),
                        rs.getString("description"),
                        Columns.instant(rs, "started_at"),
                        Columns.nullableInstant(rs, "finished_at"),
                        rs.getString("verification"),
                        rs.getDouble("score"),
                        JSON.readValue(rs.getString("evidence"), EVIDENCE),
                        mark == null
                                ? SuspectMark.NONE
                                : SuspectMark.parse(mark).orElseThrow(),
                        rs.getString("note"),
                        rs.getString("marked_by"),
                        Columns.nullableInstant(rs, "marked_at")));
    }
}
