-- Logins made through this agent: the master's token, hashed, with the user's roles, so the
-- platform stays authenticated while the master is unreachable.
CREATE TABLE agent_session (
    token_hash CHAR(64)      NOT NULL PRIMARY KEY,
    email      VARCHAR(320)  NOT NULL,
    roles      VARCHAR(1000) NOT NULL,
    expires_at TIMESTAMP     NOT NULL
);
