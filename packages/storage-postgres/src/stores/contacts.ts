import { decodeCursor, encodeCursor, normalizeEmail, type Contact, type ContactStore } from '@inboxkit/core';
import { conflict } from '../errors.js';
import { limitPlusOne, toPage, type StoreContext } from './context.js';
import { Where } from './where.js';

/** Escapes `%`, `_` and `\` so a search term matches literally inside ILIKE. */
function likePattern(term: string): string {
  return `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Contacts; the unique index `(workspace_id, email)` is the email rule. */
export function contactStore({ db, t, inTransaction, atomic, search, inserts }: StoreContext): ContactStore {
  const map = t.contact;
  // Stored emails are normalized, whatever the caller passed.
  const normalized = (contact: Contact): Contact => ({ ...contact, email: contact.email === null ? null : normalizeEmail(contact.email) });
  const values = (contact: Contact) => map.values(normalized(contact));
  const one = async (where: string, params: unknown[], lock = false): Promise<Contact | null> => {
    const { rows } = await db.query(
      `SELECT * FROM ${t.contacts} WHERE ${where} ORDER BY id LIMIT 1${lock ? ' FOR UPDATE' : ''}`,
      params,
    );
    return rows[0] ? map.fromRow(rows[0]) : null;
  };
  const param = (column: string) => `$${map.columns.indexOf(column) + 1}`;
  // A transaction-scoped advisory lock on the identity itself: there may be no row to lock
  // yet, and phone / visitor id are not unique, so no index can make find-or-create exactly-once.
  const lockIdentity = async (kind: string, workspaceId: string, value: string, options?: { lock?: boolean }) => {
    if (!options?.lock || !inTransaction) return;
    await db.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [
      JSON.stringify([t.contacts, kind, workspaceId, value]),
    ]);
  };

  return {
    insert: (contact) => atomic((db) => inserts.contacts(db, [normalized(contact)], `contact "${contact.id}" or its email`)),
    insertMany: (contacts) => atomic((db) => inserts.contacts(db, contacts.map(normalized), 'contacts')),
    async update(contact) {
      const updated = await atomic(async (db) => {
        // The NOT EXISTS keeps a duplicate email from raising 23505, which would abort the
        // caller's transaction; a race between two updates still ends in the unique violation.
        const { rowCount } = await db.query(
          `${map.updateSql(['workspace_id', 'id'])} AND NOT EXISTS (
             SELECT 1 FROM ${t.contacts} other
             WHERE other.workspace_id = ${param('workspace_id')} AND other.email = ${param('email')}
               AND other.id <> ${param('id')})`,
          values(contact),
        );
        if (rowCount > 0) await search.contactChanged(db, contact.workspaceId, contact.id, contact);
        return rowCount > 0;
      });
      if (updated) return true;
      if ((await one('workspace_id = $1 AND id = $2', [contact.workspaceId, contact.id])) === null) return false;
      throw conflict(`another contact has the email of "${contact.id}"`);
    },
    // A row lock only means something inside a transaction: it is held until commit.
    get: (workspaceId, id, options) =>
      one('workspace_id = $1 AND id = $2', [workspaceId, id], options?.lock === true && inTransaction),
    findByEmail: (workspaceId, email) =>
      one('workspace_id = $1 AND email = $2', [workspaceId, normalizeEmail(email)]),
    async findByEmails(workspaceId, emails, options) {
      if (emails.length === 0) return [];
      // Ordered by id, so two batches locking overlapping contacts take the locks in one order.
      const { rows } = await db.query(
        `SELECT * FROM ${t.contacts} WHERE workspace_id = $1 AND email = ANY($2::text[]) ORDER BY id${options?.lock && inTransaction ? ' FOR UPDATE' : ''}`,
        [workspaceId, [...new Set(emails.map(normalizeEmail))]],
      );
      return rows.map((row) => map.fromRow(row));
    },
    async findByVisitorId(workspaceId, visitorId, options) {
      await lockIdentity('visitorId', workspaceId, visitorId, options);
      return one('workspace_id = $1 AND visitor_ids @> $2::jsonb', [workspaceId, JSON.stringify([visitorId])]);
    },
    async findByPhone(workspaceId, phone, options) {
      await lockIdentity('phone', workspaceId, phone, options);
      return one('workspace_id = $1 AND phone = $2', [workspaceId, phone]);
    },
    async list(workspaceId, { search, cursor, limit }) {
      const where = new Where().equals('workspace_id', workspaceId);
      if (search) {
        const pattern = where.param(likePattern(search));
        where.and(`(name ILIKE ${pattern} OR email ILIKE ${pattern})`);
      }
      if (cursor) where.and(`id > ${where.param(String(decodeCursor(cursor, ['string'])[0]))}`);
      const { rows } = await db.query(
        `SELECT * FROM ${t.contacts} WHERE ${where} ORDER BY id ${limitPlusOne(limit)}`,
        where.params,
      );
      return toPage(rows.map((row) => map.fromRow(row)), limit, (last) => encodeCursor([last.id]));
    },
    delete: (workspaceId, id) =>
      atomic(async (db) => {
        const { rowCount } = await db.query(`DELETE FROM ${t.contacts} WHERE workspace_id = $1 AND id = $2`, [workspaceId, id]);
        if (rowCount > 0) await search.contactChanged(db, workspaceId, id, null);
        return rowCount > 0;
      }),
  };
}
