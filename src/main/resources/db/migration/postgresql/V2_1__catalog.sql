CREATE TABLE catalog_service (
    id                     BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name                   TEXT   NOT NULL,
    owner_team             TEXT,
    tier                   INT CHECK (tier BETWEEN 1 AND 4),
    description            TEXT,
    runbook_url            TEXT,
    verification_window_ms BIGINT,
    rollback_hook_url      TEXT,
    rollback_hook_secret   TEXT,
    source                 TEXT   NOT NULL DEFAULT 'auto',
    created_at             BIGINT NOT NULL,
    updated_at             BIGINT NOT NULL
);
CREATE UNIQUE INDEX catalog_service_name ON catalog_service (lower(name));

CREATE TABLE catalog_dependency (
    service_id    BIGINT NOT NULL REFERENCES catalog_service (id) ON DELETE CASCADE,
    depends_on_id BIGINT NOT NULL REFERENCES catalog_service (id) ON DELETE CASCADE,
    PRIMARY KEY (service_id, depends_on_id)
);
