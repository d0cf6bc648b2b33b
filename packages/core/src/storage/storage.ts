import type { Page } from '../domain/common.js';
import type { Contact } from '../domain/contact.js';
import type { Conversation, ConversationStatus } from '../domain/conversation.js';
import type { InboxEvent, NewEvent } from '../domain/events.js';
import type { Message, TimelineItem } from '../domain/timeline.js';
import type { Workspace } from '../domain/workspace.js';
import type { AnalyticsStore } from './analytics-store.js';
import type { BotSessionStore } from './bot-store.js';
import type { SearchStore } from './search-store.js';
import type { FollowerStore } from './follower-store.js';
import type { ReadStateStore } from './read-store.js';
import type { StorageSignal } from './signals.js';
import type { BaseRecord, RecordKind, RecordRead, RecordWhere, StorageRecordTypes } from './records.js';

/**
 * # The InboxKit storage contract (v1)
 *
 * A `Storage` keeps every InboxKit entity. The core calls it; hosts only pick one
 * (`memoryStorage()`, `postgresStorage()`, or a third-party store).
 *
 * Rules every store follows (checked by `@inboxkit/storage-testkit`):
 * - Every method is scoped by `workspaceId` (its first argument); nothing reads or
 *   writes across workspaces except the few methods marked *global*.
 * - Missing items are `null`, never `undefined`. The core maps `null` to `NOT_FOUND`.
 * - Writes that break a uniqueness rule throw a `CONFLICT` error (`ConflictError`).
 * - Stored values are returned as fresh copies: mutating a result never changes the store.
 * - Inside `transaction(fn)` every write commits together or not at all.
 * - Ids are unique per workspace (the same id may exist in two workspaces).
 * - Emails and addresses compare case-insensitively: the store normalizes (lower-cases) them.
 * - Every `limit` is an integer from 1 to `MAX_STORE_LIMIT` (10 000); any other value (0, -1,
 *   1.5, NaN, 1e9) throws `VALIDATION` (`checkStoreLimit`). A cursor the store did not make
 *   throws `VALIDATION` (`decodeCursor` with the parts' kinds), never `STORAGE`.
 * - Text never holds NUL or lone UTF-16 surrogates: the core refuses them at its input with
 *   `VALIDATION` naming the field (`unsafeTextReason`), so stores are never handed them.
 *
 * Write a store by implementing this interface and running `runStorageConformance`.
 */
export interface Storage extends StorageOperations {
  /** Contract version; a breaking change adds `v2` beside it. */
  readonly specificationVersion: 'v1';
  /** Human-readable store name, for logs (`memory`, `postgres`…). */
  readonly name: string;
  /** Optional features this store has. */
  readonly capabilities: StorageCapabilities;

  /**
   * Runs `fn` in one transaction: all its writes commit together, or none do when `fn`
   * throws (the error is re-thrown as is). A write that throws (e.g. `CONFLICT`) leaves the
   * transaction unusable: `fn` must let the error propagate, and callers retry the whole
   * transaction. Transactions do not nest: using the store itself (not `tx`) inside `fn`
   * throws a `STORAGE` error rather than deadlocking.
   * Stores serialize conflicting transactions (memory: one at a time; SQL: row locks taken by
   * `lock: true` reads and unique constraints). A deadlock or serialization failure between
   * transactions is retried inside the store (bounded; `fn` runs again from the start, so it
   * must do nothing but storage calls), never surfaced as `STORAGE` unless retries run out.
   * Calls made through one `tx` run one at a time, even when `fn` starts them in parallel.
   */
  transaction<T>(fn: (tx: StorageOperations) => Promise<T>): Promise<T>;

  /**
   * Optional (capability `subscribe`): a feed of events committed by *any* process sharing
   * this store after the returned promise resolves, delivered per workspace in `seq` order
   * without gaps. Resolves to an unsubscribe function. The kit emits other processes' events from it.
   */
  subscribe?(listener: (event: InboxEvent) => void): Promise<() => Promise<void>>;

  /**
   * Optional (capability `analytics`): reports computed by the store (`ws.analytics`). Used
   * outside transactions only. Without it, `ws.analytics` throws `UNSUPPORTED`.
   */
  readonly analytics?: AnalyticsStore;

  /**
   * Optional (capability `signals`): hands an ephemeral signal (presence: who views or types)
   * to every `subscribeSignals` listener of every process sharing this store, the sender's
   * own included, in send order per process. Never stored, never in the event log; a
   * listener that was not subscribed when it was sent never gets it. Throws `VALIDATION`
   * when the payload exceeds `MAX_SIGNAL_BYTES` (`checkSignal`). Not available inside a
   * transaction: a signal is not part of a state change.
   */
  signal?(signal: StorageSignal): Promise<void>;

  /**
   * Optional (capability `signals`): listens to the signals sent by any process after the
   * returned promise resolves. Resolves to an unsubscribe function.
   */
  subscribeSignals?(listener: (signal: StorageSignal) => void): Promise<() => Promise<void>>;

  /** Releases what the store created (pools, timers). Never closes a client it was given. */
  close(): Promise<void>;
}

/** Optional features of a store. */
export interface StorageCapabilities {
  /** `subscribe()` is implemented (cross-process event feed). */
  subscribe: boolean;
  /**
   * `analytics` is implemented (reports computed by the store). Optional so that v1 stores
   * written before it stay valid: absent means `false`.
   */
  analytics?: boolean;
  /** `bots` is implemented (bot sessions; needed by `ws.bots`). Absent means `false`. */
  bots?: boolean;
  /** `search` is implemented (full-text search; needed by `conversations.search`). Absent means `false`. */
  search?: boolean;
  /** `reads` is implemented (per-user read state; needed by `markRead`, `unreadCounts`). Absent means `false`. */
  reads?: boolean;
  /** `followers` is implemented (conversation followers; needed by `follow`). Absent means `false`. */
  followers?: boolean;
  /** `signal` and `subscribeSignals` are implemented (ephemeral cross-process signals for `ws.presence`). Absent means `false`. */
  signals?: boolean;
}

/** The operations available outside and inside a transaction. */
export interface StorageOperations {
  /** Tenants. */
  readonly workspaces: WorkspaceStore;
  /** Configuration records (users, teams, inboxes, channels, …). */
  readonly records: RecordStore;
  /** Contacts. */
  readonly contacts: ContactStore;
  /** Conversations. */
  readonly conversations: ConversationStore;
  /** Messages and comments. */
  readonly timeline: TimelineStore;
  /** The durable per-workspace event log. */
  readonly events: EventStore;
  /** Small per-workspace key/value state (checkpoints, rotation pointers). */
  readonly state: StateStore;
  /** Global address → inbox directory (fallback addresses). */
  readonly addresses: AddressStore;
  /** Global named leases: one owner at a time per background job. */
  readonly leases: LeaseStore;
  /** Optional (capability `bots`): bot sessions and their step transitions. Without it, `ws.bots` throws `UNSUPPORTED`. */
  readonly bots?: BotSessionStore;
  /**
   * Optional (capability `search`): full-text conversation search, indexed by the store's own
   * writes. Without it, `conversations.search` throws `UNSUPPORTED`.
   */
  readonly search?: SearchStore;
  /** Optional (capability `reads`): per-user read state. Without it, read-state calls throw `UNSUPPORTED`. */
  readonly reads?: ReadStateStore;
  /** Optional (capability `followers`): conversation followers. Without it, `follow` throws `UNSUPPORTED` and nobody auto-follows. */
  readonly followers?: FollowerStore;
}

/** Tenants. */
export interface WorkspaceStore {
  /** Inserts a workspace. Throws `CONFLICT` if the id exists. */
  insert(workspace: Workspace): Promise<void>;
  /** Replaces a workspace. Returns `false` when it does not exist. */
  update(workspace: Workspace): Promise<boolean>;
  /** The workspace, or `null`. */
  get(id: string): Promise<Workspace | null>;
  /** *Global.* Workspaces ordered by id. */
  list(query: { cursor?: string | null; limit: number }): Promise<Page<Workspace>>;
}

/** Configuration records of one kind, ordered by id. */
export interface RecordStore {
  /** Inserts or replaces the record `(workspaceId, kind, record.id)`. Idempotent. */
  put<K extends RecordKind>(kind: K, record: StorageRecordTypes[K]): Promise<void>;
  /** The record, or `null`. */
  get<K extends RecordKind>(workspaceId: string, kind: K, id: string): Promise<StorageRecordTypes[K] | null>;
  /**
   * Records of a kind ordered by id. `where` keeps records whose top-level fields equal the
   * given values (an array value: equal one of them). Returns all matches when `limit` is
   * omitted; `nextCursor` is non-null only when another matching record follows.
   */
  list<K extends RecordKind>(
    workspaceId: string,
    kind: K,
    query?: { where?: RecordWhere; cursor?: string | null; limit?: number },
  ): Promise<Page<StorageRecordTypes[K]>>;
  /**
   * Optional (one round trip for several reads): for each read, in order, its records ordered
   * by id — `[record]` or `[]` for a read by id, every match (no paging) for a `where`.
   * Sees the transaction's own writes, like `get` and `list`.
   */
  readMany?(workspaceId: string, reads: readonly RecordRead[]): Promise<BaseRecord[][]>;
  /** *Global.* Records of a kind in every workspace, ordered by (workspaceId, id). For adapters starting up. */
  listAll<K extends RecordKind>(
    kind: K,
    query?: { where?: RecordWhere; cursor?: string | null; limit?: number },
  ): Promise<Page<StorageRecordTypes[K]>>;
  /** Deletes the record. Returns `false` when it did not exist. Idempotent. */
  delete(workspaceId: string, kind: RecordKind, id: string): Promise<boolean>;
}

/** Contacts. Emails are stored normalized (lower-case) and are unique per workspace. */
export interface ContactStore {
  /** Inserts a contact. Throws `CONFLICT` if the id, or a non-null email, exists in the workspace. */
  insert(contact: Contact): Promise<void>;
  /** Replaces a contact. Throws `CONFLICT` on a duplicate email. Returns `false` when missing. */
  update(contact: Contact): Promise<boolean>;
  /**
   * The contact, or `null`. With `lock: true` inside a transaction, the row stays locked
   * against other transactions' locking reads, writes and deletes until commit (merges and
   * deletes take it, so a contact an ingest locked cannot vanish under it).
   */
  get(workspaceId: string, id: string, options?: { lock?: boolean }): Promise<Contact | null>;
  /** The contact with this (normalized) email, or `null`. */
  findByEmail(workspaceId: string, email: string): Promise<Contact | null>;
  /**
   * The contact whose `visitorIds` contain `visitorId` (the smallest id when several do), or
   * `null`. With `lock: true` inside a transaction, the visitor id itself is locked until
   * commit, also when no contact has it yet: concurrent find-or-create calls create it once.
   */
  findByVisitorId(workspaceId: string, visitorId: string, options?: { lock?: boolean }): Promise<Contact | null>;
  /**
   * The contact with this phone (the smallest id when several have it), or `null`. `lock`
   * as in `findByVisitorId`, keyed on the phone.
   */
  findByPhone(workspaceId: string, phone: string, options?: { lock?: boolean }): Promise<Contact | null>;
  /**
   * Optional (batch ingest, `kit.ingestMany`): the contacts whose emails are among `emails`
   * (compared normalized), ordered by id. `lock` locks every row found until commit, as `get`
   * with `lock` does. Without it, ingest asks `findByEmail` once per message.
   */
  findByEmails?(workspaceId: string, emails: readonly string[], options?: { lock?: boolean }): Promise<Contact[]>;
  /**
   * Optional (batch ingest): inserts every contact or none. Throws `CONFLICT` as `insert` does
   * when an id or a non-null email exists, in the store or twice in `contacts`.
   */
  insertMany?(contacts: readonly Contact[]): Promise<void>;
  /** Contacts ordered by id; `search` matches name or email case-insensitively (substring). */
  list(workspaceId: string, query: { search?: string; cursor?: string | null; limit: number }): Promise<Page<Contact>>;
  /** Deletes a contact. Returns `false` when missing. */
  delete(workspaceId: string, id: string): Promise<boolean>;
}

/** Filters of a conversation list or count; all given filters must match. */
export interface ConversationFilter {
  /** Only these inboxes (an empty array matches nothing). */
  inboxIds?: string[];
  /** Only these statuses. */
  statuses?: ConversationStatus[];
  /** A user id, or `null` for unassigned. */
  assigneeId?: string | null;
  /** A team id, or `null` for no team. */
  teamId?: string | null;
  /** Only this channel type. */
  channelType?: string;
  /** Only this channel. */
  channelId?: string;
  /** Only this contact. */
  contactId?: string;
  /** Spam flag; omitted matches both. */
  spam?: boolean;
  /** `lastMessageAt` window: `from` inclusive, `to` exclusive (epoch ms); either may be omitted. */
  lastMessageAt?: { from?: number; to?: number };
  /** Conversations carrying at least one of these tags (an empty array matches nothing). */
  tagIds?: string[];
}

/** Conversations. Lists are ordered newest activity first: `(lastMessageAt desc, id desc)`. */
export interface ConversationStore {
  /** Inserts a conversation. Throws `CONFLICT` if the id exists. */
  insert(conversation: Conversation): Promise<void>;
  /** Optional (batch ingest): inserts every conversation or none; `CONFLICT` as `insert` when an id exists, in the store or twice in `conversations`. */
  insertMany?(conversations: readonly Conversation[]): Promise<void>;
  /** Replaces a conversation. Returns `false` when missing. */
  update(conversation: Conversation): Promise<boolean>;
  /**
   * The conversation, or `null`. With `lock: true` inside a transaction, the row stays
   * locked against other transactions' locking reads and writes until commit.
   */
  get(workspaceId: string, id: string, options?: { lock?: boolean }): Promise<Conversation | null>;
  /**
   * Keyset-paginated list. The cursor is opaque to the caller; a page never repeats or
   * skips a conversation whose `lastMessageAt` did not change between the two calls.
   * `nextCursor` is non-null only when another item follows (stores look one row ahead).
   */
  list(workspaceId: string, query: ConversationFilter & { cursor?: string | null; limit: number }): Promise<Page<Conversation>>;
  /** Number of conversations matching the filter. */
  count(workspaceId: string, filter: ConversationFilter): Promise<number>;
  /** Moves every conversation of `fromContactId` to `toContactId` (contact merge). Returns how many. `updatedAt` may or may not change. */
  moveContact(workspaceId: string, fromContactId: string, toContactId: string): Promise<number>;
  /** *Global.* Snoozed conversations with `snoozedUntil <= before`, earliest first (ties in any order). */
  listDueSnoozed(before: number, limit: number): Promise<Array<{ workspaceId: string; id: string; snoozedUntil: number }>>;
  /**
   * *Global.* Spam conversations that became spam and last had a message before `before`
   * (`spamAt < before` and `lastMessageAt < before`), earliest `spamAt` first (ties in any
   * order), at most `limit`: what the spam retention purges. Non-spam conversations never appear.
   */
  listSpamBefore(before: number, limit: number): Promise<Array<{ workspaceId: string; id: string; spamAt: number }>>;
  /**
   * Deletes the conversation and everything the store keeps under it: its timeline items (their
   * external ids become free again), derived rows (analytics), bot sessions with their
   * transitions, read marks and followers, and its place in every index, count and list. A
   * store adding per-conversation data deletes that here too. Returns `false`
   * when it did not exist (idempotent). Inside a transaction, a rollback restores all of it.
   * Attachment bytes live in the kit's `BlobStore`: the core deletes those.
   */
  delete(workspaceId: string, id: string): Promise<boolean>;
}

/** Messages and comments. Lists are ordered oldest first: `(createdAt asc, id asc)`. */
export interface TimelineStore {
  /**
   * Inserts a message or comment. Throws `CONFLICT` if the id exists, or if a message with the
   * same `(workspaceId, channelId, externalId)` exists (this is what makes ingest idempotent).
   */
  insert(item: TimelineItem): Promise<void>;
  /** Optional (batch ingest): inserts every item or none; `CONFLICT` as `insert` when an id or a message's external id exists, in the store or twice in `items`. */
  insertMany?(items: readonly TimelineItem[]): Promise<void>;
  /** Replaces an item. Returns `false` when missing. */
  update(item: TimelineItem): Promise<boolean>;
  /** The item, or `null`. */
  get(workspaceId: string, id: string): Promise<TimelineItem | null>;
  /** A conversation's items, oldest first. */
  list(workspaceId: string, conversationId: string, query: { cursor?: string | null; limit: number }): Promise<Page<TimelineItem>>;
  /** The message with this channel id, or `null`. */
  findByExternalId(workspaceId: string, channelId: string, externalId: string): Promise<Message | null>;
  /** Optional (batch ingest): the messages of the channel whose `externalId` is one of `externalIds`, in any order (`findByExternalId` for many). */
  findManyByExternalId?(workspaceId: string, channelId: string, externalIds: readonly string[]): Promise<Message[]>;
  /** The newest message (by `createdAt`, ties in any order) in the workspace, any channel, whose `externalId` is one of `externalIds`, or `null`. */
  findByExternalIds(workspaceId: string, externalIds: string[]): Promise<Message | null>;
  /** *Global.* Outgoing messages still `pending` with `createdAt < before`, oldest first (the send outbox). */
  listPending(before: number, limit: number): Promise<Message[]>;
}

/** The durable, ordered, per-workspace event log. */
export interface EventStore {
  /**
   * Appends events in order and returns them with `seq` assigned: starting at 1, strictly
   * increasing per workspace in commit order and without gaps (a rolled-back append leaves
   * none), so a reader never sees a later `seq` before an earlier one. `append([])` returns `[]`.
   * An event stamped with another workspace throws `VALIDATION` (`checkEventWorkspaces`) and
   * nothing is appended.
   */
  append(workspaceId: string, events: NewEvent[]): Promise<InboxEvent[]>;
  /** Events with `seq > after` (0 = from the start), in order, at most `limit`. */
  read(workspaceId: string, query: { after?: number; limit: number }): Promise<InboxEvent[]>;
}

/** Per-workspace JSON key/value state. */
export interface StateStore {
  /**
   * The value, or `null`. With `lock: true` inside a transaction the key is locked until commit,
   * also when it does not exist yet (SQL stores may insert a placeholder row to lock; it still reads as `null`).
   */
  get<T = unknown>(workspaceId: string, key: string, options?: { lock?: boolean }): Promise<T | null>;
  /** Sets the value (JSON-serializable). Idempotent. */
  put(workspaceId: string, key: string, value: unknown): Promise<void>;
  /** Deletes the key. Returns `false` when missing. */
  delete(workspaceId: string, key: string): Promise<boolean>;
}

/** Where an address delivers. */
export interface AddressTarget {
  /** Workspace of the inbox. */
  workspaceId: string;
  /** The inbox. */
  inboxId: string;
  /** A channel, when the address belongs to one. */
  channelId: string | null;
}

/** *Global* directory of inbound addresses (lower-cased). */
export interface AddressStore {
  /** Registers an address. Throws `CONFLICT` when it points elsewhere already; idempotent otherwise. */
  put(address: string, target: AddressTarget): Promise<void>;
  /** The target of a (case-insensitive) address, or `null`. Adapters resolve inbound addresses through it (email fallback addresses). */
  get(address: string): Promise<AddressTarget | null>;
  /** Removes an address. Returns `false` when missing. */
  delete(address: string): Promise<boolean>;
}

/** *Global* named leases: at most one live holder per name. */
export interface LeaseStore {
  /**
   * Takes the lease for `ttlMs` if it is free, expired, or already held by `holder`
   * (which renews it). Returns whether `holder` now holds it. Expiry uses `now`.
   */
  acquire(name: string, holder: string, ttlMs: number, now: number): Promise<boolean>;
  /** Gives the lease up if `holder` holds it. Idempotent. */
  release(name: string, holder: string): Promise<void>;
}
