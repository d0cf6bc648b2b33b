import {
  contactSearchText,
  conversationSearchText,
  timelineSearchText,
  type Contact,
  type Conversation,
  type TimelineItem,
} from '@inboxkit/core';
import type { Queryable } from '../../driver/types.js';
import { timelineItemFromRow, type Tables } from '../../schema/tables.js';
import { vectorOf } from './vector.js';

// A body stops growing at this many distinct lexemes, well inside PostgreSQL's 1 MB tsvector
// limit: a conversation that long is found by the words it had by then (docs/indexes.md).
const MAX_BODY_LEXEMES = 40_000;

/**
 * Keeps `conversation_search` in step with the rows its documents come from. Each method is
 * called by the store that writes the row, with the same connection and inside the same
 * transaction, right after the write succeeded.
 */
export class SearchDocuments {
  constructor(private readonly t: Tables) {}

  private async contactVector(db: Queryable, workspaceId: string, contactId: string): Promise<string> {
    const { rows } = await db.query(`SELECT * FROM ${this.t.contacts} WHERE workspace_id = $1 AND id = $2`, [workspaceId, contactId]);
    return rows[0] ? vectorOf(contactSearchText(this.t.contact.fromRow(rows[0]))) : '';
  }

  /** A conversation was inserted: its subject and contact parts (the body may already exist). */
  async conversationInserted(db: Queryable, conversation: Conversation): Promise<void> {
    const { workspaceId, id, contactId } = conversation;
    await db.query(
      `INSERT INTO ${this.t.conversationSearch} (workspace_id, conversation_id, contact_id, subject, contact)
       VALUES ($1, $2, $3, $4::tsvector, $5::tsvector)
       ON CONFLICT (workspace_id, conversation_id) DO UPDATE
         SET contact_id = EXCLUDED.contact_id, subject = EXCLUDED.subject, contact = EXCLUDED.contact`,
      [workspaceId, id, contactId, vectorOf(conversationSearchText(conversation)), await this.contactVector(db, workspaceId, contactId)],
    );
  }

  /** A conversation was replaced: rewrites the subject when it changed, the contact part when the contact did. */
  async conversationUpdated(db: Queryable, conversation: Conversation): Promise<void> {
    const { workspaceId, id, contactId } = conversation;
    const { rows } = await db.query<{ before: string | null }>(
      `UPDATE ${this.t.conversationSearch} s SET subject = $3::tsvector, contact_id = $4
       FROM (SELECT contact_id AS before FROM ${this.t.conversationSearch} WHERE workspace_id = $1 AND conversation_id = $2) o
       WHERE s.workspace_id = $1 AND s.conversation_id = $2 AND (s.subject <> $3::tsvector OR s.contact_id IS DISTINCT FROM $4)
       RETURNING o.before`,
      [workspaceId, id, vectorOf(conversationSearchText(conversation)), contactId],
    );
    if (rows[0] && rows[0].before !== contactId) {
      await db.query(`UPDATE ${this.t.conversationSearch} SET contact = $3::tsvector WHERE workspace_id = $1 AND conversation_id = $2`, [
        workspaceId,
        id,
        await this.contactVector(db, workspaceId, contactId),
      ]);
    }
  }

  /** Conversations moved from one contact to another (merge): they take the new contact's part. */
  async contactMoved(db: Queryable, workspaceId: string, fromContactId: string, toContactId: string): Promise<void> {
    await db.query(
      `UPDATE ${this.t.conversationSearch} SET contact_id = $3, contact = $4::tsvector WHERE workspace_id = $1 AND contact_id = $2`,
      [workspaceId, fromContactId, toContactId, await this.contactVector(db, workspaceId, toContactId)],
    );
  }

  /** A contact was inserted or replaced (`null`: deleted): its conversations' contact part follows. */
  async contactChanged(db: Queryable, workspaceId: string, contactId: string, contact: Contact | null): Promise<void> {
    await db.query(
      `UPDATE ${this.t.conversationSearch} SET contact = $3::tsvector
       WHERE workspace_id = $1 AND contact_id = $2 AND contact <> $3::tsvector`,
      [workspaceId, contactId, contact ? vectorOf(contactSearchText(contact)) : ''],
    );
  }

  /** A timeline item was inserted: its words join the conversation's body. */
  async itemInserted(db: Queryable, item: TimelineItem): Promise<void> {
    const vector = vectorOf(timelineSearchText(item));
    if (vector === '') return;
    await db.query(
      `INSERT INTO ${this.t.conversationSearch} AS s (workspace_id, conversation_id, body) VALUES ($1, $2, $3::tsvector)
       ON CONFLICT (workspace_id, conversation_id) DO UPDATE
         SET body = CASE WHEN length(s.body) < ${MAX_BODY_LEXEMES} THEN s.body || EXCLUDED.body ELSE s.body END`,
      [item.workspaceId, item.conversationId, vector],
    );
  }

  /** `contactChanged` for many inserted contacts, in one statement. */
  async contactsInserted(db: Queryable, contacts: readonly Contact[]): Promise<void> {
    if (contacts.length === 0) return;
    await db.query(
      `UPDATE ${this.t.conversationSearch} s SET contact = v.vector::tsvector
       FROM unnest($1::text[], $2::text[], $3::text[]) AS v(workspace_id, contact_id, vector)
       WHERE s.workspace_id = v.workspace_id AND s.contact_id = v.contact_id AND s.contact <> v.vector::tsvector`,
      [contacts.map((c) => c.workspaceId), contacts.map((c) => c.id), contacts.map((c) => vectorOf(contactSearchText(c)))],
    );
  }

  /** `conversationInserted` for many conversations: one read of their contacts, one upsert. */
  async conversationsInserted(db: Queryable, conversations: readonly Conversation[]): Promise<void> {
    if (conversations.length === 0) return;
    const { rows } = await db.query(
      `SELECT * FROM ${this.t.contacts} WHERE (workspace_id, id) IN (SELECT * FROM unnest($1::text[], $2::text[]))`,
      [conversations.map((c) => c.workspaceId), conversations.map((c) => c.contactId)],
    );
    const vectors = new Map<string, string>();
    for (const row of rows) {
      const contact = this.t.contact.fromRow(row);
      vectors.set(JSON.stringify([contact.workspaceId, contact.id]), vectorOf(contactSearchText(contact)));
    }
    await db.query(
      `INSERT INTO ${this.t.conversationSearch} (workspace_id, conversation_id, contact_id, subject, contact)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::tsvector[], $5::tsvector[])
       ON CONFLICT (workspace_id, conversation_id) DO UPDATE
         SET contact_id = EXCLUDED.contact_id, subject = EXCLUDED.subject, contact = EXCLUDED.contact`,
      [
        conversations.map((c) => c.workspaceId),
        conversations.map((c) => c.id),
        conversations.map((c) => c.contactId),
        conversations.map((c) => vectorOf(conversationSearchText(c))),
        conversations.map((c) => vectors.get(JSON.stringify([c.workspaceId, c.contactId])) ?? ''),
      ],
    );
  }

  /**
   * `itemInserted` for many items. One upsert may not touch a conversation's row twice, so
   * the items go in rounds: the first item of each conversation, then the second, and so on
   * (a backlog of new conversations is one round).
   */
  async itemsInserted(db: Queryable, items: readonly TimelineItem[]): Promise<void> {
    const rounds: Array<Map<string, { workspaceId: string; conversationId: string; vector: string }>> = [];
    for (const item of items) {
      const vector = vectorOf(timelineSearchText(item));
      if (vector === '') continue;
      const key = JSON.stringify([item.workspaceId, item.conversationId]);
      const round = rounds.find((r) => !r.has(key)) ?? rounds[rounds.push(new Map()) - 1]!;
      round.set(key, { workspaceId: item.workspaceId, conversationId: item.conversationId, vector });
    }
    for (const round of rounds) {
      const bodies = [...round.values()];
      await db.query(
        `INSERT INTO ${this.t.conversationSearch} AS s (workspace_id, conversation_id, body)
         SELECT * FROM unnest($1::text[], $2::text[], $3::tsvector[])
         ON CONFLICT (workspace_id, conversation_id) DO UPDATE
           SET body = CASE WHEN length(s.body) < ${MAX_BODY_LEXEMES} THEN s.body || EXCLUDED.body ELSE s.body END`,
        [bodies.map((b) => b.workspaceId), bodies.map((b) => b.conversationId), bodies.map((b) => b.vector)],
      );
    }
  }

  /** The indexed text of an item, read before it is replaced (`null` when missing). */
  async itemBefore(db: Queryable, workspaceId: string, id: string): Promise<{ conversationId: string; text: string } | null> {
    const { rows } = await db.query(`SELECT * FROM ${this.t.timeline} WHERE workspace_id = $1 AND id = $2`, [workspaceId, id]);
    if (!rows[0]) return null;
    const item = timelineItemFromRow(this.t, rows[0]);
    return { conversationId: item.conversationId, text: timelineSearchText(item) };
  }

  /** An item's text changed (or it moved): rebuilds the body of each conversation it was or is in. */
  async itemUpdated(db: Queryable, before: { conversationId: string; text: string }, item: TimelineItem): Promise<void> {
    if (before.conversationId === item.conversationId && before.text === timelineSearchText(item)) return;
    for (const conversationId of new Set([before.conversationId, item.conversationId])) {
      await this.rebuildBody(db, item.workspaceId, conversationId);
    }
  }

  private async rebuildBody(db: Queryable, workspaceId: string, conversationId: string): Promise<void> {
    const { rows } = await db.query(
      `SELECT * FROM ${this.t.timeline} WHERE workspace_id = $1 AND conversation_id = $2 ORDER BY created_at, id`,
      [workspaceId, conversationId],
    );
    const texts = rows.map((row) => timelineSearchText(timelineItemFromRow(this.t, row)));
    await db.query(`UPDATE ${this.t.conversationSearch} SET body = $3::tsvector WHERE workspace_id = $1 AND conversation_id = $2`, [
      workspaceId,
      conversationId,
      vectorOf(texts.join('\n')),
    ]);
  }
}
