-- Change events and migration chunks of joined platforms.

-- The processed-change log: the outcome and the exact receipt of every change event and
-- migration chunk, so a redelivered one has no second effect and gets the same receipt again.
-- Rows with ok = FALSE are the platform's conflicts.
CREATE TABLE processed_change (
    event_id     VARCHAR(200) NOT NULL PRIMARY KEY,
    platform_id  VARCHAR(64)  NOT NULL,
    kind         VARCHAR(16)  NOT NULL,
    ok           BOOLEAN      NOT NULL,
    error        VARCHAR(64)  NULL,
    message      TEXT         NULL,
    receipt      MEDIUMTEXT   NOT NULL,
    processed_at DATETIME(6)  NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    KEY ix_processed_change_platform (platform_id, ok, processed_at)
);

-- Which master row a platform's local row became (or merged into): ipnet, ippool, ippool_range.
-- Addresses need no mapping: an ip row is its address.
CREATE TABLE platform_row (
    platform_id VARCHAR(64) NOT NULL,
    tbl         VARCHAR(16) NOT NULL,
    local_id    BIGINT      NOT NULL,
    master_id   BIGINT      NOT NULL,
    -- The local network merged into an existing master network that the platform does not own.
    merged      BOOLEAN     NOT NULL DEFAULT FALSE,
    PRIMARY KEY (platform_id, tbl, local_id),
    KEY ix_platform_row_master (tbl, master_id),
    CONSTRAINT fk_platform_row_platform FOREIGN KEY (platform_id) REFERENCES platform (id)
);

-- Bearer tokens of platforms (role @platform), handed out at registration; only the SHA-256 is stored.
CREATE TABLE platform_token (
    token_hash  CHAR(64)    NOT NULL PRIMARY KEY,
    platform_id VARCHAR(64) NOT NULL,
    created_at  DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    KEY ix_platform_token_platform (platform_id),
    CONSTRAINT fk_platform_token_platform FOREIGN KEY (platform_id) REFERENCES platform (id)
);

-- A platform's event id (up to 200 characters) is the request id of the ledger entries it caused.
ALTER TABLE ledger_outbox MODIFY request_id VARCHAR(200) NULL;
