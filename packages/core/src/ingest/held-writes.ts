import type { Contact } from '../domain/contact.js';
import type { Conversation } from '../domain/conversation.js';
import type { TimelineItem } from '../domain/timeline.js';
import type { StorageOperations } from '../storage/storage.js';

/**
 * The inserts of an `ingestMany` chunk, held back so that they reach the store as one
 * multi-row write per table instead of one round trip per row. `ChunkOperations` flushes them
 * before any read that could see them and at the end of the chunk, so the transaction's
 * outcome is the one of writing them at once. A store without the batch methods gets them
 * one by one, in the same order.
 */
export class HeldWrites {
  readonly contacts = new Map<string, Contact>();
  readonly conversations = new Map<string, Conversation>();
  readonly items: TimelineItem[] = [];
  readonly incoming: Array<{ conversationId: string; at: number }> = [];
  private readonly state = new Map<string, unknown>();

  constructor(
    private readonly tx: StorageOperations,
    private readonly workspaceId: string,
  ) {}

  /** Holds the latest value of a state key; the router writes its pointer once per message. */
  putState(key: string, value: unknown): void {
    this.state.set(key, value);
  }

  /** True when nothing is held. */
  get empty(): boolean {
    return this.contacts.size + this.conversations.size + this.items.length + this.incoming.length + this.state.size === 0;
  }

  /** Writes everything held (contacts before the conversations that point at them), then forgets it. */
  async flush(): Promise<void> {
    if (this.empty) return;
    const { tx } = this;
    const contacts = [...this.contacts.values()];
    const conversations = [...this.conversations.values()];
    const items = this.items.splice(0);
    const incoming = this.incoming.splice(0);
    const state = [...this.state];
    this.contacts.clear();
    this.conversations.clear();
    this.state.clear();
    await many(contacts, tx.contacts.insertMany?.bind(tx.contacts), (c) => tx.contacts.insert(c));
    await many(conversations, tx.conversations.insertMany?.bind(tx.conversations), (c) => tx.conversations.insert(c));
    await many(items, tx.timeline.insertMany?.bind(tx.timeline), (i) => tx.timeline.insert(i));
    const reads = tx.reads;
    if (reads && incoming.length > 0) {
      if (reads.noteIncomingMany) await reads.noteIncomingMany(this.workspaceId, incoming);
      else for (const note of incoming) await reads.noteIncoming(this.workspaceId, note.conversationId, note.at);
    }
    for (const [key, value] of state) await tx.state.put(this.workspaceId, key, value);
  }
}

async function many<T>(rows: T[], batch: ((rows: readonly T[]) => Promise<void>) | undefined, one: (row: T) => Promise<void>): Promise<void> {
  if (rows.length === 0) return;
  if (batch) await batch(rows);
  else for (const row of rows) await one(row);
}
