import type { BaseRecord, RecordKind, RecordRead, RecordWhere } from '../storage/records.js';
import type { RecordStore, StorageOperations } from '../storage/storage.js';

const getKey = (workspaceId: string, kind: RecordKind, id: string) => JSON.stringify(['get', workspaceId, kind, id]);
const listKey = (workspaceId: string, kind: RecordKind, query: object | null) => JSON.stringify(['list', workspaceId, kind, query]);

/**
 * An ingest transaction's configuration reads: each distinct `get` or `list` goes to the
 * store once (configuration does not change under ingest), and `prefetch` takes several in
 * one round trip where the store has `records.readMany`. A records write forgets them all.
 */
export class RecordReads {
  private readonly known = new Map<string, Promise<unknown>>();
  /** The records group to hand on: `get` and `list` answered from what is known. */
  readonly store: RecordStore;

  constructor(private readonly records: RecordStore) {
    this.store = {
      put: async (kind, record) => this.writing(records.put(kind, record)),
      delete: async (workspaceId, kind, id) => this.writing(records.delete(workspaceId, kind, id)),
      get: (workspaceId, kind, id) => this.remember(getKey(workspaceId, kind, id), () => records.get(workspaceId, kind, id)),
      list: (workspaceId, kind, query) => this.remember(listKey(workspaceId, kind, query ?? null), () => records.list(workspaceId, kind, query)),
      listAll: (kind, query) => records.listAll(kind, query),
      ...(records.readMany && { readMany: (workspaceId, reads) => records.readMany!(workspaceId, reads) }),
    };
  }

  /**
   * Reads `reads` in one go (when the store can) and remembers each as the `get` by id or
   * the `list({ where })` it answers. Returns the records, per read.
   */
  async prefetch(workspaceId: string, reads: readonly RecordRead[]): Promise<BaseRecord[][]> {
    if (!this.records.readMany) return Promise.all(reads.map((read) => this.read(workspaceId, read)));
    const results = await this.records.readMany(workspaceId, reads);
    reads.forEach((read, n) => {
      const records = results[n]!;
      if (read.id !== undefined) this.known.set(getKey(workspaceId, read.kind, read.id), Promise.resolve(records[0] ?? null));
      else this.known.set(listKey(workspaceId, read.kind, read.where ? { where: read.where } : null), Promise.resolve({ items: records, nextCursor: null }));
    });
    return results;
  }

  /** Forgets the `list` of `kind` with `where` (a prefetch that guessed the wrong filter). */
  forgetList(workspaceId: string, kind: RecordKind, where: RecordWhere): void {
    this.known.delete(listKey(workspaceId, kind, { where }));
  }

  private async read(workspaceId: string, { kind, id, where }: RecordRead): Promise<BaseRecord[]> {
    if (id !== undefined) {
      const record = (await this.store.get(workspaceId, kind, id)) as BaseRecord | null;
      return record ? [record] : [];
    }
    return (await this.store.list(workspaceId, kind, where ? { where } : undefined)).items as BaseRecord[];
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

/** `tx` with its `records` group replaced by `records`; every other group is `tx`'s own. */
export function withRecords(tx: StorageOperations, records: RecordStore): StorageOperations {
  return {
    get workspaces() { return tx.workspaces; },
    records,
    get contacts() { return tx.contacts; },
    get conversations() { return tx.conversations; },
    get timeline() { return tx.timeline; },
    get events() { return tx.events; },
    get state() { return tx.state; },
    get addresses() { return tx.addresses; },
    get leases() { return tx.leases; },
    get bots() { return tx.bots; },
    get reads() { return tx.reads; },
    get followers() { return tx.followers; },
    get search() { return tx.search; },
  };
}
