package dev.pitwall.accounts;

/** What a signed-in user may do in the UI. Admins also manage users and every token. */
public enum Role {
    RESPONDER,
    ADMIN
}
