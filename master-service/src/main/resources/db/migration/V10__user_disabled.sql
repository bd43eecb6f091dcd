-- A disabled user cannot log in, and their tokens are deleted when they are disabled.
ALTER TABLE auth_user ADD COLUMN disabled BOOLEAN NOT NULL DEFAULT FALSE;
