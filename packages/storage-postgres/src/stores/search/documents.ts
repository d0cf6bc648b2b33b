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
export const MAX_BODY_LEXEMES = 40_000;

/**
 * Keeps `conversation_search` in step with the rows its documents come from. Each method is
 * called by the store that writes the row, with the same connection and inside the same
 * transaction, right after the write succeeded.
 */
export class SearchDocuments {
  // Inside a transaction: the contact part of each contact this transaction wrote. Those rows
  // stay locked (or unseen by others) until commit, so the vector cannot go stale before then.
  private readonly written: Map<string, string> | null;

  /** `perTransaction`: remember the vectors of contacts written, for the conversations inserted after them. */
  constructor(
    private readonly t: Tables,
    perTransaction = false,
  ) {
    this.written = perTransaction ? new Map() : null;
  }

  /** The contact part of `contact` (`null`: deleted), remembered for this transaction. */
  noteContact(contact: Contact | null, id = contact?.id, workspaceId = contact?.workspaceId): string {
    const vector = contact ? vectorOf(contactSearchText(contact)) : '';
    this.written?.set(JSON.stringify([workspaceId, id]), vector);
    return vector;
  }

  /** The contact part of each `(workspaceId, contactId)`: remembered ones as is, the others read in one statement. */
  async contactVectors(db: Queryable, keys: ReadonlyArray<readonly [string, string]>): Promise<string[]> {
    const found = new Map<string, string>();
    const missing = keys.filter((key) => {
      const vector = this.written?.get(JSON.stringify(key));
      if (vector !== undefined) found.set(JSON.stringify(key), vector);
      return vector === undefined;
    });
    if (missing.length > 0) {
      const { rows } = await db.query(
        `SELECT * FROM ${this.t.contacts} WHERE (workspace_id, id) IN (SELECT * FROM unnest($1::text[], $2::text[]))`,
        [missing.map(([ws]) => ws), missing.map(([, id]) => id)],
      );
      for (const row of rows) {
        const contact = this.t.contact.fromRow(row);
        found.set(JSON.stringify([contact.workspaceId, contact.id]), vectorOf(contactSearchText(contact)));
      }
    }
    return keys.map((key) => found.get(JSON.stringify(key)) ?? '');
  }

  private async contactVector(db: Queryable, workspaceId: string, contactId: string): Promise<string> {
    return (await this.contactVectors(db, [[workspaceId, contactId]]))[0]!;
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
      [workspaceId, contactId, this.noteContact(contact, contactId, workspaceId)],
    );
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
