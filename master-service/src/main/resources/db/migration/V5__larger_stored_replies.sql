-- The stored reply of an allocation of the most addresses one request may take (1,024 with their
-- statuses) exceeds TEXT's 64 KiB; MEDIUMTEXT holds 16 MiB.
ALTER TABLE processed_command MODIFY response MEDIUMTEXT NOT NULL;
