-- InboxKit storage schema, version 6: spam retention and conversation moves.
-- Why each index exists: docs/indexes.md, "spam retention".

-- When a conversation became spam (null when it is not spam). The spam purge counts the
-- retention from it; spam stored before this version counts from its last update.
ALTER TABLE {{schema}}.conversations ADD COLUMN spam_at bigint;
UPDATE {{schema}}.conversations SET spam_at = updated_at WHERE spam;

-- The purge's global scan (listSpamBefore): spam only, oldest first, across workspaces.
CREATE INDEX conversations_spam_idx ON {{schema}}.conversations (spam_at, workspace_id, id) WHERE spam;
