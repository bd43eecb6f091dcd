-- Debezium's offsets and schema history, in Debezium's JDBC storage layout, in the agent's state
-- database instead of files. Kafka Connect's file store truncates and rewrites its file at each
-- flush: an agent killed in between restarted with no offsets and silently skipped every row
-- written while it was down. Here a flush is one transaction.
CREATE TABLE capture_offset (
    id                VARCHAR(36)   NOT NULL PRIMARY KEY,
    offset_key        VARCHAR(1255),
    offset_val        VARCHAR(1255),
    record_insert_ts  TIMESTAMP     NOT NULL,
    record_insert_seq INTEGER       NOT NULL
);

CREATE TABLE capture_schema_history (
    id                VARCHAR(36)   NOT NULL,
    history_data      VARCHAR(65000),
    history_data_seq  INTEGER       NOT NULL,
    record_insert_ts  TIMESTAMP     NOT NULL,
    record_insert_seq INTEGER       NOT NULL,
    PRIMARY KEY (id, history_data_seq)
);
