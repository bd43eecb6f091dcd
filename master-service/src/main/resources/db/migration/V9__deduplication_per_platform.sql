-- Request ids and change event ids are chosen by the platforms, so they are unique only within
-- one platform: keyed by id alone, one platform's id could answer another platform's command
-- with a stored reply, or another platform's change with a stale receipt, for an effect that
-- never happened. The platform comes first, so each platform's lookups are one range of the key.
ALTER TABLE processed_command DROP PRIMARY KEY, ADD PRIMARY KEY (platform_id, request_id);
ALTER TABLE processed_change DROP PRIMARY KEY, ADD PRIMARY KEY (platform_id, event_id);
