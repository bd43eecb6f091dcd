-- Platforms joined to the master: the secret signs their Kafka records (HMAC-SHA256), so it
-- is kept as given out; last_seen_at and lag are reported by the platform's traffic.
ALTER TABLE platform ADD COLUMN secret VARCHAR(128) NULL;
ALTER TABLE platform ADD COLUMN state VARCHAR(16) NOT NULL DEFAULT 'registered';
ALTER TABLE platform ADD COLUMN last_seen_at DATETIME(6) NULL;
ALTER TABLE platform ADD COLUMN last_applied_seq BIGINT NULL;
UPDATE platform SET state = 'active' WHERE id = 'master';
-- The master's own platform row carries the installation's instance id, so that a platform
-- trying to register the master as itself is recognised and refused.
UPDATE platform SET instance_id = (SELECT instance_id FROM installation) WHERE id = 'master';
