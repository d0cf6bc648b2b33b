import { conversationSearchText, timelineSearchText, type Contact, type Conversation, type TimelineItem } from '@inboxkit/core';
import type { Queryable } from '../../driver/types.js';
import { conflict } from '../../errors.js';
import type { RowMapper } from '../../schema/row-mapper.js';
import type { Tables } from '../../schema/tables.js';
import { MAX_BODY_LEXEMES, type SearchDocuments } from './documents.js';
import { vectorOf } from './vector.js';

/**
 * Inserts of rows and of the search documents derived from them, each kind as ONE statement:
 * `WITH ins AS (INSERT … ON CONFLICT DO NOTHING RETURNING …)` followed by the document write
 * over the rows that went in. A row skipped for a unique key is `CONFLICT`, and the caller's
 * transaction (or `atomic`) rolls back the rest. Round trips are what ingest waits on.
 */
export class IndexedInserts {
  constructor(
    private readonly t: Tables,
    private readonly search: SearchDocuments,
  ) {}

  /** Contacts; a document already pointing at one of the ids (inserted before its contact) takes its part. */
  async contacts(db: Queryable, rows: readonly Contact[], what: string): Promise<void> {
    const cs = this.t.conversationSearch;
    await this.inChunks(db, this.t.contact, rows, what, 'workspace_id, id', (p) => ({
      sql: `UPDATE ${cs} s SET contact = v.vector::tsvector
            FROM unnest(${p(0)}::text[], ${p(1)}::text[], ${p(2)}::text[]) AS v(workspace_id, contact_id, vector)
            WHERE s.workspace_id = v.workspace_id AND s.contact_id = v.contact_id AND s.contact <> v.vector::tsvector
              AND EXISTS (SELECT 1 FROM ins WHERE ins.workspace_id = v.workspace_id AND ins.id = v.contact_id)`,
      arrays: [rows.map((c) => c.workspaceId), rows.map((c) => c.id), rows.map((c) => this.search.noteContact(c))],
    }));
  }

  /** Conversations with their subject and contact parts (the contacts' vectors known to the transaction, or read once). */
  async conversations(db: Queryable, rows: readonly Conversation[], what: string): Promise<void> {
    const contactVectors = await this.search.contactVectors(db, rows.map((c) => [c.workspaceId, c.contactId] as const));
    await this.inChunks(db, this.t.conversation, rows, what, 'workspace_id, id', (p) => ({
      sql: `INSERT INTO ${this.t.conversationSearch} (workspace_id, conversation_id, contact_id, subject, contact)
            SELECT v.* FROM unnest(${p(0)}::text[], ${p(1)}::text[], ${p(2)}::text[], ${p(3)}::tsvector[], ${p(4)}::tsvector[])
              AS v(workspace_id, conversation_id, contact_id, subject, contact)
            JOIN ins ON ins.workspace_id = v.workspace_id AND ins.id = v.conversation_id
            ON CONFLICT (workspace_id, conversation_id) DO UPDATE
              SET contact_id = EXCLUDED.contact_id, subject = EXCLUDED.subject, contact = EXCLUDED.contact`,
      arrays: [
        rows.map((c) => c.workspaceId),
        rows.map((c) => c.id),
        rows.map((c) => c.contactId),
        rows.map((c) => vectorOf(conversationSearchText(c))),
        rows.map((_, i) => contactVectors[i]!),
      ],
    }));
  }

  /**
   * Timeline items, their words joining their conversations' bodies. One upsert may not touch
   * a document twice, so items of a conversation that has several in `rows` go one by one.
   */
  async items(db: Queryable, rows: readonly TimelineItem[], what: string): Promise<void> {
    const documentOf = (item: TimelineItem) => `${item.workspaceId}\u0000${item.conversationId}`;
    const seen = new Map<string, number>();
    for (const item of rows) seen.set(documentOf(item), (seen.get(documentOf(item)) ?? 0) + 1);
    const once = rows.filter((item) => seen.get(documentOf(item)) === 1);
    const again = rows.filter((item) => seen.get(documentOf(item))! > 1);
    for (const part of [once, ...again.map((item) => [item])]) {
      await this.insertItems(db, part.filter((i) => i.kind === 'message'), this.t.message, what);
      await this.insertItems(db, part.filter((i) => i.kind === 'comment'), this.t.comment, what);
    }
  }

  private insertItems<T extends TimelineItem>(db: Queryable, rows: readonly T[], map: RowMapper<T>, what: string): Promise<void> {
    const vectors = rows.map((item) => vectorOf(timelineSearchText(item)));
    return this.inChunks(db, map, rows, what, 'workspace_id, id, conversation_id', (p) => ({
      sql: `INSERT INTO ${this.t.conversationSearch} AS s (workspace_id, conversation_id, body)
            SELECT ins.workspace_id, ins.conversation_id, v.body FROM unnest(${p(0)}::text[], ${p(1)}::text[], ${p(2)}::tsvector[])
              AS v(workspace_id, id, body)
            JOIN ins ON ins.workspace_id = v.workspace_id AND ins.id = v.id
            WHERE v.body <> ''::tsvector
            ON CONFLICT (workspace_id, conversation_id) DO UPDATE
              SET body = CASE WHEN length(s.body) < ${MAX_BODY_LEXEMES} THEN s.body || EXCLUDED.body ELSE s.body END`,
      arrays: [rows.map((i) => i.workspaceId), rows.map((i) => i.id), vectors],
    }));
  }

  /**
   * Runs `WITH ins AS (insert of part RETURNING returning), doc AS (document(p)) SELECT count(*)`
   * for each part of `rows` the parameter limit allows. `p(k)` is the placeholder of the k-th array.
   */
  private async inChunks<T extends { workspaceId: string; id: string }>(
    db: Queryable,
    map: RowMapper<T>,
    rows: readonly T[],
    what: string,
    returning: string,
    document: (p: (k: number) => string) => { sql: string; arrays: unknown[][] },
  ): Promise<void> {
    if (rows.length === 0) return;
    // An id twice would make the document upsert touch one row twice (an error, not CONFLICT).
    if (new Set(rows.map((row) => `${row.workspaceId}\u0000${row.id}`)).size < rows.length) throw conflict(`an id is twice among the ${rows.length} ${what}`);
    // Room for the document's arrays, which are a handful of parameters whatever the count.
    const perStatement = map.maxRowsPerInsert - 1;
    for (let start = 0; start < rows.length; start += perStatement) {
      const part = rows.slice(start, start + perStatement);
      const values = part.flatMap((row) => map.values(row));
      const doc = document((k) => `$${values.length + k + 1}`);
      const arrays = doc.arrays.map((array) => array.slice(start, start + perStatement));
      const { rows: [counted] } = await db.query<{ inserted: number }>(
        `WITH ins AS (${map.insertManySql(part.length)} RETURNING ${returning}), doc AS (${doc.sql}) SELECT count(*)::int AS inserted FROM ins`,
        [...values, ...arrays],
      );
      if (counted!.inserted < part.length) throw conflict(`one of the ${rows.length} ${what} (or a unique key of it) exists`);
    }
  }
}
