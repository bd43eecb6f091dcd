-- A refused command has no effect to store its reply with, so a new attempt with the same requestId
-- is judged afresh. The refusal is kept for the command record that got it, so that a redelivery of
-- that record (answered, then the offset commit lost to a crash) gets the same answer, not a second
-- judgement its requester would never hear of. The platform and request id guard against a record
-- position reused by a recreated topic.
CREATE TABLE refused_command (
    record_partition INT         NOT NULL,
    record_offset    BIGINT      NOT NULL,
    platform_id      VARCHAR(64) NOT NULL,
    request_id       VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    status           INT         NOT NULL,
    response         MEDIUMTEXT  NOT NULL,
    refused_at       DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    PRIMARY KEY (record_partition, record_offset),
    KEY refused_command_age (refused_at)
);
