-- The ledger (I3): every committed change, with a gap-free sequence number in commit order.
-- The counter row is updated as the last statement of each writing transaction and stays
-- locked until its commit, so sequence numbers are handed out in commit order, and a rolled
-- back transaction gives its numbers back.
CREATE TABLE ledger_sequence (
    id       TINYINT NOT NULL PRIMARY KEY,
    last_seq BIGINT  NOT NULL
);
INSERT INTO ledger_sequence (id, last_seq) VALUES (1, 0);

CREATE TABLE ledger_outbox (
    seq          BIGINT       NOT NULL PRIMARY KEY,
    type         VARCHAR(64)  NOT NULL,
    entity_key   VARCHAR(128) NOT NULL,
    platform_id  VARCHAR(64)  NOT NULL,
    request_id   VARCHAR(64)  NULL,
    committed_at DATETIME(6)  NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    entity       TEXT         NOT NULL
);

-- How far the publisher has sent the outbox to the ledger topic.
CREATE TABLE ledger_publication (
    id             TINYINT NOT NULL PRIMARY KEY,
    published_seq  BIGINT  NOT NULL
);
INSERT INTO ledger_publication (id, published_seq) VALUES (1, 0);
