-- Captured changes sent to the master whose receipts have not come yet, in binlog order. They are
-- stored before capture's offsets move past them, so the agent need not wait for each batch's
-- receipts before reading the next, and after a crash sends them again (the master applies an
-- event id once) instead of losing them.
CREATE TABLE capture_outbox (
    id                 BIGINT NOT NULL PRIMARY KEY,
    captured_at_micros BIGINT NOT NULL,
    event              CLOB   NOT NULL
);
