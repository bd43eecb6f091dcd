-- The pool journal packs each pool version's changes into one row (per 4,096): an entry is a flag
-- byte (1 used, 0 free) and the address's 16-byte key. One row per address made a command batch
-- of forty allocations forty journal rows, with two index entries and a binlog event each.
CREATE TABLE ippool_journal (
    ippool     BIGINT      NOT NULL,
    version    BIGINT      NOT NULL,
    part       INT         NOT NULL,
    changes    MEDIUMBLOB  NOT NULL,
    created_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    PRIMARY KEY (ippool, version, part),
    KEY ix_journal_created (created_at)
);

-- The journal only lets a running instance bring its in-memory index up to date; instances start
-- without one and load it from `ip`, so the old entries have no reader after the upgrade.
DROP TABLE ippool_change;
