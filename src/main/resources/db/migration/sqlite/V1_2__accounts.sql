CREATE TABLE accounts_user (
    id                  INTEGER PRIMARY KEY AUTOINCREMENT,
    username            TEXT    NOT NULL,
    password_hash       TEXT    NOT NULL,
    role                TEXT    NOT NULL CHECK (role IN ('RESPONDER', 'ADMIN')),
    enabled             BOOLEAN NOT NULL DEFAULT 1,
    created_at          INTEGER NOT NULL,
    password_changed_at INTEGER
);
CREATE UNIQUE INDEX accounts_user_username ON accounts_user (lower(username));

CREATE TABLE accounts_token (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    name         TEXT    NOT NULL,
    token_hash   TEXT    NOT NULL UNIQUE,
    prefix       TEXT    NOT NULL,
    scopes       TEXT    NOT NULL,
    created_by   INTEGER REFERENCES accounts_user (id),
    created_at   INTEGER NOT NULL,
    last_used_at INTEGER,
    revoked_at   INTEGER
);
CREATE INDEX accounts_token_created_by ON accounts_token (created_by);
