-- The replica of the master's ledger (DESIGN.md flow 6): the whole address space as of
-- replica_position.applied_seq, loaded from the master's snapshot and kept up by the ledger topic.
-- Address keys are 16 bytes (IPv4 as IPv4-mapped IPv6), compared unsigned: one order for both families.

-- One row: how far the replica is. next_offset is the ledger topic offset to read next; NULL right
-- after a snapshot, when the tail finds its start from snapshot_at. master_url and platform_id say
-- whose ledger this is, so a replica of another master is never reused.
CREATE TABLE replica_position (
    id           TINYINT       NOT NULL PRIMARY KEY,
    loaded       BOOLEAN       NOT NULL,
    applied_seq  BIGINT        NOT NULL,
    next_offset  BIGINT        NULL,
    snapshot_at  TIMESTAMP WITH TIME ZONE NULL,
    master_url   VARCHAR(2048) NULL,
    platform_id  VARCHAR(64)   NULL
);
INSERT INTO replica_position (id, loaded, applied_seq) VALUES (1, FALSE, 0);

CREATE TABLE replica_network (
    id          BIGINT        NOT NULL PRIMARY KEY,
    cidr        VARCHAR(64)   NOT NULL,
    name        VARCHAR(255)  NOT NULL,
    family      TINYINT       NOT NULL,
    gateway     VARCHAR(45)   NULL,
    vlan        INT           NULL,
    locations   VARCHAR(8000) NULL,
    note        CLOB          NULL,
    platform_id VARCHAR(64)   NULL,
    first_key   VARBINARY(16) NOT NULL,
    last_key    VARBINARY(16) NOT NULL
);
CREATE INDEX replica_network_first ON replica_network (first_key);

CREATE TABLE replica_pool (
    id          BIGINT        NOT NULL PRIMARY KEY,
    name        VARCHAR(255)  NOT NULL,
    locations   VARCHAR(8000) NULL,
    note        CLOB          NULL,
    platform_id VARCHAR(64)   NULL
);

CREATE TABLE replica_range (
    id         BIGINT        NOT NULL PRIMARY KEY,
    pool_id    BIGINT        NOT NULL,
    network_id BIGINT        NOT NULL,
    start_addr VARCHAR(45)   NOT NULL,
    end_addr   VARCHAR(45)   NOT NULL,
    start_key  VARBINARY(16) NOT NULL,
    end_key    VARBINARY(16) NOT NULL
);
CREATE INDEX replica_range_pool ON replica_range (pool_id, id);
CREATE INDEX replica_range_start ON replica_range (start_key);

-- Only allocated and reserved addresses, as on the master; free and service are computed.
CREATE TABLE replica_address (
    address_key VARBINARY(16) NOT NULL PRIMARY KEY,
    address     VARCHAR(45)   NOT NULL,
    status      VARCHAR(16)   NOT NULL,
    pool_id     BIGINT        NULL,
    network_id  BIGINT        NULL,
    platform_id VARCHAR(64)   NULL
);
CREATE INDEX replica_address_pool ON replica_address (pool_id, address_key);
CREATE INDEX replica_address_network ON replica_address (network_id, address_key);
CREATE INDEX replica_address_status ON replica_address (status, address_key);

-- The locations of networks and pools, one row each, so that visibility to this platform's
-- locations is a query and not a scan of JSON.
CREATE TABLE replica_location (
    kind      VARCHAR(8)   NOT NULL,
    entity_id BIGINT       NOT NULL,
    location  VARCHAR(255) NOT NULL,
    PRIMARY KEY (kind, entity_id, location)
);
