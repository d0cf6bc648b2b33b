-- InboxKit storage schema, version 2: analytics (ws.analytics).
-- Why each table and index exists: docs/indexes.md, "analytics". The definitions every
-- figure follows (what starts and ends a wait) are in @inboxkit/core's analytics/definitions.md.

-- Every ended wait of every conversation: from the incoming message that started it to the
-- user reply that ended it; `seq` 1 is the conversation's first wait (its first response).
-- Derived data, kept exact by the triggers below in the same transaction as the messages, so
-- response-time reports aggregate this narrow table instead of re-walking every timeline.
CREATE TABLE {{schema}}.analytics_waits (
  workspace_id text COLLATE "C" NOT NULL,
  conversation_id text COLLATE "C" NOT NULL,
  seq integer NOT NULL,
  started_at bigint NOT NULL,
  ended_at bigint NOT NULL,
  replied_by text COLLATE "C",
  PRIMARY KEY (workspace_id, conversation_id, seq)
);
CREATE INDEX analytics_waits_ended_idx ON {{schema}}.analytics_waits (workspace_id, ended_at)
  INCLUDE (conversation_id, seq, started_at, replied_by);

-- The waits of the given conversations (parallel arrays of workspace and conversation ids),
-- inserted; the caller removed their old ones. The rule, in timeline order (created_at, id):
-- among incoming messages and user replies, an incoming message whose predecessor is not
-- incoming starts a wait and a reply whose predecessor is incoming ends it. Those edges
-- alternate start, end, start…, so an end's wait started at the edge before it.
CREATE FUNCTION {{schema}}.analytics_insert_waits(workspace_ids text[], conversation_ids text[]) RETURNS void
LANGUAGE sql AS $$
  INSERT INTO {{schema}}.analytics_waits (workspace_id, conversation_id, seq, started_at, ended_at, replied_by)
  SELECT workspace_id, conversation_id,
         row_number() OVER (PARTITION BY workspace_id, conversation_id ORDER BY created_at, id),
         started_at, created_at, author ->> 'id'
  FROM (
    SELECT *, lag(created_at) OVER (PARTITION BY workspace_id, conversation_id ORDER BY created_at, id) AS started_at
    FROM (
      SELECT m.workspace_id, m.conversation_id, m.created_at, m.id, m.direction, m.author,
             lag(m.direction) OVER (PARTITION BY m.workspace_id, m.conversation_id ORDER BY m.created_at, m.id) AS previous
      FROM {{schema}}.timeline_items m
      JOIN unnest(workspace_ids, conversation_ids) AS touched (workspace_id, conversation_id)
        ON m.workspace_id = touched.workspace_id AND m.conversation_id = touched.conversation_id
      WHERE m.kind = 'message' AND (m.direction = 'incoming' OR (m.author ->> 'type') = 'user')
    ) relevant
    WHERE (direction = 'incoming') <> (previous IS NOT DISTINCT FROM 'incoming')
  ) edges
  WHERE direction <> 'incoming';
$$;

-- Recomputes the waits of the given conversations. Writers of one conversation take turns on
-- its row lock first; under READ COMMITTED the statements after it then see what the previous
-- writer committed, so two transactions adding messages to one conversation cannot both
-- write waits computed without the other's message.
CREATE FUNCTION {{schema}}.analytics_refresh_waits(workspace_ids text[], conversation_ids text[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM 1 FROM {{schema}}.conversations c
    JOIN unnest(workspace_ids, conversation_ids) AS touched (workspace_id, id)
      ON c.workspace_id = touched.workspace_id AND c.id = touched.id
    ORDER BY c.workspace_id, c.id
    FOR NO KEY UPDATE OF c;
  DELETE FROM {{schema}}.analytics_waits a
    USING unnest(workspace_ids, conversation_ids) AS touched (workspace_id, conversation_id)
    WHERE a.workspace_id = touched.workspace_id AND a.conversation_id = touched.conversation_id;
  PERFORM {{schema}}.analytics_insert_waits(workspace_ids, conversation_ids);
END $$;

-- The common write, one message appended to its conversation, in a few index probes instead of
-- a recomputation. Returns false when the item is not its conversation's newest message (an
-- import, a late delivery): the caller then recomputes. The row lock comes first, as above, so a
-- concurrent writer's message is seen (the core's transactions already hold it: then it is free).
CREATE FUNCTION {{schema}}.analytics_append_wait(ws text, conv text, item_id text, at bigint, item_kind text, item_direction text, item_author jsonb)
RETURNS boolean LANGUAGE plpgsql AS $$
DECLARE
  previous text;
  reply_at bigint := -1;
  reply_id text := '';
BEGIN
  -- Comments, bot and system messages never start or end a wait.
  IF item_kind <> 'message' OR NOT (item_direction = 'incoming' OR (item_author ->> 'type') = 'user') THEN RETURN true; END IF;
  PERFORM 1 FROM {{schema}}.conversations WHERE workspace_id = ws AND id = conv FOR NO KEY UPDATE;
  IF EXISTS (SELECT 1 FROM {{schema}}.timeline_items m WHERE m.workspace_id = ws AND m.conversation_id = conv
             AND m.kind = 'message' AND (m.created_at, m.id) > (at, item_id)) THEN
    RETURN false;
  END IF;
  -- The newest incoming message ends no wait (it may start one, which has no row until it ends).
  IF item_direction = 'incoming' THEN RETURN true; END IF;
  SELECT m.direction INTO previous FROM {{schema}}.timeline_items m
    WHERE m.workspace_id = ws AND m.conversation_id = conv AND m.kind = 'message'
      AND (m.direction = 'incoming' OR (m.author ->> 'type') = 'user') AND (m.created_at, m.id) < (at, item_id)
    ORDER BY m.created_at DESC, m.id DESC LIMIT 1;
  -- A reply ends a wait only when the message before it (among incoming and replies) is incoming.
  IF previous IS DISTINCT FROM 'incoming' THEN RETURN true; END IF;
  SELECT m.created_at, m.id INTO reply_at, reply_id FROM {{schema}}.timeline_items m
    WHERE m.workspace_id = ws AND m.conversation_id = conv AND m.kind = 'message' AND m.direction <> 'incoming'
      AND (m.author ->> 'type') = 'user' AND (m.created_at, m.id) < (at, item_id)
    ORDER BY m.created_at DESC, m.id DESC LIMIT 1;
  IF NOT FOUND THEN reply_at := -1; reply_id := ''; END IF;
  -- The wait started at the first incoming message after the last reply.
  INSERT INTO {{schema}}.analytics_waits (workspace_id, conversation_id, seq, started_at, ended_at, replied_by)
  SELECT ws, conv,
         coalesce((SELECT max(w.seq) FROM {{schema}}.analytics_waits w WHERE w.workspace_id = ws AND w.conversation_id = conv), 0) + 1,
         (SELECT min(m.created_at) FROM {{schema}}.timeline_items m
          WHERE m.workspace_id = ws AND m.conversation_id = conv AND m.kind = 'message' AND m.direction = 'incoming'
            AND (m.created_at, m.id) > (reply_at, reply_id) AND (m.created_at, m.id) < (at, item_id)),
         at, item_author ->> 'id';
  RETURN true;
END $$;

-- Statement-level triggers with transition tables: a single appended message takes the fast
-- path above; any other statement recomputes, once, every conversation it touched (a bulk
-- insert or a conversation merge recomputes each conversation once). Only incoming messages and
-- user replies can change a wait; comments, bot messages and delivery-status updates leave the
-- waits alone.
CREATE FUNCTION {{schema}}.analytics_timeline_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  item record;
BEGIN
  IF TG_OP = 'INSERT' THEN
    IF (SELECT count(*) FROM new_items) = 1 THEN
      SELECT * INTO item FROM new_items;
      IF {{schema}}.analytics_append_wait(item.workspace_id, item.conversation_id, item.id, item.created_at, item.kind, item.direction, item.author) THEN
        RETURN NULL;
      END IF;
    END IF;
    PERFORM {{schema}}.analytics_refresh_waits(array_agg(workspace_id), array_agg(conversation_id))
    FROM (SELECT DISTINCT workspace_id, conversation_id FROM new_items
          WHERE kind = 'message' AND (direction = 'incoming' OR (author ->> 'type') = 'user')) touched
    HAVING count(*) > 0;
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM {{schema}}.analytics_refresh_waits(array_agg(workspace_id), array_agg(conversation_id))
    FROM (SELECT DISTINCT workspace_id, conversation_id FROM old_items
          WHERE kind = 'message' AND (direction = 'incoming' OR (author ->> 'type') = 'user')) touched
    HAVING count(*) > 0;
  ELSE
    PERFORM {{schema}}.analytics_refresh_waits(array_agg(workspace_id), array_agg(conversation_id))
    FROM (
      SELECT DISTINCT side.workspace_id, side.conversation_id
      FROM old_items o JOIN new_items n ON n.workspace_id = o.workspace_id AND n.id = o.id
      CROSS JOIN LATERAL (VALUES (o.workspace_id, o.conversation_id, o.kind, o.direction, o.author),
                                 (n.workspace_id, n.conversation_id, n.kind, n.direction, n.author))
        AS side (workspace_id, conversation_id, kind, direction, author)
      WHERE (o.conversation_id, o.created_at, o.kind, o.direction, o.author)
            IS DISTINCT FROM (n.conversation_id, n.created_at, n.kind, n.direction, n.author)
        AND side.kind = 'message' AND (side.direction = 'incoming' OR (side.author ->> 'type') = 'user')
    ) touched
    HAVING count(*) > 0;
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER analytics_waits_insert AFTER INSERT ON {{schema}}.timeline_items
  REFERENCING NEW TABLE AS new_items FOR EACH STATEMENT EXECUTE FUNCTION {{schema}}.analytics_timeline_changed();
CREATE TRIGGER analytics_waits_update AFTER UPDATE ON {{schema}}.timeline_items
  REFERENCING OLD TABLE AS old_items NEW TABLE AS new_items FOR EACH STATEMENT EXECUTE FUNCTION {{schema}}.analytics_timeline_changed();
CREATE TRIGGER analytics_waits_delete AFTER DELETE ON {{schema}}.timeline_items
  REFERENCING OLD TABLE AS old_items FOR EACH STATEMENT EXECUTE FUNCTION {{schema}}.analytics_timeline_changed();

-- Waits of the messages stored before this migration.
SELECT {{schema}}.analytics_insert_waits(array_agg(workspace_id), array_agg(conversation_id))
FROM (SELECT DISTINCT workspace_id, conversation_id FROM {{schema}}.timeline_items) existing
HAVING count(*) > 0;

-- A conversation's messages with the fields analytics reads, for index-only scans: the
-- triggers' recomputation and the export's per-conversation counts skip the wide heap rows.
CREATE INDEX timeline_items_messages_idx ON {{schema}}.timeline_items (workspace_id, conversation_id, created_at, id)
  INCLUDE (direction, author) WHERE kind = 'message';

-- repliesByAgent: users' replies by time, read without touching the wide timeline rows.
CREATE INDEX timeline_items_user_replies_idx ON {{schema}}.timeline_items (workspace_id, created_at)
  INCLUDE (conversation_id, author)
  WHERE kind = 'message' AND direction = 'outgoing' AND (author ->> 'type') = 'user';

-- The export's keyset order and volume's creation windows.
CREATE INDEX conversations_created_idx ON {{schema}}.conversations (workspace_id, created_at, id);
-- Time to close and volume's close windows.
CREATE INDEX conversations_closed_idx ON {{schema}}.conversations (workspace_id, closed_at) WHERE closed_at IS NOT NULL;
