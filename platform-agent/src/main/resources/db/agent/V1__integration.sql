-- The agent's own state (H2 under ipledger.data-dir), never the platform's database.
-- Later versions: V2 replica, V3 migration and capture.

-- This agent's identity, generated once; GET /api/v1/info answers with it.
CREATE TABLE agent_instance (
    instance_id VARCHAR(36) NOT NULL PRIMARY KEY,
    created_at  TIMESTAMP   NOT NULL DEFAULT CURRENT_TIMESTAMP
);
INSERT INTO agent_instance (instance_id) VALUES (RANDOM_UUID());

-- One row: where the integration stands, so a restart resumes in any state. The operator's
-- password is never stored; the platform's secret (HMAC key of its Kafka records) and its REST
-- token come from the master at registration and are needed for as long as the platform is joined.
CREATE TABLE integration (
    id                TINYINT       NOT NULL PRIMARY KEY,
    state             VARCHAR(16)   NOT NULL,
    master_url        VARCHAR(2048) NULL,
    platform_id       VARCHAR(64)   NULL,
    platform_secret   VARCHAR(255)  NULL,
    platform_token    VARCHAR(255)  NULL,
    bootstrap_servers VARCHAR(2048) NULL,
    topic_prefix      VARCHAR(255)  NULL,
    error_code        VARCHAR(64)   NULL,
    error_message     VARCHAR(4000) NULL,
    updated_at        TIMESTAMP     NOT NULL DEFAULT CURRENT_TIMESTAMP
);
INSERT INTO integration (id, state) VALUES (1, 'unconfigured');

-- What never leaves the platform (I5): owner names, DNSBL lists and notes of this platform's
-- addresses, moved here from the local ip table by migration and capture, written by the
-- agent's own allocations, shown only to this platform, and given back on detach.
CREATE TABLE local_owner (
    address VARCHAR(45)  NOT NULL PRIMARY KEY,
    owner   VARCHAR(255) NULL,
    dnsbl   CLOB         NULL,
    note    CLOB         NULL
);
