import { EventRecorder } from '../events/event-recorder.js';
import type { InboxEvent } from '../domain/events.js';
import type { StorageOperations } from '../storage/storage.js';
import { Access } from '../permissions/access.js';
import { NotFoundError } from '../errors/not-found-error.js';
import type { KitRuntime } from './runtime.js';

/** A workspace as seen by one actor: the unit every service works in. Internal. */
export class Scope {
  /** Permission checks for this actor (`asUser`) or none (host/system). */
  readonly access: Access;
  private exists: Promise<void> | null;

  constructor(
    readonly runtime: KitRuntime,
    readonly workspaceId: string,
    /** The acting user for `asUser` scopes; `null` = the host, unrestricted. */
    readonly actorId: string | null,
    /**
     * `true` when the workspace is known to exist: while creating it, or when a row of it was
     * just read (ingest found the channel). Workspaces are never deleted, so it stays true.
     */
    known = false,
  ) {
    this.access = new Access(this);
    this.exists = known ? Promise.resolve() : null;
  }

  /** Throws `NOT_FOUND` when the workspace does not exist (checked once per scope). */
  requireWorkspace(): Promise<void> {
    this.exists ??= this.runtime.storage.workspaces.get(this.workspaceId).then((ws) => {
      if (!ws) {
        this.exists = null;
        throw new NotFoundError('workspace', this.workspaceId);
      }
    });
    return this.exists;
  }

  /** Storage for reads outside a transaction. */
  get storage(): StorageOperations {
    return this.runtime.storage;
  }

  /**
   * Runs one state change: `fn`'s writes and the events it records commit in ONE
   * transaction; events are emitted only after the commit.
   */
  async mutate<T>(fn: (tx: StorageOperations, events: EventRecorder) => Promise<T>): Promise<T> {
    const { storage, clock, ids, bus } = this.runtime;
    await this.requireWorkspace();
    let recorder = new EventRecorder(this.workspaceId, clock, ids);
    let committed: InboxEvent[] = [];
    try {
      const result = await storage.transaction(async (tx) => {
        recorder = new EventRecorder(this.workspaceId, clock, ids); // fresh if the store re-runs fn
        const value = await fn(tx, recorder);
        if (recorder.pending.length > 0) {
          bus.expect(recorder.pending.map((e) => e.id));
          committed = await tx.events.append(this.workspaceId, recorder.pending);
        }
        return value;
      });
      bus.committed(committed);
      return result;
    } catch (error) {
      bus.forget(recorder.pending.map((e) => e.id));
      throw error;
    }
  }
}
