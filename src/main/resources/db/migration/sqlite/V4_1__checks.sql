-- Checks: synthetic journeys, their standing, results, hourly aggregates and post-deploy verifications.

CREATE TABLE checks_check (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    name        TEXT    NOT NULL,
    service     TEXT    NOT NULL,
    environment TEXT    NOT NULL,
    interval_ms INTEGER NOT NULL,
    critical    BOOLEAN NOT NULL DEFAULT 0,
    paused      BOOLEAN NOT NULL DEFAULT 0,
    definition  TEXT    NOT NULL, -- the canonical JSON form (CheckFormat.toMap)
    source      TEXT    NOT NULL, -- config, api or ui
    config_file TEXT,
    config_line INTEGER,
    version     INTEGER NOT NULL DEFAULT 1,
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL,
    created_by  TEXT,
    updated_by  TEXT
);
CREATE UNIQUE INDEX checks_check_name ON checks_check (lower(name));
CREATE INDEX checks_check_service ON checks_check (lower(service), lower(environment));

-- One counter bumped by every change of a check or secret, so that every node sees when to reload.
CREATE TABLE checks_revision (
    id       INTEGER PRIMARY KEY CHECK (id = 1),
    revision INTEGER NOT NULL
);
INSERT INTO checks_revision (id, revision) VALUES (1, 0);

CREATE TABLE checks_state (
    check_id              INTEGER PRIMARY KEY REFERENCES checks_check (id) ON DELETE CASCADE,
    status                TEXT    NOT NULL,
    consecutive_failures  INTEGER NOT NULL,
    consecutive_successes INTEGER NOT NULL,
    failing_since         INTEGER,
    changed_at            INTEGER,
    last_result_at        INTEGER,
    last_ok               BOOLEAN,
    last_duration_ms      REAL,
    last_failure          TEXT,
    open_change_id        INTEGER
);

-- Append-heavy: a plain INTEGER PRIMARY KEY (no AUTOINCREMENT bookkeeping per insert).
CREATE TABLE checks_result (
    id              INTEGER PRIMARY KEY,
    check_id        INTEGER NOT NULL REFERENCES checks_check (id) ON DELETE CASCADE,
    started_at      INTEGER NOT NULL,
    scheduled_at    INTEGER,
    duration_ms     REAL    NOT NULL,
    ok              BOOLEAN NOT NULL,
    origin          TEXT    NOT NULL,
    verification_id INTEGER,
    failed_step     TEXT,
    failure         TEXT,
    steps           TEXT    NOT NULL
);
CREATE INDEX checks_result_check_time ON checks_result (check_id, started_at);
CREATE INDEX checks_result_time ON checks_result (started_at);
CREATE INDEX checks_result_verification ON checks_result (verification_id) WHERE verification_id IS NOT NULL;

CREATE TABLE checks_hourly (
    check_id   INTEGER NOT NULL REFERENCES checks_check (id) ON DELETE CASCADE,
    hour_start INTEGER NOT NULL,
    runs       INTEGER NOT NULL,
    failures   INTEGER NOT NULL,
    total_ms   REAL    NOT NULL,
    min_ms     REAL    NOT NULL,
    max_ms     REAL    NOT NULL,
    PRIMARY KEY (check_id, hour_start)
);
CREATE INDEX checks_hourly_time ON checks_hourly (hour_start);

-- How far raw results have been folded into hourly aggregates.
CREATE TABLE checks_rollup (
    name     TEXT    PRIMARY KEY,
    until_ms INTEGER NOT NULL
);

CREATE TABLE checks_secret (
    name       TEXT    PRIMARY KEY,
    sealed     TEXT    NOT NULL,
    updated_at INTEGER NOT NULL,
    updated_by TEXT
);

CREATE TABLE checks_verification (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    change_id          INTEGER NOT NULL UNIQUE,
    service            TEXT    NOT NULL,
    environment        TEXT    NOT NULL,
    change_kind        TEXT    NOT NULL,
    version            TEXT,
    previous_version   TEXT,
    change_label       TEXT    NOT NULL,
    change_finished_at INTEGER NOT NULL,
    started_at         INTEGER NOT NULL,
    ends_at            INTEGER NOT NULL,
    status             TEXT    NOT NULL, -- none, running, passed, failed
    summary            TEXT,
    rounds             INTEGER NOT NULL DEFAULT 0,
    first_pass_at      INTEGER,
    failed_at          INTEGER,
    failed_check_id    INTEGER,
    failure            TEXT,
    ended_at           INTEGER,
    hook_url           TEXT,
    hook_state         TEXT    NOT NULL DEFAULT 'none', -- none, pending, delivered, failed
    hook_attempts      INTEGER NOT NULL DEFAULT 0,
    hook_status_code   INTEGER,
    hook_reply         TEXT,
    hook_error         TEXT,
    hook_called_at     INTEGER,
    updated_at         INTEGER NOT NULL
);
CREATE INDEX checks_verification_running ON checks_verification (status, started_at);

CREATE TABLE checks_verification_check (
    verification_id      INTEGER NOT NULL REFERENCES checks_verification (id) ON DELETE CASCADE,
    check_id             INTEGER NOT NULL,
    check_name           TEXT    NOT NULL,
    critical             BOOLEAN NOT NULL,
    fail_after           INTEGER NOT NULL,
    results              INTEGER NOT NULL DEFAULT 0,
    failures             INTEGER NOT NULL DEFAULT 0,
    consecutive_failures INTEGER NOT NULL DEFAULT 0,
    last_round           INTEGER NOT NULL DEFAULT 0,
    last_ok              BOOLEAN,
    last_result_at       INTEGER,
    last_failure         TEXT,
    PRIMARY KEY (verification_id, check_id)
);
CREATE INDEX checks_verification_check_check ON checks_verification_check (check_id);
