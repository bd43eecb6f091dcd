-- The ledger (I3). A transaction that changes the address space adds its entries here; they
-- get their ledger sequence number afterwards, from the single sequencer, in outbox id order.
-- Transactions that touch the same entity are serialised by its row locks before they insert
-- here, so id order is their commit order; unrelated transactions commit in parallel instead
-- of queueing behind one counter row.
CREATE TABLE ledger_outbox (
    id           BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    seq          BIGINT       NULL,
    type         VARCHAR(64)  NOT NULL,
    entity_key   VARCHAR(128) NOT NULL,
    platform_id  VARCHAR(64)  NOT NULL,
    request_id   VARCHAR(64)  NULL,
    committed_at DATETIME(6)  NOT NULL,
    entity       TEXT         NOT NULL,
    CONSTRAINT uk_outbox_seq UNIQUE (seq)
);

-- The sequencer's position; the row is its lock across instances.
CREATE TABLE ledger_position (
    id             TINYINT NOT NULL PRIMARY KEY,
    last_outbox_id BIGINT  NOT NULL,
    last_seq       BIGINT  NOT NULL
);
INSERT INTO ledger_position (id, last_outbox_id, last_seq) VALUES (1, 0, 0);

-- The publisher's position on the ledger topic; the row is its lock across instances.
CREATE TABLE ledger_publication (
    id            TINYINT NOT NULL PRIMARY KEY,
    published_seq BIGINT  NOT NULL
);
INSERT INTO ledger_publication (id, published_seq) VALUES (1, 0);
