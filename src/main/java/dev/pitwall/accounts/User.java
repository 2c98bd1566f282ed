package dev.pitwall.accounts;

import java.time.Instant;

public record User(long id, String username, Role role, boolean enabled, Instant createdAt) {}
