-- The addresses of a confirmed chunk are deleted locally while later chunks are still being sent.
-- last_ip_id: the highest address id of the chunk (NULL when it has none, and for chunks stored
-- before this column, whose addresses then wait for the deleting phase).
-- ips_deleted_through: every address of the snapshot up to this id has been deleted locally.
ALTER TABLE migration_chunk ADD COLUMN last_ip_id BIGINT NULL;
ALTER TABLE migration ADD COLUMN ips_deleted_through BIGINT NOT NULL DEFAULT 0;
