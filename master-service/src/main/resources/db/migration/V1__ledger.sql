-- The master ledger. Works on MySQL 8 and MariaDB 10.11+.
-- Addresses are stored as BINARY(16): IPv6 as is, IPv4 as IPv4-mapped IPv6 (::ffff:a.b.c.d),
-- so that one byte order sorts both families and a range query never mixes them.

CREATE TABLE installation (
    instance_id CHAR(36)    NOT NULL PRIMARY KEY,
    created_at  DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6)
);
INSERT INTO installation (instance_id) VALUES (UUID());

CREATE TABLE platform (
    id          VARCHAR(64)  NOT NULL PRIMARY KEY,
    name        VARCHAR(255) NOT NULL,
    kind        VARCHAR(16)  NOT NULL,
    instance_id VARCHAR(255) NOT NULL,
    locations   JSON         NULL,
    created_at  DATETIME(6)  NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    CONSTRAINT uk_platform_instance UNIQUE (instance_id)
);
-- The master is itself a platform: what its own REST API creates belongs to it.
INSERT INTO platform (id, name, kind, instance_id) VALUES ('master', 'master', 'master', 'master');

-- One row, locked FOR UPDATE by every change to networks, pools and ranges, so that the
-- overlap checks of I2 see every committed structure change across master instances.
CREATE TABLE structure_lock (
    id      TINYINT NOT NULL PRIMARY KEY,
    changes BIGINT  NOT NULL
);
INSERT INTO structure_lock (id, changes) VALUES (1, 0);

CREATE TABLE ipnet (
    id          BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    name        VARCHAR(255) NOT NULL,
    family      TINYINT      NOT NULL,
    addr        VARCHAR(45)  NOT NULL,
    prefix      INT          NOT NULL,
    first_bin   BINARY(16)   NOT NULL,
    last_bin    BINARY(16)   NOT NULL,
    gateway     VARCHAR(45)  NULL,
    vlan        INT          NULL,
    locations   JSON         NULL,
    note        TEXT         NULL,
    platform_id VARCHAR(64)  NOT NULL,
    created_at  DATETIME(6)  NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    CONSTRAINT ck_ipnet_family CHECK (family IN (4, 6)),
    CONSTRAINT ck_ipnet_vlan CHECK (vlan IS NULL OR vlan BETWEEN 1 AND 4094),
    CONSTRAINT uk_ipnet_first UNIQUE (first_bin),
    CONSTRAINT uk_ipnet_last UNIQUE (last_bin),
    CONSTRAINT fk_ipnet_platform FOREIGN KEY (platform_id) REFERENCES platform (id)
);

CREATE TABLE ippool (
    id             BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    name           VARCHAR(255) NOT NULL,
    locations      JSON         NULL,
    note           TEXT         NULL,
    platform_id    VARCHAR(64)  NOT NULL,
    -- Bumped by every committed change of the pool's addresses; the row is the pool's lock.
    version        BIGINT       NOT NULL DEFAULT 0,
    -- Bumped when the pool's ranges or their networks' service addresses change.
    ranges_version BIGINT       NOT NULL DEFAULT 0,
    created_at     DATETIME(6)  NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    CONSTRAINT fk_ippool_platform FOREIGN KEY (platform_id) REFERENCES platform (id)
);

CREATE TABLE ippool_range (
    id          BIGINT      NOT NULL AUTO_INCREMENT PRIMARY KEY,
    ippool      BIGINT      NOT NULL,
    ipnet       BIGINT      NOT NULL,
    start_addr  VARCHAR(45) NOT NULL,
    end_addr    VARCHAR(45) NOT NULL,
    start_bin   BINARY(16)  NOT NULL,
    end_bin     BINARY(16)  NOT NULL,
    platform_id VARCHAR(64) NOT NULL,
    created_at  DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    CONSTRAINT ck_range_order CHECK (start_bin <= end_bin),
    CONSTRAINT uk_range_start UNIQUE (start_bin),
    CONSTRAINT uk_range_end UNIQUE (end_bin),
    CONSTRAINT fk_range_pool FOREIGN KEY (ippool) REFERENCES ippool (id),
    CONSTRAINT fk_range_net FOREIGN KEY (ipnet) REFERENCES ipnet (id),
    CONSTRAINT fk_range_platform FOREIGN KEY (platform_id) REFERENCES platform (id)
);

-- Only allocated and reserved addresses have rows. The primary key on the address is I1:
-- whatever the code does, the database stores an address once.
CREATE TABLE ip (
    addr_bin    BINARY(16)   NOT NULL PRIMARY KEY,
    addr        VARCHAR(45)  NOT NULL,
    family      TINYINT      NOT NULL,
    ipnet       BIGINT       NOT NULL,
    ippool      BIGINT       NULL,
    status      VARCHAR(16)  NOT NULL,
    owner       VARCHAR(255) NULL,
    note        TEXT         NULL,
    platform_id VARCHAR(64)  NOT NULL,
    request_id  VARCHAR(64)  NULL,
    created_at  DATETIME(6)  NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    CONSTRAINT ck_ip_status CHECK (status IN ('allocated', 'reserved')),
    CONSTRAINT fk_ip_net FOREIGN KEY (ipnet) REFERENCES ipnet (id),
    CONSTRAINT fk_ip_pool FOREIGN KEY (ippool) REFERENCES ippool (id),
    CONSTRAINT fk_ip_platform FOREIGN KEY (platform_id) REFERENCES platform (id),
    KEY ix_ip_pool (ippool, addr_bin),
    KEY ix_ip_net (ipnet, addr_bin)
);

-- Per-pool journal of address changes, so a master instance can bring its in-memory
-- free-space index up to date with what another instance committed.
CREATE TABLE ippool_change (
    ippool     BIGINT      NOT NULL,
    version    BIGINT      NOT NULL,
    ordinal    INT         NOT NULL,
    addr_bin   BINARY(16)  NOT NULL,
    used       BOOLEAN     NOT NULL,
    created_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    PRIMARY KEY (ippool, version, ordinal),
    KEY ix_change_created (created_at)
);

-- The processed-command log: the stored answer of every request id (I4).
CREATE TABLE processed_command (
    request_id  VARCHAR(64) NOT NULL PRIMARY KEY,
    fingerprint CHAR(64)    NOT NULL,
    status      INT         NOT NULL,
    response    TEXT        NOT NULL,
    platform_id VARCHAR(64) NOT NULL,
    created_at  DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6)
);

CREATE TABLE auth_user (
    id         BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    email      VARCHAR(255) NOT NULL,
    password   VARCHAR(255) NOT NULL,
    roles      JSON         NOT NULL,
    created_at DATETIME(6)  NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    CONSTRAINT uk_auth_user_email UNIQUE (email)
);

-- Bearer tokens are random; only their SHA-256 is stored.
CREATE TABLE auth_token (
    token_hash CHAR(64)    NOT NULL PRIMARY KEY,
    user_id    BIGINT      NOT NULL,
    expires_at DATETIME(6) NOT NULL,
    created_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    CONSTRAINT fk_token_user FOREIGN KEY (user_id) REFERENCES auth_user (id) ON DELETE CASCADE,
    KEY ix_token_expiry (expires_at)
);
