-- Incidents: signals grouped into incidents, their timeline, status updates and notifications.
-- Timestamps are epoch milliseconds (BIGINT).

CREATE TABLE incidents_incident (
    id                  BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    title               TEXT    NOT NULL,
    summary             TEXT,
    severity            TEXT    NOT NULL CHECK (severity IN ('SEV1', 'SEV2', 'SEV3', 'SEV4')),
    severity_by_human   BOOLEAN NOT NULL DEFAULT FALSE,
    status              TEXT    NOT NULL,
    environment         TEXT,
    detection_source    TEXT    NOT NULL,
    lead                TEXT,
    communications      TEXT,
    scribe              TEXT,
    impact_started_at   BIGINT NOT NULL,
    impact_start_edited BOOLEAN NOT NULL DEFAULT FALSE,
    detected_at         BIGINT NOT NULL,
    acknowledged_at     BIGINT,
    mitigated_at        BIGINT,
    resolved_at         BIGINT,
    closed_at           BIGINT,
    quiet_since         BIGINT,
    created_by          TEXT    NOT NULL,
    updated_at          BIGINT NOT NULL
);
CREATE INDEX incidents_incident_status ON incidents_incident (status);
CREATE INDEX incidents_incident_detected ON incidents_incident (detected_at);

CREATE TABLE incidents_service (
    incident_id BIGINT NOT NULL REFERENCES incidents_incident (id) ON DELETE CASCADE,
    service     TEXT    NOT NULL,
    PRIMARY KEY (incident_id, service)
);
CREATE INDEX incidents_service_name ON incidents_service (lower(service));

-- What incidents keep of each signal they have seen, updated from SignalsUpdated. incident_id is
-- the incident the signal belongs to now (null while a rule holds it back).
CREATE TABLE incidents_signal (
    signal_id          BIGINT PRIMARY KEY,
    incident_id        BIGINT REFERENCES incidents_incident (id),
    fingerprint        TEXT    NOT NULL,
    source             TEXT    NOT NULL,
    severity           TEXT    NOT NULL,
    status             TEXT    NOT NULL,
    title              TEXT    NOT NULL,
    description        TEXT,
    service            TEXT,
    environment        TEXT,
    labels             TEXT,
    group_key          TEXT,
    customer_id        TEXT,
    report_text        TEXT,
    customers_affected BIGINT,
    widespread         BOOLEAN NOT NULL DEFAULT FALSE,
    check_name         TEXT,
    check_url          TEXT,
    change_id          BIGINT,
    change_text        TEXT,
    signal_count       BIGINT NOT NULL,
    started_at         BIGINT NOT NULL,
    first_seen_at      BIGINT NOT NULL,
    last_seen_at       BIGINT NOT NULL,
    resolved_at        BIGINT
);
CREATE INDEX incidents_signal_incident ON incidents_signal (incident_id);
CREATE INDEX incidents_signal_pending ON incidents_signal (group_key, last_seen_at) WHERE incident_id IS NULL;

-- Every incident a signal was ever part of (a signal that fires again after its incident was
-- resolved may join a new one).
CREATE TABLE incidents_link (
    incident_id BIGINT NOT NULL REFERENCES incidents_incident (id) ON DELETE CASCADE,
    signal_id   BIGINT NOT NULL,
    attached_at BIGINT NOT NULL,
    reason      TEXT    NOT NULL,
    PRIMARY KEY (incident_id, signal_id)
);
CREATE INDEX incidents_link_signal ON incidents_link (signal_id);

CREATE TABLE incidents_timeline (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    incident_id BIGINT NOT NULL REFERENCES incidents_incident (id) ON DELETE CASCADE,
    at          BIGINT NOT NULL,
    kind        TEXT    NOT NULL,
    text        TEXT    NOT NULL,
    actor_kind  TEXT    NOT NULL,
    actor_id    TEXT    NOT NULL,
    actor_name  TEXT    NOT NULL,
    pinned      BOOLEAN NOT NULL DEFAULT FALSE
);
CREATE INDEX incidents_timeline_incident ON incidents_timeline (incident_id, id);

CREATE TABLE incidents_update (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    incident_id BIGINT NOT NULL REFERENCES incidents_incident (id) ON DELETE CASCADE,
    at          BIGINT NOT NULL,
    status      TEXT    NOT NULL,
    body        TEXT    NOT NULL,
    public      BOOLEAN NOT NULL,
    actor_name  TEXT    NOT NULL
);
CREATE INDEX incidents_update_incident ON incidents_update (incident_id, id);

-- The grouping rules in force (one row); pitwall.yaml or the settings page writes it.
CREATE TABLE incidents_rules (
    id                   INT PRIMARY KEY CHECK (id = 1),
    follow_dependencies  BOOLEAN NOT NULL,
    warning_count        BIGINT NOT NULL,
    warning_window_ms    BIGINT NOT NULL,
    report_customers     BIGINT NOT NULL,
    report_window_ms     BIGINT NOT NULL,
    report_similarity    BIGINT NOT NULL,
    auto_resolve_ms      BIGINT NOT NULL,
    source               TEXT    NOT NULL,
    updated_by           TEXT    NOT NULL,
    updated_at           BIGINT NOT NULL
);

CREATE TABLE incidents_target (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name         TEXT    NOT NULL,
    channel      TEXT    NOT NULL CHECK (channel IN ('slack', 'webhook', 'email')),
    url_sealed   TEXT,
    url_display  TEXT,
    secret_sealed TEXT,
    recipients   TEXT,
    services     TEXT    NOT NULL,
    events       TEXT    NOT NULL,
    min_severity TEXT    NOT NULL,
    enabled      BOOLEAN NOT NULL DEFAULT TRUE,
    source       TEXT    NOT NULL,
    created_at   BIGINT NOT NULL,
    updated_at   BIGINT NOT NULL
);
CREATE UNIQUE INDEX incidents_target_name ON incidents_target (lower(name));

-- The notification outbox: one row per target and event, delivered and retried by a worker.
CREATE TABLE incidents_delivery (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    target_id       BIGINT NOT NULL REFERENCES incidents_target (id) ON DELETE CASCADE,
    incident_id     BIGINT NOT NULL,
    event           TEXT    NOT NULL,
    payload         TEXT    NOT NULL,
    state           TEXT    NOT NULL CHECK (state IN ('pending', 'delivered', 'failed')),
    attempts        BIGINT NOT NULL DEFAULT 0,
    next_attempt_at BIGINT NOT NULL,
    locked_until    BIGINT,
    last_error      TEXT,
    created_at      BIGINT NOT NULL,
    delivered_at    BIGINT
);
CREATE INDEX incidents_delivery_due ON incidents_delivery (state, next_attempt_at);
CREATE INDEX incidents_delivery_incident ON incidents_delivery (incident_id);

CREATE TABLE incidents_attempt (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    delivery_id BIGINT NOT NULL REFERENCES incidents_delivery (id) ON DELETE CASCADE,
    at          BIGINT NOT NULL,
    ok          BOOLEAN NOT NULL,
    detail      TEXT    NOT NULL,
    duration_ms BIGINT NOT NULL
);
CREATE INDEX incidents_attempt_delivery ON incidents_attempt (delivery_id);
