-- InboxKit storage schema, version 4: conversation tags (ws.tags, conversations.tag/untag).
-- Why each index exists: docs/indexes.md, "tags".

-- The tag ids on a conversation, without duplicates. Tags themselves are config records
-- (kind `tag`); this column is what lists and reports filter on.
ALTER TABLE {{schema}}.conversations ADD COLUMN tag_ids text[] COLLATE "C" NOT NULL DEFAULT '{}';
-- `tag_ids && $1` (conversations.list({ tagId }), tag delete cleanup, analytics by tag).
CREATE INDEX conversations_tags_idx ON {{schema}}.conversations USING gin (tag_ids);
