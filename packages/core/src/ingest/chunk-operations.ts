import { normalizeEmail } from '../domain/common.js';
import type { Contact } from '../domain/contact.js';
import type { Message } from '../domain/timeline.js';
import type { StorageOperations } from '../storage/storage.js';
import { HeldWrites } from './held-writes.js';
import type { PreparedInbound } from './ingest.js';
import { RecordReads } from './record-reads.js';

type Group = keyof StorageOperations;
type Method = (...args: never[]) => Promise<unknown>;

// Calls that only read. After any other call of these groups, what the chunk prefetched
// about contacts and messages may be stale (a merge, a delete), so it is forgotten.
const READS = new Set(['get', 'list', 'count', 'listAll', 'findByEmail', 'findByEmails', 'findByVisitorId', 'findByPhone', 'findByExternalId', 'findByExternalIds', 'findManyByExternalId', 'status', 'countUnread', 'read', 'conversations']);
// Groups whose calls never look at the held tables: no flush before them.
const UNRELATED = new Set<Group>(['workspaces', 'addresses', 'leases']);

/**
 * One `ingestMany` chunk's view of its transaction, which `ingestInTransaction` runs on
 * unchanged. It answers what ingest asks per message from what the chunk already knows — the
 * batch's dedupe keys and senders read at once (the senders locked, as ingest locks them),
 * configuration records read once, and the rows the chunk itself wrote — and holds inserts
 * back so each table gets one multi-row write (`HeldWrites`). Any other call first flushes
 * what is held, so it sees every earlier write: the transaction reads as if each write had
 * gone through at once. Ingest treats rows as immutable, so held rows are handed out as is.
 */
export class ChunkOperations {
  private readonly held: HeldWrites;
  // Per channel: external id → its stored message (`null`: known absent), for the batch's ids.
  private readonly messages = new Map<string, Map<string, Message | null>>();
  // Normalized email → contact (`null`: known absent); id → contact. Found ones are locked.
  private readonly byEmail = new Map<string, Contact | null>();
  private readonly byId = new Map<string, Contact>();
  // Configuration does not change under ingest: each distinct read goes to the store once per chunk.
  private readonly records: RecordReads;
  private readonly state = new Map<string, unknown>();
  /** The view to hand to `ingestInTransaction`. */
  readonly operations: StorageOperations;

  private constructor(
    private readonly tx: StorageOperations,
    private readonly workspaceId: string,
  ) {
    this.held = new HeldWrites(tx, workspaceId);
    this.records = new RecordReads(tx.records);
    this.operations = this.view();
  }

  /** Opens the view for `chunk` (one workspace), reading its dedupe keys and senders in one go each. */
  static async open(tx: StorageOperations, workspaceId: string, chunk: readonly PreparedInbound[]): Promise<ChunkOperations> {
    const ops = new ChunkOperations(tx, workspaceId);
    await ops.prefetch(chunk);
    return ops;
  }

  /** Writes what is still held; call it before the transaction commits. */
  flush(): Promise<void> {
    return this.held.flush();
  }

  private async prefetch(chunk: readonly PreparedInbound[]): Promise<void> {
    const { tx, workspaceId } = this;
    if (tx.timeline.findManyByExternalId) {
      const byChannel = new Map<string, string[]>();
      for (const { message } of chunk) (byChannel.get(message.channelId) ?? byChannel.set(message.channelId, []).get(message.channelId)!).push(message.externalId);
      for (const [channelId, externalIds] of byChannel) {
        const known = new Map<string, Message | null>(externalIds.map((id) => [id, null]));
        for (const message of await tx.timeline.findManyByExternalId(workspaceId, channelId, externalIds)) known.set(message.externalId!, message);
        this.messages.set(channelId, known);
      }
    }
    const emails = [...new Set(chunk.flatMap(({ message }) => (message.from.email ? [normalizeEmail(message.from.email)] : [])))];
    if (tx.contacts.findByEmails && emails.length > 0) {
      for (const email of emails) this.byEmail.set(email, null);
      for (const contact of await tx.contacts.findByEmails(workspaceId, emails, { lock: true })) this.know(contact);
    }
  }

  private know(contact: Contact): void {
    const previous = this.byId.get(contact.id);
    if (previous?.email && previous.email !== contact.email) this.byEmail.set(previous.email, null);
    this.byId.set(contact.id, contact);
    if (contact.email) this.byEmail.set(contact.email, contact);
  }

  private forget(): void {
    this.messages.clear();
    this.byEmail.clear();
    this.byId.clear();
    this.state.clear();
  }

  private mine(workspaceId: string): boolean {
    return workspaceId === this.workspaceId;
  }

  /** Every method of `group`, flushing first (unless unrelated) and forgetting after a write. */
  private passThrough<G extends Group>(group: G): NonNullable<StorageOperations[G]> {
    const store = this.tx[group] as unknown as Record<string, unknown> | undefined;
    const routed: Record<string, Method> = {};
    if (!store) return undefined as never;
    for (const name of methodNames(store)) {
      const method = store[name] as Method;
      routed[name] = async (...args) => {
        if (!UNRELATED.has(group)) await this.held.flush();
        const result = await method.apply(store, args);
        // Writes of the unrelated groups touch nothing the chunk knows (nor its held state pointer).
        if (!READS.has(name) && !UNRELATED.has(group)) this.forget();
        return result;
      };
    }
    return routed as never;
  }

  private view(): StorageOperations {
    const { tx, held } = this;
    const contacts = this.passThrough('contacts');
    const conversations = this.passThrough('conversations');
    const timeline = this.passThrough('timeline');
    const state = this.passThrough('state');
    const reads = this.passThrough('reads');
    return {
      workspaces: this.passThrough('workspaces'),
      events: this.passThrough('events'),
      addresses: this.passThrough('addresses'),
      leases: this.passThrough('leases'),
      bots: this.passThrough('bots'),
      followers: this.passThrough('followers'),
      search: this.passThrough('search'),
      records: this.records.store,
      contacts: {
        ...contacts,
        insert: async (contact) => {
          if (!this.mine(contact.workspaceId)) return contacts.insert(contact);
          held.contacts.set(contact.id, contact);
          this.know(contact);
        },
        update: async (contact) => {
          if (this.mine(contact.workspaceId) && held.contacts.has(contact.id)) {
            held.contacts.set(contact.id, contact);
            this.know(contact);
            return true;
          }
          await held.flush();
          const updated = await tx.contacts.update(contact);
          if (updated && this.mine(contact.workspaceId)) this.know(contact);
          return updated;
        },
        get: async (workspaceId, id, options) => (this.mine(workspaceId) && this.byId.get(id)) || tx.contacts.get(workspaceId, id, options),
        findByEmail: async (workspaceId, email) => {
          const known = this.mine(workspaceId) ? this.byEmail.get(normalizeEmail(email)) : undefined;
          return known !== undefined ? known : tx.contacts.findByEmail(workspaceId, email);
        },
      },
      conversations: {
        ...conversations,
        insert: async (conversation) => {
          if (!this.mine(conversation.workspaceId)) return conversations.insert(conversation);
          held.conversations.set(conversation.id, conversation);
        },
        update: async (conversation) => {
          if (this.mine(conversation.workspaceId) && held.conversations.has(conversation.id)) {
            held.conversations.set(conversation.id, conversation);
            return true;
          }
          return tx.conversations.update(conversation);
        },
        // A row the chunk holds is the newest there is; any other is the store's (locked as asked).
        get: async (workspaceId, id, options) => (this.mine(workspaceId) && held.conversations.get(id)) || tx.conversations.get(workspaceId, id, options),
      },
      timeline: {
        ...timeline,
        insert: async (item) => {
          if (!this.mine(item.workspaceId)) return timeline.insert(item);
          held.items.push(item);
          if (item.kind === 'message' && item.externalId !== null) this.messages.get(item.channelId)?.set(item.externalId, item);
        },
        findByExternalId: async (workspaceId, channelId, externalId) => {
          const known = this.mine(workspaceId) ? this.messages.get(channelId)?.get(externalId) : undefined;
          if (known !== undefined) return known;
          return heldMessage(held, channelId, externalId) ?? tx.timeline.findByExternalId(workspaceId, channelId, externalId);
        },
        // The store's newest match and the chunk's own: the newer of the two.
        findByExternalIds: async (workspaceId, externalIds) => {
          const stored = await tx.timeline.findByExternalIds(workspaceId, externalIds);
          if (!this.mine(workspaceId)) return stored;
          const wanted = new Set(externalIds);
          let newest = stored;
          for (const item of held.items) {
            if (item.kind === 'message' && item.externalId !== null && wanted.has(item.externalId) && (!newest || item.createdAt > newest.createdAt)) newest = item;
          }
          return newest;
        },
      },
      state: {
        ...state,
        // The router's pointer: read (locked) once, written once at the flush.
        get: async (workspaceId, key, options) => {
          if (!this.mine(workspaceId)) return state.get(workspaceId, key, options);
          if (!this.state.has(key)) this.state.set(key, await tx.state.get(workspaceId, key, options));
          return this.state.get(key) as never;
        },
        put: async (workspaceId, key, value) => {
          if (!this.mine(workspaceId)) return state.put(workspaceId, key, value);
          this.state.set(key, value);
          held.putState(key, value);
        },
      },
      reads: reads && {
        ...reads,
        noteIncoming: async (workspaceId, conversationId, at) => {
          if (!this.mine(workspaceId)) return reads.noteIncoming(workspaceId, conversationId, at);
          held.incoming.push({ conversationId, at });
        },
      },
    };
  }
}

function heldMessage(held: HeldWrites, channelId: string, externalId: string): Message | null {
  for (const item of held.items) {
    if (item.kind === 'message' && item.channelId === channelId && item.externalId === externalId) return item;
  }
  return null;
}

/** The method names of a store object, own or inherited (class-based stores keep them on the prototype). */
function methodNames(store: object): string[] {
  const names = new Set<string>();
  for (let o: object | null = store; o && o !== Object.prototype; o = Object.getPrototypeOf(o)) {
    for (const name of Object.getOwnPropertyNames(o)) {
      if (name !== 'constructor' && typeof (store as Record<string, unknown>)[name] === 'function') names.add(name);
    }
  }
  return [...names];
}
