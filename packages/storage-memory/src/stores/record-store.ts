import type { BaseRecord, RecordKind, RecordStore, RecordWhere, StorageRecordTypes } from '@inboxkit/core';
import { compareStrings } from '../indexes/compare.js';
import { filterRows, takeWhile } from '../indexes/iterate.js';
import { SortedIndex } from '../indexes/sorted-index.js';
import { writeIndexed, type JournalSource } from '../journal.js';
import { readCursor, takePage } from '../page.js';
import { copy } from '../copy.js';

type RecordKey = Pick<BaseRecord, 'workspaceId' | 'id'>;

function byWorkspaceAndId(a: RecordKey, b: RecordKey): number {
  return compareStrings(a.workspaceId, b.workspaceId) || compareStrings(a.id, b.id);
}

/** Top-level field equality (or one of an array's values); a missing field counts as `null`, as an absent JSON key does. */
function matcher(where: RecordWhere | undefined): (record: BaseRecord) => boolean {
  const entries = Object.entries(where ?? {});
  return (record) =>
    entries.every(([field, value]) => {
      const actual = (record as unknown as Record<string, unknown>)[field] ?? null;
      return Array.isArray(value) ? value.includes(actual as string) : actual === value;
    });
}

/**
 * Configuration records: one index per kind ordered by `(workspaceId, id)`, so a
 * workspace's records are one contiguous, id-ordered range and `listAll` is a plain scan.
 * Records are few per workspace, so `where` is tested per row rather than indexed.
 */
export function recordStore(journal: JournalSource): RecordStore {
  const kinds = new Map<RecordKind, SortedIndex<RecordKey, BaseRecord>>();
  const table = (kind: RecordKind) => {
    let rows = kinds.get(kind);
    if (!rows) kinds.set(kind, (rows = new SortedIndex(byWorkspaceAndId)));
    return rows;
  };

  const stored = (workspaceId: string, kind: RecordKind, id: string) => kinds.get(kind)?.find({ workspaceId, id });
  // Ids are never empty, so "after id ''" starts at the workspace's first record.
  const inWorkspace = (kind: RecordKind, workspaceId: string, afterId: string, where: RecordWhere | undefined) =>
    filterRows(takeWhile(table(kind).scan({ workspaceId, id: afterId }), (row) => row.workspaceId === workspaceId), matcher(where));

  return {
    async put(kind, record) {
      // The copy is also the journal's key: the caller may change its object afterwards.
      const row = copy(record);
      writeIndexed(journal(), table(kind), row, row);
    },
    async get<K extends RecordKind>(workspaceId: string, kind: K, id: string) {
      const row = stored(workspaceId, kind, id);
      // The index holds what `put` stored for this kind, so the row has the kind's type.
      return row ? (copy(row) as StorageRecordTypes[K]) : null;
    },
    async list<K extends RecordKind>(workspaceId: string, kind: K, query: Parameters<RecordStore['list']>[2] = {}) {
      const after = readCursor(query.cursor, ['string']);
      const rows = inWorkspace(kind, workspaceId, after ? after[0] : '', query.where);
      return takePage(rows as Iterable<StorageRecordTypes[K]>, query.limit, (row) => [row.id]);
    },
    async readMany(workspaceId, reads) {
      return reads.map(({ kind, id, where }) => {
        if (id === undefined) return [...inWorkspace(kind, workspaceId, '', where)].map(copy);
        const row = stored(workspaceId, kind, id);
        return row ? [copy(row)] : [];
      });
    },
    async listAll<K extends RecordKind>(kind: K, query: Parameters<RecordStore['listAll']>[1] = {}) {
      const after = readCursor(query.cursor, ['string', 'string']);
      const rows = filterRows(table(kind).scan(after ? { workspaceId: after[0], id: after[1] } : undefined), matcher(query.where));
      return takePage(rows as Iterable<StorageRecordTypes[K]>, query.limit, (row) => [row.workspaceId, row.id]);
    },
    async delete(workspaceId, kind, id) {
      const rows = kinds.get(kind);
      if (!rows?.find({ workspaceId, id })) return false;
      writeIndexed(journal(), rows, { workspaceId, id }, undefined);
      return true;
    },
  };
}
