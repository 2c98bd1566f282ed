-- The change log. Timestamps are epoch milliseconds. Why each index exists: docs/changes.md.

CREATE TABLE changes_change (
    id                   INTEGER PRIMARY KEY AUTOINCREMENT,
    source               TEXT    NOT NULL,
    external_id          TEXT,
    service              TEXT    NOT NULL,
    environment          TEXT    NOT NULL,
    kind                 TEXT    NOT NULL,
    version              TEXT,
    previous_version     TEXT,
    commit_sha           TEXT,
    commit_count         INTEGER NOT NULL DEFAULT 0,
    file_count           INTEGER NOT NULL DEFAULT 0,
    author               TEXT,
    description          TEXT,
    links                TEXT,
    started_at           INTEGER NOT NULL,
    finished_at          INTEGER,
    status               TEXT    NOT NULL,
    initial_status       TEXT    NOT NULL,
    verification         TEXT    NOT NULL DEFAULT 'none',
    verification_summary TEXT,
    verification_at      INTEGER,
    recorded_by          TEXT    NOT NULL,
    created_at           INTEGER NOT NULL,
    updated_at           INTEGER NOT NULL,
    commits              TEXT,
    files                TEXT,
    CHECK (finished_at IS NULL OR finished_at >= started_at)
);
-- idempotency: one change per (source, external_id); NULL external ids never collide
CREATE UNIQUE INDEX changes_change_external ON changes_change (source, external_id);
-- the timeline (newest first, cursor on started_at, id) and "started inside the window"
CREATE INDEX changes_change_started ON changes_change (started_at, id);
-- changes still in progress or that took longer than an hour: the few that can overlap a window
-- they started long before (a small partial index; its predicate is repeated word for word in the query)
CREATE INDEX changes_change_long ON changes_change (started_at)
    WHERE finished_at IS NULL OR finished_at - started_at > 3600000;
-- one service's history: the last successful deploy, the timeline filtered by service
CREATE INDEX changes_change_service ON changes_change (service, environment, started_at);

-- what happened to each change after it was recorded: status changes, verification reports
-- (the recording itself is read from the change row)
CREATE TABLE changes_history (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    change_id    INTEGER NOT NULL REFERENCES changes_change (id) ON DELETE CASCADE,
    at           INTEGER NOT NULL,
    status       TEXT    NOT NULL,
    verification TEXT    NOT NULL,
    note         TEXT    NOT NULL,
    actor        TEXT    NOT NULL
);
CREATE INDEX changes_history_change ON changes_history (change_id, id);

-- webhook deliveries already handled (GitHub's X-GitHub-Delivery), so a replay records nothing
CREATE TABLE changes_delivery (
    source      TEXT    NOT NULL,
    delivery_id TEXT    NOT NULL,
    received_at INTEGER NOT NULL,
    PRIMARY KEY (source, delivery_id)
);

-- settings of the intake integrations set in the UI or API; secrets sealed with SecretBox
CREATE TABLE changes_integration (
    name       TEXT    PRIMARY KEY,
    secret     TEXT,
    updated_at INTEGER NOT NULL,
    updated_by TEXT    NOT NULL
);
