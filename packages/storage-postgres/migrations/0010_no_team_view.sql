-- InboxKit storage schema, version 10: an ordered range for the no-team view.
-- Why each index exists: docs/indexes.md, "conversations".

-- The no-team view (`teamId: null`, "open"): as for the unassigned view in 0009,
-- `team_id IS NULL` narrows the team index's range but leaves it unordered, so the planner
-- filtered the status index instead, reading 1/share rows per row kept (11 when one
-- conversation in 11 has no team); a partial index with the NULL in its predicate reads
-- `limit` rows.
CREATE INDEX conversations_no_team_idx ON {{schema}}.conversations (workspace_id, status, last_message_at DESC, id DESC)
  WHERE team_id IS NULL;
