-- InboxKit storage schema, version 3: bot sessions (ws.bots) and bot analytics.
-- Why each index exists: docs/indexes.md, "bots".

-- One run of a bot chatflow in a conversation. `status` repeats `state ->> 'status'` so
-- reports aggregate a plain column; `transitions` is the next transition's index.
CREATE TABLE {{schema}}.bot_sessions (
  workspace_id text COLLATE "C" NOT NULL,
  id text COLLATE "C" NOT NULL,
  conversation_id text COLLATE "C" NOT NULL,
  chatflow_id text COLLATE "C" NOT NULL,
  channel_id text COLLATE "C" NOT NULL,
  inbox_id text COLLATE "C" NOT NULL,
  status text NOT NULL,
  state jsonb NOT NULL,
  started_at bigint NOT NULL,
  last_activity_at bigint NOT NULL,
  ended_at bigint,
  transitions integer NOT NULL,
  extra jsonb NOT NULL DEFAULT '{}',
  PRIMARY KEY (workspace_id, id)
);
-- The conversation's newest session (every bot turn starts here).
CREATE INDEX bot_sessions_conversation_idx ON {{schema}}.bot_sessions (workspace_id, conversation_id, started_at DESC, id DESC);
-- Bot performance: the sessions started in a window.
CREATE INDEX bot_sessions_started_idx ON {{schema}}.bot_sessions (workspace_id, started_at)
  INCLUDE (chatflow_id, inbox_id, status, last_activity_at, ended_at);

-- Every step transition of every session, in the engine's order (`idx` from 0, no gaps).
CREATE TABLE {{schema}}.bot_transitions (
  workspace_id text COLLATE "C" NOT NULL,
  session_id text COLLATE "C" NOT NULL,
  idx integer NOT NULL,
  chatflow_id text COLLATE "C" NOT NULL,
  at bigint NOT NULL,
  from_step text COLLATE "C",
  to_step text COLLATE "C",
  via text NOT NULL,
  input_id text COLLATE "C",
  PRIMARY KEY (workspace_id, session_id, idx),
  FOREIGN KEY (workspace_id, session_id) REFERENCES {{schema}}.bot_sessions (workspace_id, id) ON DELETE CASCADE
);
-- Idempotent input: has this input moved the session already?
CREATE INDEX bot_transitions_input_idx ON {{schema}}.bot_transitions (workspace_id, session_id, input_id) WHERE input_id IS NOT NULL;
