import { z } from 'zod';
import { idSchema } from '../domain/common.js';
import type { ConversationFilter, StorageOperations } from '../storage/storage.js';
import type { ReadStateStore, ReadStatus } from '../storage/read-store.js';
import { parseInput } from '../errors/parse.js';
import { UnsupportedError } from '../errors/unsupported-error.js';
import { requireFound } from '../kit/require-found.js';
import type { Scope } from '../kit/scope.js';
import { personalScope } from '../permissions/personal-scope.js';

/** Input of `markRead` / `markUnread` / `readState`: whose state (the host must say; `asUser` is the acting user). */
export const readerInput = z.strictObject({ userId: idSchema.optional() }).default({});
/** Input of `conversations.markRead`, `markUnread` and `readState`. */
export type ReaderInput = z.input<typeof readerInput>;

/** The views `unreadCounts` can count. */
export const unreadViewSchema = z.enum(['unassigned', 'mine', 'open', 'inboxes']);
/** A view of `unreadCounts`: open unassigned, open assigned to me, all open, or open per inbox. */
export type UnreadView = z.infer<typeof unreadViewSchema>;

/** Input of `conversations.unreadCounts`. */
export const unreadCountsInput = z
  .strictObject({ userId: idSchema.optional(), views: z.array(unreadViewSchema).min(1).optional() })
  .default({});
/** Input of `conversations.unreadCounts`: whose counts, and which views (default: all). */
export type UnreadCountsInput = z.input<typeof unreadCountsInput>;

/**
 * Unread open conversations per view for one user, among the inboxes they can see (spam never
 * counts). Only the views asked for are present.
 */
export interface UnreadCounts {
  /** The reader. */
  userId: string;
  /** Open conversations without an assigned user. */
  unassigned?: number;
  /** Open conversations assigned to the reader. */
  mine?: number;
  /** Every open conversation. */
  open?: number;
  /** Open conversations per inbox the reader can see (inbox id → count). */
  inboxes?: Record<string, number>;
}

function requireReads(scope: Scope, ops: StorageOperations): ReadStateStore {
  if (!scope.runtime.storage.capabilities.reads || !ops.reads) {
    throw new UnsupportedError(`storage "${scope.runtime.storage.name}" has no read state (capability "reads")`);
  }
  return ops.reads;
}

/**
 * Sets the reader's mark on a conversation they can see: read now, or unread on purpose.
 * Records `conversation.read` / `conversation.unread` only when the state flips, so opening
 * a conversation again and again adds nothing to the log.
 */
export async function setRead(scope: Scope, conversationId: string, input: ReaderInput | undefined, read: boolean): Promise<ReadStatus> {
  const { userId } = parseInput(readerInput, input, read ? 'markRead' : 'markUnread');
  const reader = await personalScope(scope, userId, 'read state');
  const readerId = reader.actorId!;
  const { workspaceId } = scope;
  return scope.mutate(async (tx, events) => {
    const reads = requireReads(scope, tx);
    // Locked so two tabs marking at once record one flip.
    const conversation = requireFound(await tx.conversations.get(workspaceId, conversationId, { lock: true }), 'conversation', conversationId);
    await reader.access.requireInbox(conversation.inboxId, 'conversation', conversationId, tx);
    const [before] = await reads.status(workspaceId, readerId, [conversationId]);
    if (before!.unread !== read) return before!;
    const readAt = read ? scope.runtime.clock.now() : null;
    await reads.put({ workspaceId, userId: readerId, conversationId, readAt });
    events.record(read ? 'conversation.read' : 'conversation.unread', { conversationId, inboxId: conversation.inboxId, userId: readerId });
    return { conversationId, unread: !read, readAt };
  });
}

/** The reader's status of one conversation they can see. */
export async function readState(scope: Scope, conversationId: string, input: ReaderInput | undefined): Promise<ReadStatus> {
  const { userId } = parseInput(readerInput, input, 'readState');
  const reader = await personalScope(scope, userId, 'read state');
  const reads = requireReads(scope, scope.storage);
  const conversation = requireFound(await scope.storage.conversations.get(scope.workspaceId, conversationId), 'conversation', conversationId);
  await reader.access.requireInbox(conversation.inboxId, 'conversation', conversationId);
  const [status] = await reads.status(scope.workspaceId, reader.actorId!, [conversationId]);
  return status!;
}

/** Ids of `readStates`: a page of a conversation list. */
export const readStatesIds = z.array(idSchema).max(500);

/**
 * The reader's status of each listed conversation they can see, in the given order (ids
 * missing or hidden from them are left out, as if they did not exist): the unread flags of a
 * list page in one call.
 */
export async function readStates(scope: Scope, conversationIds: readonly string[], input: ReaderInput | undefined): Promise<ReadStatus[]> {
  const ids = parseInput(readStatesIds, conversationIds, 'readStates');
  const { userId } = parseInput(readerInput, input, 'readStates');
  const reader = await personalScope(scope, userId, 'read state');
  const reads = requireReads(scope, scope.storage);
  const visible = await reader.access.visibleInboxIds();
  const unique = [...new Set(ids)];
  const conversations = await Promise.all(unique.map((id) => scope.storage.conversations.get(scope.workspaceId, id)));
  const seen = unique.filter((_, i) => {
    const conversation = conversations[i];
    return conversation !== null && conversation !== undefined && (visible === null || visible.includes(conversation.inboxId));
  });
  return reads.status(scope.workspaceId, reader.actorId!, seen);
}

/** Unread counts per view, each computed by the store (`countUnread`), never by listing conversations. */
export async function unreadCounts(scope: Scope, input: UnreadCountsInput | undefined): Promise<UnreadCounts> {
  const parsed = parseInput(unreadCountsInput, input, 'unreadCounts');
  const reader = await personalScope(scope, parsed.userId, 'read state');
  const userId = reader.actorId!;
  const reads = requireReads(scope, scope.storage);
  const views = new Set(parsed.views ?? unreadViewSchema.options);
  const visible = await reader.access.visibleInboxIds();
  const base: ConversationFilter = { statuses: ['open'], spam: false, ...(visible ? { inboxIds: visible } : {}) };
  const count = (filter: ConversationFilter) => reads.countUnread(scope.workspaceId, userId, { ...base, ...filter });
  const counts: UnreadCounts = { userId };
  if (views.has('unassigned')) counts.unassigned = await count({ assigneeId: null });
  if (views.has('mine')) counts.mine = await count({ assigneeId: userId });
  if (views.has('open')) counts.open = await count({});
  if (views.has('inboxes')) {
    const inboxIds = visible ?? (await scope.storage.records.list(scope.workspaceId, 'inbox')).items.map((inbox) => inbox.id);
    counts.inboxes = Object.fromEntries(await Promise.all(inboxIds.map(async (id) => [id, await count({ inboxIds: [id] })] as const)));
  }
  return counts;
}
