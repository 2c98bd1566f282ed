-- Timestamps are epoch milliseconds (BIGINT) in every Pitwall table, in both dialects.

CREATE TABLE system_outbox (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    listener     TEXT   NOT NULL,
    event_type   TEXT   NOT NULL,
    payload      TEXT   NOT NULL,
    created_at   BIGINT NOT NULL,
    available_at BIGINT NOT NULL,
    attempts     INT    NOT NULL DEFAULT 0,
    last_error   TEXT
);
CREATE INDEX system_outbox_due ON system_outbox (available_at, id);

-- db-scheduler's table (its own layout, shared by every module's scheduled work)
CREATE TABLE scheduled_tasks (
    task_name            TEXT    NOT NULL,
    task_instance        TEXT    NOT NULL,
    task_data            BYTEA,
    execution_time       TIMESTAMP WITH TIME ZONE,
    picked               BOOLEAN NOT NULL,
    picked_by            TEXT,
    last_success         TIMESTAMP WITH TIME ZONE,
    last_failure         TIMESTAMP WITH TIME ZONE,
    consecutive_failures INT,
    last_heartbeat       TIMESTAMP WITH TIME ZONE,
    version              BIGINT  NOT NULL,
    priority             SMALLINT,
    state                TEXT,
    PRIMARY KEY (task_name, task_instance)
);
CREATE INDEX scheduled_tasks_execution_time ON scheduled_tasks (execution_time);
CREATE INDEX scheduled_tasks_last_heartbeat ON scheduled_tasks (last_heartbeat);
CREATE INDEX scheduled_tasks_priority_execution_time ON scheduled_tasks (priority DESC, execution_time ASC);
