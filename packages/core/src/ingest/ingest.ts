import { inboundMessageSchema, type InboundMessage, type ParsedInbound } from '../domain/inbound.js';
import type { Channel } from '../domain/channel.js';
import type { Conversation } from '../domain/conversation.js';
import type { Message } from '../domain/timeline.js';
import { ConflictError } from '../errors/conflict-error.js';
import { parseInput } from '../errors/parse.js';
import { requireFound } from '../kit/require-found.js';
import type { KitRuntime } from '../kit/runtime.js';
import { Scope } from '../kit/scope.js';
import { resolveContact } from '../contacts/resolve-contact.js';
import { changeStatus } from '../conversations/status.js';
import { matchFilters, recordFiltered } from '../filters/match-filters.js';
import { routeNewConversation } from '../routing/route-conversation.js';
import type { StorageOperations } from '../storage/storage.js';
import type { EventRecorder } from '../events/event-recorder.js';
import { randomToken } from '../runtime/ids.js';
import { storedHtml } from '../runtime/sanitize-html.js';
import { storeAttachments } from './attachments.js';
import { dropMessage } from './dropped.js';
import { findThread } from './find-thread.js';
import type { IngestResult } from './ingest-result.js';
import { newConversation } from './new-conversation.js';
import { checkedChannel, readConfiguration, type KnownConfiguration } from './read-configuration.js';
import type { Chatflow } from '../chatflows/chatflow.js';

/** Channels `kit.ingest` remembers as receiving duplicates, per kit (beyond it, they go optimistic). */
const MAX_DUPLICATE_CHANNELS = 10_000;

/** Concurrent ingests may collide on unique keys; a retry then sees the winner's rows. */
export const MAX_ATTEMPTS = 3;

/** An inbound message checked and ready for its transaction: parsed, its channel read, its attachments stored. */
export interface PreparedInbound {
  readonly message: ParsedInbound;
  readonly channel: Channel;
  readonly attachments: Message['attachments'];
}

/** Reads a channel, or `NOT_FOUND`; `CHANNEL` when it is disconnected. */
export async function activeChannel(runtime: KitRuntime, workspaceId: string, channelId: string): Promise<Channel> {
  return checkedChannel(await runtime.storage.records.get(workspaceId, 'channel', channelId), channelId);
}

/**
 * What happens before the transaction: validation, the channel read (through `channelOf`,
 * which `ingestMany` caches), and the attachments' bytes going to the blob store. Keys derive
 * from the external id, so a retry or duplicate overwrites the same blobs instead of adding new ones.
 */
export async function prepareInbound(
  runtime: KitRuntime,
  input: InboundMessage,
  channelOf: (workspaceId: string, channelId: string) => Promise<Channel>,
): Promise<PreparedInbound> {
  const message = parseInput(inboundMessageSchema, input, 'inbound message');
  const channel = await channelOf(message.workspaceId, message.channelId);
  return { message, channel, attachments: await storedAttachments(runtime, message) };
}

function storedAttachments(runtime: KitRuntime, message: ParsedInbound): Promise<Message['attachments']> {
  const blobPrefix = `${message.workspaceId}/${message.channelId}/${encodeURIComponent(message.externalId)}`;
  return storeAttachments(runtime, message.workspaceId, blobPrefix, message.attachments);
}

/**
 * Runs `work` as one state change of the workspace, again when it ends in `CONFLICT` (a
 * concurrent ingest won a unique key: the retry sees its rows), up to `attempts` times.
 * `work` learns which attempt it is (1 first).
 */
export async function mutateRetrying<T>(
  scope: Scope,
  work: (tx: StorageOperations, events: EventRecorder, attempt: number) => Promise<T>,
  attempts = MAX_ATTEMPTS,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await scope.mutate((tx, events) => work(tx, events, attempt));
    } catch (error) {
      if (!ConflictError.isInstance(error) || attempt >= attempts) throw error;
    }
  }
}

/**
 * The one inbound door: validate → dedupe by `(channelId, externalId)` → filters → contact →
 * thread or create → route → persist in ONE transaction → events → emit (after commit).
 * Ingesting an `externalId` again returns the first result with `duplicate: true`.
 */
export async function ingest(runtime: KitRuntime, input: InboundMessage): Promise<IngestResult> {
  const message = parseInput(inboundMessageSchema, input, 'inbound message');
  // Blobs are written before the transaction: a message with attachments checks its channel first.
  if (message.attachments.length > 0) await activeChannel(runtime, message.workspaceId, message.channelId);
  const attachments = await storedAttachments(runtime, message);
  // The channel is a row of the workspace (checked in the transaction): no need to read the workspace.
  const scope = new Scope(runtime, message.workspaceId, null, true);
  // The first attempt skips the dedupe read: a message seen before makes its insert throw
  // `CONFLICT` (the store's unique external id), and the retries read as usual. A channel
  // whose last message was a duplicate (two processes pulling one mailbox) reads first.
  const channelKey = `${message.workspaceId}/${message.channelId}`;
  const optimistic = !runtime.duplicateChannels.has(channelKey);
  const result = await mutateRetrying(scope, async (tx, events, attempt) => {
    const { channel, known } = await readConfiguration(runtime, tx, message);
    return ingestInTransaction(scope, tx, events, { message, channel, attachments }, { dedupeByInsert: optimistic && attempt === 1, known });
  }, MAX_ATTEMPTS + 1);
  if (!result.duplicate) runtime.duplicateChannels.delete(channelKey);
  else if (runtime.duplicateChannels.size < MAX_DUPLICATE_CHANNELS) runtime.duplicateChannels.add(channelKey);
  return result;
}

/** How `ingestInTransaction` finds an earlier copy of the message. */
export interface IngestOptions {
  /**
   * Leave the dedupe read out and let the message's insert throw `CONFLICT` when its
   * `(channelId, externalId)` exists (the caller retries without it). A filter drop, which
   * inserts no message, still reads first.
   */
  readonly dedupeByInsert?: boolean;
  /** Configuration the caller has read in this transaction. */
  readonly known?: KnownConfiguration;
}

/** One message's part of an ingest transaction (`ingest` runs one, `ingestMany` many in a row). */
export async function ingestInTransaction(
  scope: Scope,
  tx: StorageOperations,
  events: EventRecorder,
  { channel, message: inbound, attachments }: PreparedInbound,
  { dedupeByInsert = false, known = {} }: IngestOptions = {},
): Promise<IngestResult> {
  const { runtime, workspaceId } = scope;
  const earlierCopy = async () => {
    const previous = await tx.timeline.findByExternalId(workspaceId, channel.id, inbound.externalId);
    return previous && duplicateResult(tx, workspaceId, previous);
  };
  const duplicate = dedupeByInsert ? null : await earlierCopy();
  if (duplicate) return duplicate;

  const filter = await matchFilters(tx, workspaceId, channel.inboxId, inbound, known.filters);
  if (filter?.action === 'drop') {
    const kept = dedupeByInsert ? await earlierCopy() : null;
    if (kept) return kept;
    const dropped = await dropMessage(tx, channel, inbound, filter);
    if (dropped.record) recordFiltered(events, channel, inbound, filter, null);
    return dropped.result;
  }
  const contact = await resolveContact(runtime, tx, events, workspaceId, inbound.from);
  const now = runtime.clock.now();
  const receivedAt = Math.min(inbound.receivedAt ?? now, now);
  let conversation = filter ? null : await findThread(tx, channel, inbound, contact, now);
  const created = conversation === null;
  if (conversation === null) {
    conversation = newConversation({
      id: runtime.ids.next('conv'),
      replyToken: randomToken(20),
      channel,
      contact,
      inbound,
      at: receivedAt,
      // Retention counts from when it was filtered, not from an old `receivedAt` of an import.
      spamAt: filter ? now : null,
    });
    events.record('conversation.created', {
      conversationId: conversation.id,
      inboxId: conversation.inboxId,
      channelId: channel.id,
      contactId: contact.id,
    });
    // A bot chatflow's conversation waits for the bot: its handoff routes it (see `ws.bots`).
    if (!filter && !(await startsWithBot(tx, workspaceId, inbound, known.chatflow))) {
      conversation = await routeNewConversation(scope, tx, events, conversation, contact, { channel, ...(known.rule !== undefined && { rule: known.rule }) });
    }
  } else {
    if (conversation.status !== 'open') {
      // A customer writing again reopens closed and wakes snoozed conversations.
      conversation = changeStatus(conversation, 'open', { now, by: { type: 'channel', id: channel.id } }, events);
    }
    conversation = {
      ...conversation,
      lastMessageAt: Math.max(conversation.lastMessageAt, receivedAt),
      messageCount: conversation.messageCount + 1,
      updatedAt: now,
    };
  }
  const stored: Message = {
    kind: 'message',
    id: runtime.ids.next('itm'),
    workspaceId,
    conversationId: conversation.id,
    channelId: channel.id,
    direction: 'incoming',
    author: { type: 'contact', id: contact.id },
    text: inbound.text,
    visibleText: inbound.visibleText ?? null,
    html: storedHtml(runtime.sanitizeHtml, inbound.html),
    attachments,
    externalId: inbound.externalId,
    metadata: inbound.metadata,
    deliveryStatus: null,
    deliveryError: null,
    createdAt: receivedAt,
  };
  if (created) await tx.conversations.insert(conversation);
  else await tx.conversations.update(conversation);
  await tx.timeline.insert(stored);
  if (filter) {
    recordFiltered(events, channel, inbound, filter, { conversationId: conversation.id, messageId: stored.id });
    return { status: 'filtered', filterId: filter.filterId, reason: filter.reason, conversation, message: stored, created: false, duplicate: false };
  }
  // The arrival time on the kit clock, not `receivedAt`: mail dated before a user's last read still makes it unread.
  if (runtime.storage.capabilities.reads && tx.reads) await tx.reads.noteIncoming(workspaceId, conversation.id, now);
  events.record('message.received', {
    conversationId: conversation.id,
    messageId: stored.id,
    inboxId: conversation.inboxId,
    channelId: channel.id,
    contactId: contact.id,
    createdConversation: created,
  });
  return { status: 'accepted', conversation, message: stored, contact, created, duplicate: false };
}

async function startsWithBot(tx: StorageOperations, workspaceId: string, inbound: ParsedInbound, known?: Chatflow | null): Promise<boolean> {
  if (inbound.origin?.kind !== 'chatflow' || !inbound.origin.id) return false;
  const chatflow = known !== undefined ? known : await tx.records.get(workspaceId, 'chatflow', inbound.origin.id);
  return chatflow?.type === 'bot' && chatflow.channelId === inbound.channelId;
}

async function duplicateResult(tx: StorageOperations, workspaceId: string, message: Message): Promise<IngestResult> {
  // Locked: a contact merge moving this conversation holds its row until it commits, so the
  // contact read next is the one the conversation points at after the merge, never a deleted one.
  const conversation = (await tx.conversations.get(workspaceId, message.conversationId, { lock: true })) as Conversation;
  const contact = requireFound(await tx.contacts.get(workspaceId, conversation.contactId), 'contact', conversation.contactId);
  if (conversation.spam) {
    return { status: 'filtered', filterId: 'previous', reason: 'filtered when first ingested', conversation, message, created: false, duplicate: true };
  }
  return { status: 'accepted', conversation, message, contact, created: false, duplicate: true };
}
