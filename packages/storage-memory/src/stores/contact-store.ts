import { ConflictError, normalizeEmail, type Contact, type ContactStore } from '@inboxkit/core';
import { byId } from '../indexes/compare.js';
import { filterRows } from '../indexes/iterate.js';
import { insertRows, replaceRow, type JournalSource } from '../journal.js';
import { readCursor, takePage } from '../page.js';
import { ContactTable } from '../tables/contact-table.js';
import { copy, copyToStore } from '../copy.js';

/** A copy to store: the contract keeps emails normalized. */
function toRow(contact: Contact): Contact {
  const row = copyToStore(contact);
  if (row.email !== null) row.email = normalizeEmail(row.email);
  return row;
}

function copyOut(row: Contact | undefined): Contact | null {
  return row ? copy(row) : null;
}

/** Contacts, with lookups by id, email, phone and visitor id through maps. Pass `table` to share it (search). */
export function contactStore(journal: JournalSource, table = new ContactTable()): ContactStore {

  const checkEmailFree = (row: Contact) => {
    if (row.email === null) return;
    const holder = table.findByEmail(row.workspaceId, row.email);
    if (holder && holder.id !== row.id) throw new ConflictError(`a contact with email "${row.email}" already exists`);
  };

  const newRow = (contact: Contact) => {
    const row = toRow(contact);
    if (table.get(row.workspaceId, row.id)) throw new ConflictError(`contact "${row.id}" already exists`);
    checkEmailFree(row);
    return row;
  };

  return {
    async insert(contact) {
      insertRows(journal(), table, [contact], newRow);
    },
    // A throw part way rolls back the call's unit of work: none of the rows stays.
    async insertMany(contacts) {
      insertRows(journal(), table, contacts, newRow);
    },
    async update(contact) {
      const row = toRow(contact);
      if (!table.get(row.workspaceId, row.id)) return false;
      checkEmailFree(row);
      replaceRow(journal(), table, row.workspaceId, row.id, row);
      return true;
    },
    async get(workspaceId, id) {
      return copyOut(table.get(workspaceId, id));
    },
    async findByEmail(workspaceId, email) {
      return copyOut(table.findByEmail(workspaceId, normalizeEmail(email)));
    },
    async findByEmails(workspaceId, emails) {
      const found = new Map<string, Contact>();
      for (const email of emails) {
        const row = table.findByEmail(workspaceId, normalizeEmail(email));
        if (row) found.set(row.id, row);
      }
      return [...found.values()].sort(byId).map(copy);
    },
    async findByVisitorId(workspaceId, visitorId) {
      return copyOut(table.findByVisitorId(workspaceId, visitorId));
    },
    async findByPhone(workspaceId, phone) {
      return copyOut(table.findByPhone(workspaceId, phone));
    },
    async list(workspaceId, { search, cursor, limit }) {
      const after = readCursor(cursor, ['string']);
      let rows = table.scan(workspaceId, after?.[0]);
      if (search) {
        const needle = search.toLowerCase();
        rows = filterRows(rows, (row) => Boolean(row.name?.toLowerCase().includes(needle) || row.email?.includes(needle)));
      }
      return takePage(rows, limit, (row) => [row.id]);
    },
    async delete(workspaceId, id) {
      if (!table.get(workspaceId, id)) return false;
      replaceRow(journal(), table, workspaceId, id, undefined);
      return true;
    },
  };
}
