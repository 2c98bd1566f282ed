CREATE TABLE accounts_user (
    id                  BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    username            TEXT    NOT NULL,
    password_hash       TEXT    NOT NULL,
    role                TEXT    NOT NULL CHECK (role IN ('RESPONDER', 'ADMIN')),
    enabled             BOOLEAN NOT NULL DEFAULT TRUE,
    created_at          BIGINT  NOT NULL,
    password_changed_at BIGINT
);
CREATE UNIQUE INDEX accounts_user_username ON accounts_user (lower(username));

CREATE TABLE accounts_token (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name         TEXT   NOT NULL,
    token_hash   TEXT   NOT NULL UNIQUE,
    prefix       TEXT   NOT NULL,
    scopes       TEXT   NOT NULL,
    created_by   BIGINT REFERENCES accounts_user (id),
    created_at   BIGINT NOT NULL,
    last_used_at BIGINT,
    revoked_at   BIGINT
);
CREATE INDEX accounts_token_created_by ON accounts_token (created_by);
