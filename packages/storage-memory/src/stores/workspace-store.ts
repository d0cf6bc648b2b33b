import { ConflictError, type Workspace, type WorkspaceStore } from '@inboxkit/core';
import { byId, type IdKey } from '../indexes/compare.js';
import { SortedIndex } from '../indexes/sorted-index.js';
import { writeIndexed, type JournalSource } from '../journal.js';
import { readCursor, takePage } from '../page.js';
import { copy } from '../copy.js';

/** Tenants, ordered by id. */
export function workspaceStore(journal: JournalSource): WorkspaceStore {
  const rows = new SortedIndex<IdKey, Workspace>(byId);

  return {
    async insert(workspace) {
      if (rows.find(workspace)) throw new ConflictError(`workspace "${workspace.id}" already exists`);
      // The copy is also the journal's key: the caller may change its object afterwards.
      const row = copy(workspace);
      writeIndexed(journal(), rows, row, row);
    },
    async update(workspace) {
      if (!rows.find(workspace)) return false;
      const row = copy(workspace);
      writeIndexed(journal(), rows, row, row);
      return true;
    },
    async get(id) {
      const row = rows.find({ id });
      return row ? copy(row) : null;
    },
    async list({ cursor, limit }) {
      const after = readCursor(cursor, ['string']);
      return takePage(rows.scan(after ? { id: after[0] } : undefined), limit, (row) => [row.id]);
    },
  };
}
