-- Triage: the stored ranking of each incident's suspect changes, and the responders' marks.
-- Timestamps are epoch milliseconds. Incidents and changes belong to other modules, so their ids
-- are kept without foreign keys; what a suspect row shows of its change is copied when ranked.

-- One row per ranked incident: when it was last ranked and which suspect was on top.
CREATE TABLE triage_ranking (
    incident_id   INTEGER PRIMARY KEY,
    ranked_at     INTEGER NOT NULL,
    impact_start  INTEGER NOT NULL,
    candidates    INTEGER NOT NULL,
    top_change_id INTEGER
);

-- The ten most suspect changes before impact ('ranked'), the ten of 'during' the incident, and
-- every change a responder marked (place 0 when it is no longer among the ten).
CREATE TABLE triage_suspect (
    incident_id  INTEGER NOT NULL,
    change_id    INTEGER NOT NULL,
    section      TEXT    NOT NULL CHECK (section IN ('ranked', 'during')),
    place        INTEGER NOT NULL,
    score        REAL    NOT NULL,
    evidence     TEXT    NOT NULL,
    service      TEXT    NOT NULL,
    environment  TEXT,
    kind         TEXT    NOT NULL,
    version      TEXT,
    description  TEXT,
    started_at   INTEGER NOT NULL,
    finished_at  INTEGER,
    verification TEXT    NOT NULL,
    PRIMARY KEY (incident_id, change_id)
);

-- A responder's mark on a change for an incident. Confirmed causes feed the history rule
-- (by service) and the postmortem.
CREATE TABLE triage_mark (
    incident_id INTEGER NOT NULL,
    change_id   INTEGER NOT NULL,
    mark        TEXT    NOT NULL CHECK (mark IN ('confirmed_cause', 'ruled_out')),
    service     TEXT    NOT NULL,
    note        TEXT,
    marked_by   TEXT    NOT NULL,
    marked_at   INTEGER NOT NULL,
    PRIMARY KEY (incident_id, change_id)
);
CREATE INDEX triage_mark_cause ON triage_mark (mark, service);
