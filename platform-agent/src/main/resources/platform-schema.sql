-- The platform's own address-space tables, schema v1 (docs/design.md): the reference the tests and
-- the embedded mode create. The agent reads them, migrates them to the master and empties them.
CREATE TABLE IF NOT EXISTS ipnet (
    id        BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    name      VARCHAR(255) NOT NULL,
    addr      VARCHAR(45)  NOT NULL,
    prefix    INT          NOT NULL,
    gateway   VARCHAR(45)  NULL,
    vlan      INT          NULL,
    locations JSON         NULL,
    note      TEXT         NULL
);

CREATE TABLE IF NOT EXISTS ippool (
    id        BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    name      VARCHAR(255) NOT NULL,
    locations JSON         NULL,
    note      TEXT         NULL
);

CREATE TABLE IF NOT EXISTS ippool_range (
    id         BIGINT      NOT NULL AUTO_INCREMENT PRIMARY KEY,
    ippool     BIGINT      NOT NULL,
    ipnet      BIGINT      NULL,
    start_addr VARCHAR(45) NOT NULL,
    end_addr   VARCHAR(45) NOT NULL,
    CONSTRAINT fk_platform_range_pool FOREIGN KEY (ippool) REFERENCES ippool (id),
    CONSTRAINT fk_platform_range_net FOREIGN KEY (ipnet) REFERENCES ipnet (id)
);

CREATE TABLE IF NOT EXISTS ip (
    id     BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    ippool BIGINT       NULL,
    addr   VARCHAR(45)  NOT NULL,
    status VARCHAR(16)  NOT NULL,
    owner  VARCHAR(255) NULL,
    dnsbl  JSON         NULL,
    note   TEXT         NULL,
    CONSTRAINT fk_platform_ip_pool FOREIGN KEY (ippool) REFERENCES ippool (id)
);
