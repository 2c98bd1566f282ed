package dev.pitwall.accounts;

import dev.pitwall.system.Columns;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class AccountRepository {

    record Credentials(User user, String passwordHash) {}

    private static final String TOKEN_COLUMNS = """
            t.id, t.name, t.prefix, t.scopes, t.created_by, u.username AS created_by_name,
            t.created_at, t.last_used_at, t.revoked_at""";

    private final JdbcClient jdbc;

    AccountRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long countUsers() {
        return jdbc.sql("SELECT count(*) FROM accounts_user").query(Long.class).single();
    }

    User insertUser(String username, String passwordHash, Role role, Instant now) {
        long id = jdbc.sql("""
                INSERT INTO accounts_user (username, password_hash, role, enabled, created_at, password_changed_at)
                VALUES (?, ?, ?, ?, ?, ?) RETURNING id""")
                .params(username, passwordHash, role.name(), true, now.toEpochMilli(), now.toEpochMilli())
                .query(Long.class)
                .single();
        return new User(id, username, role, true, now);
    }

    boolean usernameTaken(String username) {
        return jdbc.sql("SELECT count(*) FROM accounts_user WHERE lower(username) = lower(?)")
                        .param(username)
                        .query(Long.class)
                        .single()
                > 0;
    }

    Optional<Credentials> credentials(String username) {
        return jdbc.sql("""
                SELECT id, username, role, enabled, created_at, password_hash
                FROM accounts_user WHERE username = ?""")
                .param(username)
                .query((rs, n) -> new Credentials(user(rs), rs.getString("password_hash")))
                .optional();
    }

    Optional<User> user(long id) {
        return jdbc.sql("SELECT id, username, role, enabled, created_at FROM accounts_user WHERE id = ?")
                .param(id)
                .query((rs, n) -> user(rs))
                .optional();
    }

    List<User> users() {
        return jdbc.sql("SELECT id, username, role, enabled, created_at FROM accounts_user ORDER BY username")
                .query((rs, n) -> user(rs))
                .list();
    }

    void updateRole(long id, Role role) {
        jdbc.sql("UPDATE accounts_user SET role = ? WHERE id = ?")
                .params(role.name(), id)
                .update();
    }

    void updateEnabled(long id, boolean enabled) {
        jdbc.sql("UPDATE accounts_user SET enabled = ? WHERE id = ?")
                .params(enabled, id)
                .update();
    }

    void updatePassword(long id, String passwordHash, Instant now) {
        jdbc.sql("UPDATE accounts_user SET password_hash = ?, password_changed_at = ? WHERE id = ?")
                .params(passwordHash, now.toEpochMilli(), id)
                .update();
    }

    long countEnabledAdmins() {
        return jdbc.sql("SELECT count(*) FROM accounts_user WHERE role = 'ADMIN' AND enabled = ?")
                .param(true)
                .query(Long.class)
                .single();
    }

    ApiToken insertToken(String name, String hash, String prefix, String scopes, Long createdBy, Instant now) {
        long id = jdbc.sql("""
                INSERT INTO accounts_token (name, token_hash, prefix, scopes, created_by, created_at)
                VALUES (?, ?, ?, ?, ?, ?) RETURNING id""")
                .params(name, hash, prefix, scopes, createdBy, now.toEpochMilli())
                .query(Long.class)
                .single();
        return token(id).orElseThrow();
    }

    Optional<ApiToken> token(long id) {
        return jdbc.sql("SELECT " + TOKEN_COLUMNS
                        + " FROM accounts_token t LEFT JOIN accounts_user u ON u.id = t.created_by WHERE t.id = ?")
                .param(id)
                .query((rs, n) -> token(rs))
                .optional();
    }

    /** The active token with this hash whose creator (if any) is still enabled. */
    Optional<TokenPrincipal> activeToken(String hash) {
        return jdbc.sql("""
                SELECT t.id, t.name, t.scopes, t.created_by FROM accounts_token t
                LEFT JOIN accounts_user u ON u.id = t.created_by
                WHERE t.token_hash = ? AND t.revoked_at IS NULL AND (u.id IS NULL OR u.enabled = ?)""")
                .params(hash, true)
                .query((rs, n) -> new TokenPrincipal(
                        rs.getLong("id"),
                        rs.getString("name"),
                        Scope.split(rs.getString("scopes")),
                        Columns.nullableLong(rs, "created_by")))
                .optional();
    }

    List<ApiToken> tokens() {
        return jdbc.sql("SELECT " + TOKEN_COLUMNS
                        + " FROM accounts_token t LEFT JOIN accounts_user u ON u.id = t.created_by"
                        + " ORDER BY t.revoked_at IS NOT NULL, t.created_at DESC, t.id DESC")
                .query((rs, n) -> token(rs))
                .list();
    }

    List<ApiToken> tokensCreatedBy(long userId) {
        return jdbc.sql("SELECT " + TOKEN_COLUMNS
                        + " FROM accounts_token t LEFT JOIN accounts_user u ON u.id = t.created_by"
                        + " WHERE t.created_by = ? ORDER BY t.revoked_at IS NOT NULL, t.created_at DESC, t.id DESC")
                .param(userId)
                .query((rs, n) -> token(rs))
                .list();
    }

    boolean revokeToken(long id, Instant now) {
        return jdbc.sql("UPDATE accounts_token SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL")
                        .params(now.toEpochMilli(), id)
                        .update()
                == 1;
    }

    void touchToken(long id, Instant now) {
        jdbc.sql("UPDATE accounts_token SET last_used_at = ? WHERE id = ?")
                .params(now.toEpochMilli(), id)
                .update();
    }

    private static User user(ResultSet rs) throws SQLException {
        return new User(
                rs.getLong("id"),
                rs.getString("username"),
                Role.valueOf(rs.getString("role")),
                rs.getBoolean("enabled"),
                Instant.ofEpochMilli(rs.getLong("created_at")));
    }

    private static ApiToken token(ResultSet rs) throws SQLException {
        return new ApiToken(
                rs.getLong("id"),
                rs.getString("name"),
                rs.getString("prefix"),
                Scope.split(rs.getString("scopes")),
                Columns.nullableLong(rs, "created_by"),
                rs.getString("created_by_name"),
                Instant.ofEpochMilli(rs.getLong("created_at")),
                Columns.nullableInstant(rs, "last_used_at"),
                Columns.nullableInstant(rs, "revoked_at"));
    }
}
