-- InboxKit storage schema, version 7: per-user read state and conversation followers.
-- No foreign keys to conversations: like the memory store, marks on a conversation id are
-- kept as given (conversations are never deleted), and each write stays one-row cheap.

-- A user's read mark on a conversation; `read_at` NULL means "marked unread".
CREATE TABLE {{schema}}.conversation_reads (
  workspace_id text COLLATE "C" NOT NULL,
  user_id text COLLATE "C" NOT NULL,
  conversation_id text COLLATE "C" NOT NULL,
  read_at bigint,
  PRIMARY KEY (workspace_id, user_id, conversation_id)
);

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
