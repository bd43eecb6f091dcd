-- Migration (flow 3) and change capture (flow 4): what lets both resume after a crash.

-- One migration of the platform's address space. Phases: snapshot (being written; discarded on
-- resume), publishing (chunks stored, being confirmed), deleting (every chunk confirmed, local
-- rows being deleted), done, rejected (the master refused a chunk; nothing deleted locally).
CREATE TABLE migration (
    migration_id     VARCHAR(36)  NOT NULL PRIMARY KEY,
    platform_id      VARCHAR(64)  NOT NULL,
    phase            VARCHAR(16)  NOT NULL,
    chunk_total      INT          NOT NULL DEFAULT 0,
    rows_total       BIGINT       NOT NULL DEFAULT 0,
    rows_deleted     BIGINT       NOT NULL DEFAULT 0,
    error            VARCHAR(64)  NULL,
    message          VARCHAR(4000) NULL,
    started_at       TIMESTAMP    NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at       TIMESTAMP    NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX ix_migration_platform ON migration (platform_id, started_at);

-- The chunks of a migration exactly as sent, so a resumed migration sends the same bytes again.
-- The payload is dropped once the migration is done.
CREATE TABLE migration_chunk (
    migration_id VARCHAR(36) NOT NULL,
    chunk_index  INT         NOT NULL,
    row_count    INT         NOT NULL,
    confirmed    BOOLEAN     NOT NULL DEFAULT FALSE,
    payload      BLOB        NULL,
    PRIMARY KEY (migration_id, chunk_index)
);

-- The rows a migration transferred, as runs of consecutive ids: what it deletes locally at the end.
CREATE TABLE migration_ids (
    migration_id VARCHAR(36) NOT NULL,
    tbl          VARCHAR(16) NOT NULL,
    first_id     BIGINT      NOT NULL,
    last_id      BIGINT      NOT NULL,
    PRIMARY KEY (migration_id, tbl, first_id)
);

-- Rows the agent itself deletes from the platform tables, as runs of consecutive ids, recorded
-- before it deletes them with the binlog position (as a capture sequence) it deletes after: their
-- captured deletes from that position on are not forwarded to the master.
CREATE TABLE own_delete (
    tbl       VARCHAR(16) NOT NULL,
    first_id  BIGINT      NOT NULL,
    last_id   BIGINT      NOT NULL,
    since_seq BIGINT      NOT NULL,
    PRIMARY KEY (tbl, first_id)
);

-- Local rows the master has confirmed that the agent has still to delete: structure rows still
-- referenced by local rows, kept until nothing local references them (foreign keys).
CREATE TABLE pending_local_delete (
    tbl      VARCHAR(16) NOT NULL,
    local_id BIGINT      NOT NULL,
    PRIMARY KEY (tbl, local_id)
);

-- Captured changes the master refused; the local row stays.
CREATE TABLE capture_rejection (
    event_id VARCHAR(200)  NOT NULL PRIMARY KEY,
    tbl      VARCHAR(16)   NOT NULL,
    local_id BIGINT        NOT NULL,
    error    VARCHAR(64)   NOT NULL,
    message  VARCHAR(4000) NULL,
    at       TIMESTAMP     NOT NULL DEFAULT CURRENT_TIMESTAMP
);
