import type { RecordKind } from '../storage/records.js';
import type { RecordStore } from '../storage/storage.js';

const getKey = (workspaceId: string, kind: RecordKind, id: string) => JSON.stringify(['get', workspaceId, kind, id]);
const listKey = (workspaceId: string, kind: RecordKind, query: object | null) => JSON.stringify(['list', workspaceId, kind, query]);

/**
 * An `ingestMany` chunk's configuration reads: each distinct `get` or `list` goes to the
 * store once (configuration does not change under ingest). A records write forgets them all.
 */
export class RecordReads {
  private readonly known = new Map<string, Promise<unknown>>();
  /** The records group to hand on: `get` and `list` answered from what is known. */
  readonly store: RecordStore;

  constructor(records: RecordStore) {
    this.store = {
      put: async (kind, record) => this.writing(records.put(kind, record)),
      delete: async (workspaceId, kind, id) => this.writing(records.delete(workspaceId, kind, id)),
      get: (workspaceId, kind, id) => this.remember(getKey(workspaceId, kind, id), () => records.get(workspaceId, kind, id)),
      list: (workspaceId, kind, query) => this.remember(listKey(workspaceId, kind, query ?? null), () => records.list(workspaceId, kind, query)),
      listAll: (kind, query) => records.listAll(kind, query),
      ...(records.readMany && { readMany: (workspaceId, reads) => records.readMany!(workspaceId, reads) }),
    };
  }

  private remember<T>(key: string, read: () => Promise<T>): Promise<never> {
    let value = this.known.get(key);
    if (!value) this.known.set(key, (value = read()));
    return value as Promise<never>;
  }

  private async writing<T>(write: Promise<T>): Promise<T> {
    try {
      return await write;
    } finally {
      this.known.clear();
    }
  }
}
