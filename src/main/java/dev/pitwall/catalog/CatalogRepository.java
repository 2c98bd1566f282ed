package dev.pitwall.catalog;

import dev.pitwall.system.Columns;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class CatalogRepository {

    private static final String COLUMNS = """
            id, name, owner_team, tier, description, runbook_url, verification_window_ms, rollback_hook_url,
            rollback_hook_secret, source, created_at, updated_at""";

    private final JdbcClient jdbc;

    CatalogRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Adds the service if no service of that name (in any case) exists; either way returns it. */
    CatalogEntry ensure(String name, Instant now) {
        jdbc.sql("""
                INSERT INTO catalog_service (name, source, created_at, updated_at) VALUES (?, 'auto', ?, ?)
                ON CONFLICT DO NOTHING""").params(name, now.toEpochMilli(), now.toEpochMilli()).update();
        return find(name).orElseThrow();
    }

    Optional<CatalogEntry> find(String name) {
        // Two statements, not a query inside the row mapper: outside a transaction that would need
        // a second connection, and SQLite has exactly one writer.
        Optional<CatalogEntry> found = jdbc.sql(
                        "SELECT " + COLUMNS + " FROM catalog_service WHERE lower(name) = lower(?)")
                .param(name)
                .query((rs, n) -> entry(rs, List.of()))
                .optional();
        return found.map(e -> withDependencies(e, dependencies(e.id())));
    }

    List<CatalogEntry> all() {
        Map<Long, List<String>> dependencies = new HashMap<>();
        jdbc.sql("""
                SELECT d.service_id, s.name FROM catalog_dependency d
                JOIN catalog_service s ON s.id = d.depends_on_id ORDER BY s.name""").query(rs -> {
            dependencies.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getString(2));
        });
        return jdbc.sql("SELECT " + COLUMNS + " FROM catalog_service ORDER BY lower(name)")
                .query((rs, n) -> entry(rs, dependencies.getOrDefault(rs.getLong("id"), List.of())))
                .list();
    }

    /** Every dependency as service name to the names it depends on. */
    Map<String, Set<String>> dependencyGraph() {
        Map<String, Set<String>> graph = new HashMap<>();
        jdbc.sql("""
                SELECT s.name, t.name FROM catalog_dependency d
                JOIN catalog_service s ON s.id = d.service_id
                JOIN catalog_service t ON t.id = d.depends_on_id""").query(rs -> {
            graph.computeIfAbsent(rs.getString(1), k -> new LinkedHashSet<>()).add(rs.getString(2));
        });
        return graph;
    }

    void describe(long id, ServiceDescription d, String sealedSecret, String source, Instant now) {
        jdbc.sql("""
                UPDATE catalog_service SET
                    owner_team = COALESCE(?, owner_team),
                    tier = COALESCE(?, tier),
                    description = COALESCE(?, description),
                    runbook_url = COALESCE(?, runbook_url),
                    verification_window_ms = COALESCE(?, verification_window_ms),
                    rollback_hook_url = COALESCE(?, rollback_hook_url),
                    source = ?,
                    updated_at = ?
                WHERE id = ?""")
                .params(
                        blankToNull(d.ownerTeam()),
                        d.tier(),
                        blankToNull(d.description()),
                        blankToNull(d.runbookUrl()),
                        d.verificationWindow() == null
                                ? null
                                : d.verificationWindow().toMillis(),
                        blankToNull(d.rollbackHookUrl()),
                        source,
                        now.toEpochMilli(),
                        id)
                .update();
        // An empty string clears a field, which COALESCE above cannot express.
        clearIfEmpty(id, "owner_team", d.ownerTeam());
        clearIfEmpty(id, "description", d.description());
        clearIfEmpty(id, "runbook_url", d.runbookUrl());
        clearIfEmpty(id, "rollback_hook_url", d.rollbackHookUrl());
        if (d.rollbackHookSecret() != null) {
            jdbc.sql("UPDATE catalog_service SET rollback_hook_secret = ? WHERE id = ?")
                    .params(sealedSecret, id)
                    .update();
        }
    }

    void replaceDependencies(long id, List<Long> dependsOn) {
        jdbc.sql("DELETE FROM catalog_dependency WHERE service_id = ?")
                .param(id)
                .update();
        for (Long target : new LinkedHashSet<>(dependsOn)) {
            jdbc.sql("INSERT INTO catalog_dependency (service_id, depends_on_id) VALUES (?, ?)")
                    .params(id, target)
                    .update();
        }
    }

    Optional<String> sealedRollbackSecret(long id) {
        return jdbc.sql("SELECT rollback_hook_secret FROM catalog_service WHERE id = ?")
                .param(id)
                .query(String.class)
                .optional();
    }

    /** Services pitwall.yaml no longer declares keep their description but are no longer "from config". */
    void releaseFromConfig(Set<Long> stillDeclared) {
        List<Long> ids = jdbc.sql("SELECT id FROM catalog_service WHERE source = 'config'")
                .query(Long.class)
                .list();
        for (Long id : ids) {
            if (!stillDeclared.contains(id)) {
                jdbc.sql("UPDATE catalog_service SET source = 'ui' WHERE id = ?")
                        .param(id)
                        .update();
            }
        }
    }

    private void clearIfEmpty(long id, String column, String value) {
        if (value != null && value.isBlank()) {
            jdbc.sql("UPDATE catalog_service SET " + column + " = NULL WHERE id = ?")
                    .param(id)
                    .update();
        }
    }

    private List<String> dependencies(long id) {
        return jdbc.sql("""
                SELECT s.name FROM catalog_dependency d JOIN catalog_service s ON s.id = d.depends_on_id
                WHERE d.service_id = ? ORDER BY s.name""").param(id).query(String.class).list();
    }

    private static CatalogEntry withDependencies(CatalogEntry e, List<String> dependsOn) {
        return new CatalogEntry(
                e.id(),
                e.name(),
                e.ownerTeam(),
                e.tier(),
                e.description(),
                e.runbookUrl(),
                e.verificationWindow(),
                List.copyOf(dependsOn),
                e.rollbackHookUrl(),
                e.rollbackHookSecretSet(),
                e.source(),
                e.createdAt(),
                e.updatedAt());
    }

    private static CatalogEntry entry(ResultSet rs, List<String> dependsOn) throws SQLException {
        Long window = Columns.nullableLong(rs, "verification_window_ms");
        return new CatalogEntry(
                rs.getLong("id"),
                rs.getString("name"),
                rs.getString("owner_team"),
                Columns.nullableInt(rs, "tier"),
                rs.getString("description"),
                rs.getString("runbook_url"),
                window == null ? CatalogEntry.DEFAULT_VERIFICATION_WINDOW : Duration.ofMillis(window),
                List.copyOf(dependsOn),
                rs.getString("rollback_hook_url"),
                rs.getString("rollback_hook_secret") != null,
                rs.getString("source"),
                Columns.instant(rs, "created_at"),
                Columns.instant(rs, "updated_at"));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
