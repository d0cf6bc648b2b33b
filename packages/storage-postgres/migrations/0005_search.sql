-- InboxKit storage schema, version 5: full-text search (conversations.search).
-- Why each index exists: docs/indexes.md, "search".

-- One search document per conversation, in three parts: its subject, its contact's name and
-- email, and the text of its messages and comments. The store computes each part's tsvector in
-- JavaScript with @inboxkit/core's tokenizer (accents folded, `Müller` also as `mueller`) and
-- writes it in the same transaction as the row it comes from, so no extension (unaccent,
-- pg_trgm) is needed and PGlite and PostgreSQL index alike. `document` weighs the parts for
-- ts_rank: subject A, contact B, messages D.
CREATE TABLE {{schema}}.conversation_search (
  workspace_id text COLLATE "C" NOT NULL,
  conversation_id text COLLATE "C" NOT NULL,
  contact_id text COLLATE "C",
  subject tsvector NOT NULL DEFAULT '',
  contact tsvector NOT NULL DEFAULT '',
  body tsvector NOT NULL DEFAULT '',
  document tsvector GENERATED ALWAYS AS (setweight(subject, 'A') || setweight(contact, 'B') || setweight(body, 'D')) STORED,
  PRIMARY KEY (workspace_id, conversation_id)
);
-- The match itself: which documents hold the query's lexemes (and prefixes).
CREATE INDEX conversation_search_document_idx ON {{schema}}.conversation_search USING gin (document);
-- A contact's documents, rewritten when its name or email changes or it is merged.
CREATE INDEX conversation_search_contact_idx ON {{schema}}.conversation_search (workspace_id, contact_id);

-- Conversations stored before this version get documents from PostgreSQL's own 'simple'
-- parser (lower-cased, accents kept); each part is rebuilt with folding when next written.
INSERT INTO {{schema}}.conversation_search (workspace_id, conversation_id, contact_id, subject, contact, body)
SELECT c.workspace_id, c.id, c.contact_id,
       to_tsvector('simple', coalesce(c.subject, '')),
       to_tsvector('simple', coalesce(ct.name, '') || ' ' || coalesce(ct.email, '')),
       to_tsvector('simple', coalesce((
         SELECT string_agg(coalesce(i.visible_text, i.text), ' ' ORDER BY i.created_at, i.id)
         FROM {{schema}}.timeline_items i
         WHERE i.workspace_id = c.workspace_id AND i.conversation_id = c.id
       ), ''))
FROM {{schema}}.conversations c
LEFT JOIN {{schema}}.contacts ct ON ct.workspace_id = c.workspace_id AND ct.id = c.contact_id;
