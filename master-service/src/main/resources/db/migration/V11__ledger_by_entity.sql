-- An entity's history (the console's address page) is read by its key; without this index
-- that read scans the whole ledger.
ALTER TABLE ledger_outbox ADD KEY ix_outbox_entity (entity_key);
