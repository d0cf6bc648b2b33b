-- InboxKit storage schema, version 1.
-- `{{schema}}` is replaced by the quoted schema name given to postgresStorage({ schema }).
-- Every workspace-scoped table leads its primary key with workspace_id so the schema can be
-- distributed by workspace on Citus unchanged; the few global tables (workspaces, addresses,
-- leases) would be reference tables there. Ids use COLLATE "C" so lists sort by code point,
-- the order every store uses, whatever the database's locale. Times are epoch ms (bigint).
-- Why each index exists: docs/indexes.md.

CREATE TABLE {{schema}}.workspaces (
  id text COLLATE "C" PRIMARY KEY,
  name text NOT NULL,
  created_at bigint NOT NULL,
  updated_at bigint NOT NULL,
  extra jsonb NOT NULL DEFAULT '{}'
);

-- Configuration records (users, teams, inboxes, channels…) kept whole as JSON.
CREATE TABLE {{schema}}.records (
  workspace_id text COLLATE "C" NOT NULL,
  kind text COLLATE "C" NOT NULL,
  id text COLLATE "C" NOT NULL,
  data jsonb NOT NULL,
  PRIMARY KEY (workspace_id, kind, id)
);
CREATE INDEX records_kind_idx ON {{schema}}.records (kind, workspace_id, id);

CREATE TABLE {{schema}}.contacts (
  workspace_id text COLLATE "C" NOT NULL,
  id text COLLATE "C" NOT NULL,
  email text,
  name text,
  phone text,
  visitor_ids jsonb NOT NULL DEFAULT '[]',
  properties jsonb NOT NULL DEFAULT '{}',
  owner_id text,
  created_at bigint NOT NULL,
  updated_at bigint NOT NULL,
  extra jsonb NOT NULL DEFAULT '{}',
  PRIMARY KEY (workspace_id, id)
);
CREATE UNIQUE INDEX contacts_email_key ON {{schema}}.contacts (workspace_id, email);
CREATE INDEX contacts_phone_idx ON {{schema}}.contacts (workspace_id, phone) WHERE phone IS NOT NULL;
CREATE INDEX contacts_visitor_ids_idx ON {{schema}}.contacts USING gin (visitor_ids jsonb_path_ops);

CREATE TABLE {{schema}}.conversations (
  workspace_id text COLLATE "C" NOT NULL,
  id text COLLATE "C" NOT NULL,
  inbox_id text COLLATE "C" NOT NULL,
  channel_id text COLLATE "C" NOT NULL,
  channel_type text NOT NULL,
  contact_id text COLLATE "C" NOT NULL,
  subject text,
  status text NOT NULL,
  snoozed_until bigint,
  assignee_id text COLLATE "C",
  team_id text COLLATE "C",
  spam boolean NOT NULL DEFAULT false,
  origin jsonb NOT NULL,
  reply_token text NOT NULL,
  message_count integer NOT NULL DEFAULT 0,
  created_at bigint NOT NULL,
  updated_at bigint NOT NULL,
  last_message_at bigint NOT NULL,
  first_response_at bigint,
  closed_at bigint,
  extra jsonb NOT NULL DEFAULT '{}',
  PRIMARY KEY (workspace_id, id)
);
CREATE INDEX conversations_activity_idx ON {{schema}}.conversations (workspace_id, last_message_at DESC, id DESC);
CREATE INDEX conversations_inbox_idx ON {{schema}}.conversations (workspace_id, inbox_id, status, last_message_at DESC, id DESC);
CREATE INDEX conversations_assignee_idx ON {{schema}}.conversations (workspace_id, assignee_id, status, last_message_at DESC, id DESC);
CREATE INDEX conversations_team_idx ON {{schema}}.conversations (workspace_id, team_id, status, last_message_at DESC, id DESC);
CREATE INDEX conversations_contact_idx ON {{schema}}.conversations (workspace_id, contact_id, last_message_at DESC, id DESC);
CREATE INDEX conversations_snoozed_idx ON {{schema}}.conversations (snoozed_until, workspace_id, id) WHERE status = 'snoozed';

-- Messages and comments in one table (one timeline); `kind` tells them apart.
CREATE TABLE {{schema}}.timeline_items (
  workspace_id text COLLATE "C" NOT NULL,
  id text COLLATE "C" NOT NULL,
  conversation_id text COLLATE "C" NOT NULL,
  kind text NOT NULL,
  created_at bigint NOT NULL,
  text text NOT NULL,
  -- messages
  channel_id text COLLATE "C",
  direction text,
  author jsonb,
  visible_text text,
  html text,
  attachments jsonb,
  external_id text COLLATE "C",
  metadata jsonb,
  delivery_status text,
  delivery_error text,
  -- comments
  author_id text COLLATE "C",
  mentions jsonb,
  extra jsonb NOT NULL DEFAULT '{}',
  PRIMARY KEY (workspace_id, id)
);
CREATE INDEX timeline_items_conversation_idx ON {{schema}}.timeline_items (workspace_id, conversation_id, created_at, id);
CREATE UNIQUE INDEX timeline_items_external_key ON {{schema}}.timeline_items (workspace_id, external_id, channel_id);
CREATE INDEX timeline_items_pending_idx ON {{schema}}.timeline_items (created_at, id) WHERE delivery_status = 'pending';

-- The event log. `event_seqs` holds each workspace's last seq: appends update it in the
-- appending transaction, so its row lock orders appends and seq order is commit order.
CREATE TABLE {{schema}}.event_seqs (
  workspace_id text COLLATE "C" PRIMARY KEY,
  seq bigint NOT NULL
);
CREATE TABLE {{schema}}.events (
  workspace_id text COLLATE "C" NOT NULL,
  seq bigint NOT NULL,
  id text COLLATE "C" NOT NULL,
  type text NOT NULL,
  at bigint NOT NULL,
  data jsonb NOT NULL,
  PRIMARY KEY (workspace_id, seq)
);

-- Key/value state. A NULL value is a placeholder row created so a missing key can be locked.
CREATE TABLE {{schema}}.state (
  workspace_id text COLLATE "C" NOT NULL,
  key text COLLATE "C" NOT NULL,
  value jsonb,
  PRIMARY KEY (workspace_id, key)
);

CREATE TABLE {{schema}}.addresses (
  address text COLLATE "C" PRIMARY KEY,
  workspace_id text COLLATE "C" NOT NULL,
  inbox_id text COLLATE "C" NOT NULL,
  channel_id text COLLATE "C"
);

CREATE TABLE {{schema}}.leases (
  name text COLLATE "C" PRIMARY KEY,
  holder text NOT NULL,
  expires_at bigint NOT NULL
);
