package dev.pitwall.accounts;

/** A newly created token with its secret, which is shown once and never stored. */
public record CreatedToken(ApiToken token, String secret) {}
