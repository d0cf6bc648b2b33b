import type { ChannelAdapter } from '../channels/channel-adapter.js';
import { ensureFallbackChannel, fallbackChannelId } from '../channels/fallback-channel.js';
import type { Channel } from '../domain/channel.js';
import type { Conversation } from '../domain/conversation.js';
import type { Message } from '../domain/timeline.js';
import { ChannelError } from '../errors/channel-error.js';
import { InboxKitError } from '../errors/inboxkit-error.js';
import type { Scope } from '../kit/scope.js';
import type { KitRuntime } from '../kit/runtime.js';
import type { StorageOperations } from '../storage/storage.js';
import { outgoingExternalId, takeDeliveryLease, type DeliveryLease } from './delivery-lease.js';

/**
 * The channel and adapter that deliver replies of a conversation. Usually its own channel;
 * adapters that cannot send (forms) name a `replyVia` type and the inbox's first active
 * channel of that type is used (a connected one before the inbox's fallback channel), else the fallback channel of that type (an inbox with
 * no team email still answers form submissions from its fallback address). Throws `CHANNEL`
 * when nothing can deliver.
 */
export async function senderFor(
  scope: Scope,
  tx: StorageOperations,
  conversation: Conversation,
): Promise<{ channel: Channel; adapter: ChannelAdapter }> {
  const { workspaceId, runtime } = scope;
  const own = await tx.records.get(workspaceId, 'channel', conversation.channelId);
  const ownAdapter = own ? runtime.channels.get(own.type) : undefined;
  if (own && ownAdapter?.doSend && own.status === 'active') return { channel: own, adapter: ownAdapter };
  const via = ownAdapter?.capabilities.replyVia;
  const viaAdapter = via ? runtime.channels.get(via) : undefined;
  if (via && viaAdapter?.doSend) {
    const candidates = await tx.records.list(workspaceId, 'channel', {
      where: { inboxId: conversation.inboxId, type: via, status: 'active' },
      limit: 2, // one of two is never the fallback: an inbox has one per type
    });
    const fallbackId = fallbackChannelId(conversation.inboxId, via);
    const connected = candidates.items.find((candidate) => candidate.id !== fallbackId);
    const channel = connected ?? (await fallbackSender(scope.runtime, conversation, via));
    if (channel) return { channel, adapter: viaAdapter };
  }
  const type = own?.type ?? conversation.channelType;
  throw new ChannelError(
    type,
    own?.status === 'disconnected'
      ? `channel "${conversation.channelId}" is disconnected`
      : via
        ? `no active ${via} channel in inbox "${conversation.inboxId}" to answer through`
        : `no adapter that can send for channel type "${type}"`,
  );
}

/** The inbox's fallback channel of `type`, or `null` when that adapter can't run on an address alone. */
async function fallbackSender(runtime: KitRuntime, conversation: Conversation, type: string): Promise<Channel | null> {
  try {
    return await ensureFallbackChannel(runtime, conversation.workspaceId, conversation.inboxId, type);
  } catch (error) {
    if (InboxKitError.isInstance(error) && error.code === 'VALIDATION') return null;
    throw error;
  }
}

/**
 * Hands a pending outgoing message to its adapter, then records `sent` or `failed` in its own
 * transaction. Delivery failures never throw: the outcome is on the returned message. Only a
 * storage failure throws, leaving the message `pending` for the next sweep.
 *
 * Crash safety: the caller's `lease` (or one taken here) keeps other processes from sending
 * the message at the same time; a message this process is already delivering, or another
 * process holds, is returned as it stands (`pending`). Before the first `doSend`, the message
 * gets its outgoing `externalId` (the attempt record), so a re-send after a crash carries the
 * same id and the receiver can drop the copy.
 */
export async function deliver(scope: Scope, messageId: string, lease?: DeliveryLease): Promise<Message> {
  const { workspaceId, runtime } = scope;
  const key = `${workspaceId}/${messageId}`;
  const current = async () => (await runtime.storage.timeline.get(workspaceId, messageId)) as Message;
  if (runtime.delivering.has(key)) return current();
  runtime.delivering.add(key);
  try {
    const held = lease ?? (await takeDeliveryLease(runtime, workspaceId, messageId));
    if (!held) return await current();
    try {
      return await attemptDelivery(scope, messageId);
    } finally {
      await held.release();
    }
  } finally {
    runtime.delivering.delete(key);
  }
}

/** Stores the outgoing `externalId` before the first attempt; `{ done }` when the message is no longer pending. */
async function recordAttempt(scope: Scope, messageId: string): Promise<Message | { done: Message }> {
  const { workspaceId, runtime } = scope;
  return scope.mutate(async (tx) => {
    const message = (await tx.timeline.get(workspaceId, messageId)) as Message;
    if (message.deliveryStatus !== 'pending') return { done: message };
    if (message.externalId !== null) {
      runtime.logger.info('re-sending a message whose earlier attempt was interrupted', { workspaceId, messageId });
      return message;
    }
    const next: Message = { ...message, externalId: outgoingExternalId(runtime, messageId) };
    await tx.timeline.update(next);
    return next;
  });
}

async function attemptDelivery(scope: Scope, messageId: string): Promise<Message> {
  const { workspaceId, runtime } = scope;
  const storage = runtime.storage;
  const attempt = await recordAttempt(scope, messageId);
  if ('done' in attempt) return attempt.done;
  const message = attempt;
  const externalId = message.externalId!;
  let outcome: { status: 'sent' | 'failed'; externalId: string | null; error: string | null; metadata: Record<string, unknown> };
  try {
    const conversation = (await storage.conversations.get(workspaceId, message.conversationId))!;
    const { channel, adapter } = await senderFor(scope, storage, conversation);
    const [inbox, contact, author, history] = await Promise.all([
      storage.records.get(workspaceId, 'inbox', conversation.inboxId),
      storage.contacts.get(workspaceId, conversation.contactId),
      message.author.id && message.author.type === 'user' ? storage.records.get(workspaceId, 'user', message.author.id) : null,
      storage.timeline.list(workspaceId, conversation.id, { limit: 500 }),
    ]);
    // Outgoing ids are allocated before sending: only those that went out are referenced.
    const references = history.items.filter(
      (i): i is Message =>
        i.kind === 'message' && i.externalId !== null && i.id !== message.id && (i.direction === 'incoming' || i.deliveryStatus === 'sent'),
    );
    const result = await adapter.doSend!({
      channel,
      inbox: inbox!,
      conversation,
      contact: contact!,
      message,
      externalId,
      author,
      references,
      resolveSecret: (ref) => resolveSecret(runtime, ref),
      readBlob: (key) => runtime.blobs.get(key),
    });
    outcome = { status: 'sent', externalId: result.externalId ?? null, error: null, metadata: result.metadata ?? {} };
  } catch (error) {
    // Only InboxKit errors carry messages written for users; anything else may hold internals.
    // Adapters may quote what they sent (a URL with a password, an auth header): scrub resolved secrets.
    const reason = runtime.redactor.redact(InboxKitError.isInstance(error) ? error.message : 'delivery failed');
    runtime.logger.warn('delivery failed', { workspaceId, messageId, error: reason });
    outcome = { status: 'failed', externalId: null, error: reason, metadata: {} };
  }
  return scope.mutate(async (tx, events) => {
    const current = (await tx.timeline.get(workspaceId, messageId)) as Message;
    if (current.deliveryStatus !== 'pending') return current; // another process finished it
    const next: Message = {
      ...current,
      deliveryStatus: outcome.status,
      deliveryError: outcome.error,
      externalId: outcome.externalId ?? current.externalId,
      metadata: { ...current.metadata, ...outcome.metadata },
    };
    await tx.timeline.update(next);
    events.record('message.delivery.changed', {
      conversationId: next.conversationId,
      messageId,
      status: outcome.status,
      error: outcome.error,
    });
    return next;
  });
}

/**
 * Resolves a secret through the host; a missing resolver is a `CHANNEL` error, never a leak.
 * The value is remembered by the kit's redactor, so it is scrubbed from every delivery error,
 * event and log line afterwards.
 */
export async function resolveSecret(runtime: KitRuntime, ref: string): Promise<string> {
  const secrets = runtime.secrets;
  if (!secrets) throw new ChannelError('secrets', `no secrets resolver configured (needed for "${ref}")`);
  const value = await secrets.resolve(ref);
  if (typeof value === 'string') runtime.redactor.add(value);
  return value;
}
