-- Postmortems: drafts made from the incident record, what the team writes, the blameless review's
-- dismissed findings, and action items (safeguards become checks). Timestamps are epoch milliseconds.
-- incident_id and check_id name rows of other modules, which own them: no foreign keys across modules.

CREATE TABLE postmortems_postmortem (
    id                      INTEGER PRIMARY KEY AUTOINCREMENT,
    incident_id             INTEGER NOT NULL UNIQUE,
    status                  TEXT    NOT NULL CHECK (status IN ('draft', 'in_review', 'published')),
    title                   TEXT    NOT NULL,
    summary                 TEXT,
    went_well               TEXT,
    lucky                   TEXT,
    learned                 TEXT,
    created_at              INTEGER NOT NULL,
    created_by              TEXT    NOT NULL,
    updated_at              INTEGER NOT NULL,
    updated_by              TEXT    NOT NULL,
    submitted_at            INTEGER,
    published_at            INTEGER,
    published_by            TEXT,
    published_anyway_reason TEXT,
    findings_at_publication INTEGER
);
CREATE INDEX postmortems_postmortem_status ON postmortems_postmortem (status, updated_at);

-- Contributing factors: a list, never one "root cause".
CREATE TABLE postmortems_factor (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    postmortem_id INTEGER NOT NULL REFERENCES postmortems_postmortem (id) ON DELETE CASCADE,
    text          TEXT    NOT NULL,
    created_by    TEXT    NOT NULL,
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL
);
CREATE INDEX postmortems_factor_postmortem ON postmortems_factor (postmortem_id, id);

-- First-person accounts: what I saw, what I expected, what I did. One per author and postmortem.
CREATE TABLE postmortems_account (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    postmortem_id INTEGER NOT NULL REFERENCES postmortems_postmortem (id) ON DELETE CASCADE,
    author        TEXT    NOT NULL,
    saw           TEXT,
    expected      TEXT,
    did           TEXT,
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL,
    UNIQUE (postmortem_id, author)
);

-- How the postmortem shows an incident timeline entry (key moment, shown, hidden) and the note a
-- writer added to it. The entry itself belongs to incidents and is never rewritten.
CREATE TABLE postmortems_timeline_choice (
    postmortem_id INTEGER NOT NULL REFERENCES postmortems_postmortem (id) ON DELETE CASCADE,
    entry_id      INTEGER NOT NULL,
    state         TEXT    NOT NULL CHECK (state IN ('key', 'shown', 'hidden')),
    annotation    TEXT,
    updated_by    TEXT    NOT NULL,
    updated_at    INTEGER NOT NULL,
    PRIMARY KEY (postmortem_id, entry_id)
);

-- Blameless-review findings a person dismissed, with why; they survive re-runs of the review.
CREATE TABLE postmortems_dismissal (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    postmortem_id INTEGER NOT NULL REFERENCES postmortems_postmortem (id) ON DELETE CASCADE,
    finding_key   TEXT    NOT NULL,
    rule          TEXT    NOT NULL,
    location      TEXT    NOT NULL,
    phrase        TEXT    NOT NULL,
    reason        TEXT    NOT NULL,
    dismissed_by  TEXT    NOT NULL,
    dismissed_at  INTEGER NOT NULL,
    UNIQUE (postmortem_id, finding_key)
);

-- What happened to a postmortem: created, submitted, published (anyway), items done by Pitwall.
CREATE TABLE postmortems_history (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    postmortem_id INTEGER NOT NULL REFERENCES postmortems_postmortem (id) ON DELETE CASCADE,
    at            INTEGER NOT NULL,
    kind          TEXT    NOT NULL,
    text          TEXT    NOT NULL,
    actor         TEXT    NOT NULL
);
CREATE INDEX postmortems_history_postmortem ON postmortems_history (postmortem_id, id);

CREATE TABLE postmortems_action_item (
    id                  INTEGER PRIMARY KEY AUTOINCREMENT,
    postmortem_id       INTEGER NOT NULL REFERENCES postmortems_postmortem (id) ON DELETE CASCADE,
    incident_id         INTEGER NOT NULL,
    title               TEXT    NOT NULL,
    kind                TEXT    NOT NULL CHECK (kind IN ('safeguard-check', 'test', 'fix', 'process', 'docs')),
    owner               TEXT,
    due_on              TEXT,
    status              TEXT    NOT NULL CHECK (status IN ('open', 'in_progress', 'done', 'cancelled')),
    link                TEXT,
    check_id            INTEGER,
    check_name          TEXT,
    check_linked_at     INTEGER,
    done_at             INTEGER,
    done_by             TEXT,
    done_reason         TEXT,
    overdue_notified_on TEXT,
    created_at          INTEGER NOT NULL,
    created_by          TEXT    NOT NULL,
    updated_at          INTEGER NOT NULL,
    updated_by          TEXT    NOT NULL
);
CREATE INDEX postmortems_action_item_postmortem ON postmortems_action_item (postmortem_id, id);
CREATE INDEX postmortems_action_item_open ON postmortems_action_item (status, due_on);
CREATE INDEX postmortems_action_item_check ON postmortems_action_item (check_id);
