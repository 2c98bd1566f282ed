package dev.pitwall.accounts;

import java.time.Instant;
import java.util.Set;

/**
 * An API token as stored: only a hash of the secret is kept, and {@code prefix} (its first
 * characters) lets people tell tokens apart.
 */
public record ApiToken(
        long id,
        String name,
        String prefix,
        Set<Scope> scopes,
        Long createdBy,
        String createdByName,
        Instant createdAt,
        Instant lastUsedAt,
        Instant revokedAt) {

    public boolean active() {
        return revokedAt == null;
    }

    public String scopeList() {
        return Scope.join(scopes);
    }
}
