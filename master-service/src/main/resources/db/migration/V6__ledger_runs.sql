-- The sequencer numbers runs of consecutive outbox ids: the entry with id i in a run has
-- seq = first_seq + (i - first_outbox_id). One small row per run instead of an update of every
-- entry: numbering a migration chunk of thousands of entries was rewriting each of them (and
-- logging each twice in the binlog).
CREATE TABLE ledger_run (
    first_seq       BIGINT NOT NULL PRIMARY KEY,
    first_outbox_id BIGINT NOT NULL,
    last_outbox_id  BIGINT NOT NULL,
    CONSTRAINT uk_run_first_outbox_id UNIQUE (first_outbox_id)
);

-- Entries numbered before: a run of one each.
INSERT INTO ledger_run (first_seq, first_outbox_id, last_outbox_id)
SELECT seq, id, id FROM ledger_outbox WHERE seq IS NOT NULL;

ALTER TABLE ledger_outbox DROP INDEX uk_outbox_seq;
ALTER TABLE ledger_outbox DROP COLUMN seq;

-- The numbered ledger as operators and tests read it.
CREATE VIEW ledger_entry AS
SELECT r.first_seq + (o.id - r.first_outbox_id) AS seq, o.id AS outbox_id, o.type, o.entity_key, o.platform_id,
       o.request_id, o.committed_at, o.entity
FROM ledger_run r JOIN ledger_outbox o ON o.id BETWEEN r.first_outbox_id AND r.last_outbox_id;
