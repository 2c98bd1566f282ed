-- Timestamps are epoch milliseconds (INTEGER) in every Pitwall table, in both dialects.

CREATE TABLE system_outbox (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    listener     TEXT    NOT NULL,
    event_type   TEXT    NOT NULL,
    payload      TEXT    NOT NULL,
    created_at   INTEGER NOT NULL,
    available_at INTEGER NOT NULL,
    attempts     INTEGER NOT NULL DEFAULT 0,
    last_error   TEXT
);
CREATE INDEX system_outbox_due ON system_outbox (available_at, id);

-- db-scheduler's table (its own layout, shared by every module's scheduled work)
CREATE TABLE scheduled_tasks (
    task_name            TEXT    NOT NULL,
    task_instance        TEXT    NOT NULL,
    task_data            BLOB,
    execution_time       TIMESTAMP,
    picked               BOOLEAN NOT NULL DEFAULT 0,
    picked_by            TEXT,
    last_success         TIMESTAMP,
    last_failure         TIMESTAMP,
    consecutive_failures INTEGER,
    last_heartbeat       TIMESTAMP,
    version              BIGINT  NOT NULL DEFAULT 1,
    priority             SMALLINT,
    state                TEXT,
    PRIMARY KEY (task_name, task_instance)
);
CREATE INDEX scheduled_tasks_execution_time ON scheduled_tasks (execution_time);
CREATE INDEX scheduled_tasks_last_heartbeat ON scheduled_tasks (last_heartbeat);
CREATE INDEX scheduled_tasks_priority_execution_time ON scheduled_tasks (priority DESC, execution_time ASC);
