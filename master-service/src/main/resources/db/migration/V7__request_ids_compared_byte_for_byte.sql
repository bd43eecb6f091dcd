-- Request ids are opaque tokens that clients generate: compared byte for byte. Under the server's
-- utf8mb4_unicode_ci, ids differing only in case were one request id (the second refused as
-- reused), and every comparison in the key's B-tree went through the Unicode collation.
ALTER TABLE processed_command MODIFY request_id VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL;
