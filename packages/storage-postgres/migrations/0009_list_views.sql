-- InboxKit storage schema, version 9: ordered ranges for the status and unassigned views.
-- Why each index exists: docs/indexes.md, "conversations".

-- The status view ("open", any inbox): equality on both leading columns leaves a range in
-- list order, so a page reads `limit` rows instead of filtering the whole activity order.
CREATE INDEX conversations_status_idx ON {{schema}}.conversations (workspace_id, status, last_message_at DESC, id DESC);

-- The unassigned view ("unassigned, open"). `assignee_id IS NULL` narrows an index range but,
-- unlike `= $1`, does not make the column constant for the planner, so the assignee index
-- cannot give list order after it; a partial index with the NULL in its predicate can.
CREATE INDEX conversations_unassigned_idx ON {{schema}}.conversations (workspace_id, status, last_message_at DESC, id DESC)
  WHERE assignee_id IS NULL;
