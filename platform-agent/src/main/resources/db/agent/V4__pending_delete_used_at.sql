-- When a waiting structure row was last seen referenced by a local row: a pool or network the
-- platform created locally is deleted only once it has been unused for a while, so the
-- platform's next insert into it does not fail on its foreign key.
ALTER TABLE pending_local_delete ADD COLUMN used_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP;
