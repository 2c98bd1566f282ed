package dev.pitwall.changes;

import dev.pitwall.system.Columns;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The change log's tables. Commits and files are JSON in the last two columns of a change, which
 * the range scans behind the timeline and "what changed" do not select, so they do not read them
 * (SQLite keeps long values on overflow pages, PostgreSQL in TOAST); the indexes are explained in
 * docs/changes.md.
 */
@Repository
class ChangeRepository {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<List<Link>> LINKS = new TypeReference<>() {};
    private static final TypeReference<List<StoredCommit>> COMMITS = new TypeReference<>() {};
    private static final TypeReference<List<String>> FILES = new TypeReference<>() {};
    private static final String VERSION_SETTING = "('deploy', 'rollback')";
    private static final Labels<ChangeSource> SOURCES = Labels.of(ChangeSource.class);
    private static final Labels<ChangeKind> KINDS = Labels.of(ChangeKind.class);
    private static final Labels<ChangeStatus> STATUSES = Labels.of(ChangeStatus.class);
    private static final Labels<ChangeVerification> VERIFICATIONS = Labels.of(ChangeVerification.class);

    /** Read by position in {@link #change}; every query adds commits and files (or NULLs) after them. */
    static final String COLUMNS = """
            c.id, c.source, c.external_id, c.service, c.environment, c.kind, c.version, c.previous_version,
            c.commit_sha, c.commit_count, c.author, c.description, c.links, c.started_at, c.finished_at,
            c.status, c.verification, c.verification_summary""";

    /** How a commit is stored: the time as epoch milliseconds, like every other time. */
    record StoredCommit(String sha, String message, String author, Long time) {}

    /** The version a service ran at some moment, and the one before it. */
    record RunningVersion(String version, String previousVersion) {}

    private final JdbcClient jdbc;

    ChangeRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Long> idOf(ChangeSource source, String externalId) {
        if (externalId == null) {
            return Optional.empty();
        }
        return jdbc.sql("SELECT id FROM changes_change WHERE source = ? AND external_id = ?")
                .params(ChangeFields.label(source), externalId)
                .query(Long.class)
                .optional();
    }

    /**
     * Stores a new change; empty when a change with the same source and external id exists
     * already (then nothing is stored).
     */
    Optional<Long> insert(
            NewChange c, ChangeSource source, String version, String previousVersion, String recordedBy, Instant now) {
        List<StoredCommit> commits = c.commits().stream()
                .map(k -> new StoredCommit(k.sha(), k.message(), k.author(), Columns.millis(k.time())))
                .toList();
        return jdbc.sql("""
                INSERT INTO changes_change (source, external_id, service, environment, kind, version,
                    previous_version, commit_sha, commit_count, file_count, author, description, links,
                    started_at, finished_at, status, initial_status, recorded_by, created_at, updated_at, commits,
                    files)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (source, external_id) DO NOTHING
                RETURNING id""")
                .params(
                        ChangeFields.label(source),
                        c.externalId(),
                        c.service(),
                        c.environment(),
                        ChangeFields.label(c.kind()),
                        version,
                        previousVersion,
                        c.commitSha(),
                        c.commits().size(),
                        c.files().size(),
                        c.author(),
                        c.description(),
                        c.links().isEmpty() ? null : JSON.writeValueAsString(c.links()),
                        c.startedAt().toEpochMilli(),
                        Columns.millis(c.finishedAt()),
                        ChangeFields.label(c.status()),
                        ChangeFields.label(c.status()),
                        recordedBy,
                        now.toEpochMilli(),
                        now.toEpochMilli(),
                        commits.isEmpty() ? null : JSON.writeValueAsString(commits),
                        c.files().isEmpty() ? null : JSON.writeValueAsString(c.files()))
                .query(Long.class)
                .optional();
    }

    /** The version running when {@code before} came: the last successful deploy or rollback that started earlier. */
    Optional<RunningVersion> runningVersion(String service, String environment, Instant before) {
        return jdbc.sql("SELECT version, previous_version FROM changes_change WHERE service = ? AND environment = ?"
                        + " AND started_at <= ? AND kind IN " + VERSION_SETTING
                        + " AND status = 'succeeded' AND version IS NOT NULL"
                        + " ORDER BY started_at DESC, id DESC LIMIT 1")
                .params(service, environment, before.toEpochMilli())
                .query((rs, n) -> new RunningVersion(rs.getString(1), rs.getString(2)))
                .optional();
    }

    Optional<RecordedChange> lastSucceededDeploy(String service, String environment) {
        return jdbc.sql("SELECT " + COLUMNS + ", NULL AS commits, NULL AS files FROM changes_change c"
                        + " WHERE c.service = ? AND c.environment = ? AND c.kind IN " + VERSION_SETTING
                        + " AND c.status = 'succeeded' ORDER BY c.started_at DESC, c.id DESC LIMIT 1")
                .params(service, environment)
                .query((rs, n) -> change(rs))
                .optional();
    }

    Optional<RecordedChange> find(long id) {
        return jdbc.sql("SELECT " + COLUMNS + ", c.commits, c.files FROM changes_change c WHERE c.id = ?")
                .param(id)
                .query((rs, n) -> change(rs))
                .optional();
    }

    /** Changes longer than this (or unfinished) are in the partial index {@code changes_change_long}. */
    static final long LONG_CHANGE_MILLIS = 3_600_000;

    private static final String LONG_CHANGE = "(c.finished_at IS NULL OR c.finished_at - c.started_at > 3600000)";

    private static final char SEPARATOR = '\u001f';
    /**
     * A change as one text value: its fields joined by a separator, the description last (it is
     * the only field that may contain the separator; JSON escapes it and names refuse it).
     */
    private static String rowExpression(boolean withDetail) {
        // concat_ws builds the value in one pass; it skips NULLs, so every nullable field is
        // COALESCEd to keep the positions. Without detail (for "what changed") the fields that page
        // does not show stay empty and the description is cut to its first 200 characters.
        return "concat_ws('" + SEPARATOR + "', "
                + String.join(
                        ", ",
                        "c.id",
                        "c.source",
                        withDetail ? "COALESCE(c.external_id, '')" : "''",
                        "c.service",
                        "c.environment",
                        "c.kind",
                        "COALESCE(c.version, '')",
                        "COALESCE(c.previous_version, '')",
                        "COALESCE(c.commit_sha, '')",
                        "c.commit_count",
                        "COALESCE(c.author, '')",
                        withDetail ? "COALESCE(c.links, '')" : "''",
                        "c.started_at",
                        "COALESCE(CAST(c.finished_at AS TEXT), '')",
                        "c.status",
                        "c.verification",
                        withDetail ? "COALESCE(c.verification_summary, '')" : "''",
                        withDetail ? "COALESCE(c.commits, '')" : "''",
                        withDetail ? "COALESCE(c.files, '')" : "''",
                        withDetail ? "COALESCE(c.description, '')" : "COALESCE(substr(c.description, 1, 200), '')")
                + ")";
    }

    private static final int FIELDS = 20;

    /**
     * Changes that started before {@code to} and did not finish before {@code from}, ordered by
     * start. Three disjoint parts, each a bounded range of an index: started inside the window;
     * started in the hour before it and not finished before it; started earlier and not finished
     * before it, which only a change still in progress or longer than an hour can be (those are
     * the partial index {@code changes_change_long}).
     *
     * <p>Each change comes back as one text value: a window can hold tens of thousands of
     * changes, and with JDBC on SQLite every column read is a native call that costs about as
     * much as a short value itself.
     *
     * @param withDetail whether to read everything; "what changed" does without the external id,
     *     links, verification summary, commits and files, and with the description's first 200
     *     characters
     */
    List<RecordedChange> overlapping(Instant from, Instant to, Collection<String> environments, boolean withDetail) {
        String environmentFilter = environments.isEmpty()
                ? ""
                : " AND c.environment IN (" + String.join(", ", java.util.Collections.nCopies(environments.size(), "?"))
                        + ")";
        String notFinishedBefore = " AND (c.finished_at IS NULL OR c.finished_at >= ?)";
        String select = "SELECT " + rowExpression(withDetail) + " FROM changes_change c WHERE ";
        String sql = select + "c.started_at >= ? AND c.started_at < ?" + environmentFilter
                + " UNION ALL " + select + "c.started_at >= ? AND c.started_at < ?" + notFinishedBefore
                + environmentFilter
                + " UNION ALL " + select + LONG_CHANGE + " AND c.started_at < ?" + notFinishedBefore
                + environmentFilter;
        long f = from.toEpochMilli();
        List<Object> params = new ArrayList<>();
        params.add(f);
        params.add(to.toEpochMilli());
        params.addAll(environments);
        params.add(f - LONG_CHANGE_MILLIS);
        params.add(f);
        params.add(f);
        params.addAll(environments);
        params.add(f - LONG_CHANGE_MILLIS);
        params.add(f);
        params.addAll(environments);
        List<RecordedChange> changes = new ArrayList<>(jdbc.sql(sql)
                .params(params)
                .query((rs, n) -> fromRow(rs.getString(1)))
                .list());
        // sorted here rather than by the database, which would copy every row into a temporary tree
        changes.sort(BY_START);
        return changes;
    }

    private static final java.util.Comparator<RecordedChange> BY_START =
            java.util.Comparator.comparing(RecordedChange::startedAt).thenComparingLong(RecordedChange::id);

    private static RecordedChange fromRow(String row) {
        String[] f = new String[FIELDS];
        int start = 0;
        for (int i = 0; i < FIELDS - 1; i++) {
            int end = row.indexOf(SEPARATOR, start);
            f[i] = row.substring(start, end);
            start = end + 1;
        }
        f[FIELDS - 1] = row.substring(start);
        return new RecordedChange(
                Long.parseLong(f[0]),
                emptyToNull(f[2]),
                SOURCES.get(f[1]),
                f[3],
                f[4],
                KINDS.get(f[5]),
                emptyToNull(f[6]),
                emptyToNull(f[7]),
                emptyToNull(f[8]),
                commits(emptyToNull(f[17])),
                files(emptyToNull(f[18])),
                emptyToNull(f[10]),
                emptyToNull(f[19]),
                links(emptyToNull(f[11])),
                Instant.ofEpochMilli(Long.parseLong(f[12])),
                f[13].isEmpty() ? null : Instant.ofEpochMilli(Long.parseLong(f[13])),
                STATUSES.get(f[14]),
                VERIFICATIONS.get(f[15]),
                emptyToNull(f[16]),
                Integer.parseInt(f[9]));
    }

    private static String emptyToNull(String value) {
        return value.isEmpty() ? null : value;
    }

    /** A page of the list, newest first, without commits and files (their count is there). */
    ChangePage list(ChangeFilter filter, ChangeCursor after, int limit) {
        StringBuilder sql = new StringBuilder(
                "SELECT " + COLUMNS + ", NULL AS commits, NULL AS files FROM changes_change c WHERE 1 = 1");
        List<Object> params = new ArrayList<>();
        if (filter.service() != null) {
            sql.append(" AND c.service = ?");
            params.add(filter.service());
        }
        if (filter.environment() != null) {
            sql.append(" AND c.environment = ?");
            params.add(filter.environment());
        }
        if (filter.kind() != null) {
            sql.append(" AND c.kind = ?");
            params.add(ChangeFields.label(filter.kind()));
        }
        if (filter.status() != null) {
            sql.append(" AND c.status = ?");
            params.add(ChangeFields.label(filter.status()));
        }
        if (filter.from() != null) {
            sql.append(" AND c.started_at >= ?");
            params.add(filter.from().toEpochMilli());
        }
        if (filter.to() != null) {
            sql.append(" AND c.started_at < ?");
            params.add(filter.to().toEpochMilli());
        }
        if (filter.text() != null && !filter.text().isBlank()) {
            String like = "%" + escapeLike(filter.text().strip().toLowerCase(Locale.ROOT)) + "%";
            sql.append(" AND (lower(c.service) LIKE ? ESCAPE '\\' OR lower(c.version) LIKE ? ESCAPE '\\'"
                    + " OR lower(c.description) LIKE ? ESCAPE '\\' OR lower(c.author) LIKE ? ESCAPE '\\'"
                    + " OR lower(c.commit_sha) LIKE ? ESCAPE '\\' OR lower(c.commits) LIKE ? ESCAPE '\\')");
            for (int i = 0; i < 6; i++) {
                params.add(like);
            }
        }
        if (after != null) {
            sql.append(" AND (c.started_at < ? OR (c.started_at = ? AND c.id < ?))");
            params.add(after.startedAt());
            params.add(after.startedAt());
            params.add(after.id());
        }
        sql.append(" ORDER BY c.started_at DESC, c.id DESC LIMIT ?");
        params.add(limit + 1);
        List<RecordedChange> rows = jdbc.sql(sql.toString())
                .params(params)
                .query((rs, n) -> change(rs))
                .list();
        if (rows.size() <= limit) {
            return new ChangePage(rows, null);
        }
        List<RecordedChange> page = rows.subList(0, limit);
        RecordedChange last = page.getLast();
        return new ChangePage(
                List.copyOf(page), new ChangeCursor(last.startedAt().toEpochMilli(), last.id()).encode());
    }

    /**
     * Moves a change from {@code expected} to {@code status}; false when another writer moved it
     * first, so that a transition (and its event) happens once.
     */
    boolean updateStatus(long id, ChangeStatus expected, ChangeStatus status, Instant finishedAt, Instant now) {
        return jdbc.sql(
                                "UPDATE changes_change SET status = ?, finished_at = ?, updated_at = ? WHERE id = ? AND status = ?")
                        .params(
                                ChangeFields.label(status),
                                Columns.millis(finishedAt),
                                now.toEpochMilli(),
                                id,
                                ChangeFields.label(expected))
                        .update()
                == 1;
    }

    void updateDescription(long id, String version, String description, List<Link> links, Instant now) {
        jdbc.sql("""
                UPDATE changes_change SET version = COALESCE(?, version), description = COALESCE(?, description),
                    links = COALESCE(?, links), updated_at = ? WHERE id = ?""")
                .params(
                        version,
                        description,
                        links == null ? null : JSON.writeValueAsString(links),
                        now.toEpochMilli(),
                        id)
                .update();
    }

    void setVerification(long id, ChangeVerification verification, String summary, Instant at, Instant now) {
        jdbc.sql("""
                UPDATE changes_change SET verification = ?, verification_summary = ?, verification_at = ?,
                    updated_at = ? WHERE id = ?""")
                .params(ChangeFields.label(verification), summary, at.toEpochMilli(), now.toEpochMilli(), id)
                .update();
    }

    void addHistory(
            long changeId,
            Instant at,
            ChangeStatus status,
            ChangeVerification verification,
            String note,
            String actor) {
        jdbc.sql("""
                INSERT INTO changes_history (change_id, at, status, verification, note, actor)
                VALUES (?, ?, ?, ?, ?, ?)""")
                .params(
                        changeId,
                        at.toEpochMilli(),
                        ChangeFields.label(status),
                        ChangeFields.label(verification),
                        note,
                        actor)
                .update();
    }

    /** The recording itself (read from the change row), then every later entry, oldest first. */
    List<ChangeHistoryEntry> history(long changeId) {
        List<ChangeHistoryEntry> history = new ArrayList<>(jdbc.sql(
                        "SELECT created_at, initial_status, source, recorded_by FROM changes_change WHERE id = ?")
                .param(changeId)
                .query((rs, n) -> new ChangeHistoryEntry(
                        Columns.instant(rs, "created_at"),
                        ChangeStatus.valueOf(rs.getString("initial_status").toUpperCase(Locale.ROOT)),
                        ChangeVerification.NONE,
                        "Recorded from " + rs.getString("source") + " as " + rs.getString("initial_status"),
                        rs.getString("recorded_by")))
                .list());
        history.addAll(jdbc.sql("SELECT at, status, verification, note, actor FROM changes_history"
                        + " WHERE change_id = ? ORDER BY id")
                .param(changeId)
                .query((rs, n) -> new ChangeHistoryEntry(
                        Columns.instant(rs, "at"),
                        ChangeStatus.valueOf(rs.getString("status").toUpperCase(Locale.ROOT)),
                        ChangeVerification.valueOf(rs.getString("verification").toUpperCase(Locale.ROOT)),
                        rs.getString("note"),
                        rs.getString("actor")))
                .list());
        return history;
    }

    /** Remembers a webhook delivery; false when it was seen before (a replay). */
    boolean firstDelivery(String source, String deliveryId, Instant now) {
        return jdbc.sql("INSERT INTO changes_delivery (source, delivery_id, received_at) VALUES (?, ?, ?)"
                                + " ON CONFLICT (source, delivery_id) DO NOTHING")
                        .params(source, deliveryId, now.toEpochMilli())
                        .update()
                == 1;
    }

    Optional<String> integrationSecret(String name) {
        return jdbc.sql("SELECT secret FROM changes_integration WHERE name = ?")
                .param(name)
                .query(String.class)
                .optional();
    }

    void saveIntegrationSecret(String name, String sealedSecret, Instant now, String actor) {
        jdbc.sql("""
                INSERT INTO changes_integration (name, secret, updated_at, updated_by) VALUES (?, ?, ?, ?)
                ON CONFLICT (name) DO UPDATE SET secret = excluded.secret, updated_at = excluded.updated_at,
                    updated_by = excluded.updated_by""").params(name, sealedSecret, now.toEpochMilli(), actor).update();
    }

    // Columns by position, in the order of COLUMNS followed by commits and files: by name, each
    // read would first look the name up, which costs as much as reading a short value.
    private static RecordedChange change(ResultSet rs) throws SQLException {
        long finished = rs.getLong(15);
        Instant finishedAt = rs.wasNull() ? null : Instant.ofEpochMilli(finished);
        return new RecordedChange(
                rs.getLong(1),
                rs.getString(3),
                SOURCES.get(rs.getString(2)),
                rs.getString(4),
                rs.getString(5),
                KINDS.get(rs.getString(6)),
                rs.getString(7),
                rs.getString(8),
                rs.getString(9),
                commits(rs.getString(19)),
                files(rs.getString(20)),
                rs.getString(11),
                rs.getString(12),
                links(rs.getString(13)),
                Instant.ofEpochMilli(rs.getLong(14)),
                finishedAt,
                STATUSES.get(rs.getString(16)),
                VERIFICATIONS.get(rs.getString(17)),
                rs.getString(18),
                rs.getInt(10));
    }

    /** Labels to values by comparing with each label: cheaper than hashing a fresh string for a handful of values. */
    private record Labels<E extends Enum<E>>(String[] labels, E[] values) {

        static <E extends Enum<E>> Labels<E> of(Class<E> type) {
            E[] values = type.getEnumConstants();
            String[] labels = new String[values.length];
            for (int i = 0; i < values.length; i++) {
                labels[i] = ChangeFields.label(values[i]);
            }
            return new Labels<>(labels, values);
        }

        E get(String label) {
            for (int i = 0; i < labels.length; i++) {
                if (labels[i].equals(label)) {
                    return values[i];
                }
            }
            throw new IllegalStateException("Unknown stored value '" + label + "'");
        }
    }

    private static List<Commit> commits(String json) {
        if (json == null) {
            return List.of();
        }
        return JSON.readValue(json, COMMITS).stream()
                .map(s -> new Commit(
                        s.sha(), s.message(), s.author(), s.time() == null ? null : Instant.ofEpochMilli(s.time())))
                .toList();
    }

    private static List<String> files(String json) {
        return json == null ? List.of() : JSON.readValue(json, FILES);
    }

    private static List<Link> links(String json) {
        return json == null ? List.of() : JSON.readValue(json, LINKS);
    }

    private static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
