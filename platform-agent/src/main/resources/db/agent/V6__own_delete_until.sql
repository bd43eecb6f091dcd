-- Where the binlog stood once the agent's delete of a run had committed: capture has read all of
-- the run's deletes when it has handled that far, and the run can be forgotten. NULL while a
-- delete of the run may still be under way (and for runs recorded before this column): kept.
ALTER TABLE own_delete ADD COLUMN until_seq BIGINT NULL;
