-- InboxKit storage schema, version 7: per-user read state and conversation followers.
-- No foreign keys to conversations, so each write stays one-row cheap; deleting a conversation
-- (the spam purge, `conversations.delete`) removes its marks and followers in the same statement.

-- A user's read mark on a conversation; `read_at` NULL means "marked unread".
CREATE TABLE {{schema}}.conversation_reads (
  workspace_id text COLLATE "C" NOT NULL,
  user_id text COLLATE "C" NOT NULL,
  conversation_id text COLLATE "C" NOT NULL,
  read_at bigint,
  PRIMARY KEY (workspace_id, user_id, conversation_id)
);
-- A conversation's marks, for `conversations.delete` (the key above leads with the user).
CREATE INDEX conversation_reads_by_conversation ON {{schema}}.conversation_reads (workspace_id, conversation_id);

-- When the last incoming message arrived (kit clock); a conversation without a row counts
-- from its created_at. Unread = no mark, a NULL mark, or last_incoming_at > read_at.
CREATE TABLE {{schema}}.conversation_incoming (
  workspace_id text COLLATE "C" NOT NULL,
  conversation_id text COLLATE "C" NOT NULL,
  last_incoming_at bigint NOT NULL,
  PRIMARY KEY (workspace_id, conversation_id)
);

-- Users notified of a conversation's activity without being assigned.
CREATE TABLE {{schema}}.conversation_followers (
  workspace_id text COLLATE "C" NOT NULL,
  conversation_id text COLLATE "C" NOT NULL,
  user_id text COLLATE "C" NOT NULL,
  PRIMARY KEY (workspace_id, conversation_id, user_id)
);
