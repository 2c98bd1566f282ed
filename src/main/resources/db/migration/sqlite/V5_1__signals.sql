-- One row per fingerprint: repeats update it. Only the fingerprint is indexed besides the id: every
-- other index would be rewritten by each repeat (last_seen_at, seen_count change every time).
-- Enum values are stored as their lower-case labels;
-- labels is a JSON object, links and images JSON arrays, details the sender's own JSON.
CREATE TABLE signals_signal (
    id                        INTEGER PRIMARY KEY AUTOINCREMENT,
    fingerprint               TEXT    NOT NULL,
    source                    TEXT    NOT NULL,
    status                    TEXT    NOT NULL,
    severity                  TEXT    NOT NULL,
    title                     TEXT    NOT NULL,
    description               TEXT,
    service                   TEXT,
    environment               TEXT,
    labels                    TEXT    NOT NULL DEFAULT '{}',
    links                     TEXT    NOT NULL DEFAULT '[]',
    images                    TEXT    NOT NULL DEFAULT '[]',
    details                   TEXT,
    started_at                INTEGER NOT NULL,
    first_seen_at             INTEGER NOT NULL,
    last_seen_at              INTEGER NOT NULL,
    acknowledged_at           INTEGER,
    resolved_at               INTEGER,
    seen_count                INTEGER NOT NULL,
    report_customer           TEXT,
    report_text               TEXT,
    report_customers_affected INTEGER,
    report_widespread         BOOLEAN,
    check_id                  INTEGER,
    check_name                TEXT,
    check_url                 TEXT,
    check_critical            BOOLEAN,
    check_reason              TEXT,
    check_change_id           INTEGER,
    check_change              TEXT,
    check_change_finished_at  INTEGER
);
CREATE UNIQUE INDEX signals_signal_fingerprint ON signals_signal (fingerprint);

-- How far the fold has come through the intake log (a separate file, intake.db, on SQLite):
-- updated in the fold's own transaction, so every entry is folded exactly once.
CREATE TABLE signals_fold_state (
    id       INTEGER PRIMARY KEY CHECK (id = 1),
    position INTEGER NOT NULL
);
INSERT INTO signals_fold_state (id, position) VALUES (1, 0);

-- Intake entries that could not be folded after retries: kept, never silently dropped.
CREATE TABLE signals_intake_rejected (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    position    INTEGER NOT NULL,
    records     BLOB    NOT NULL,
    error       TEXT    NOT NULL,
    rejected_at INTEGER NOT NULL
);
