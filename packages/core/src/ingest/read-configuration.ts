import type { Chatflow } from '../chatflows/chatflow.js';
import type { Channel } from '../domain/channel.js';
import type { ParsedInbound } from '../domain/inbound.js';
import { ChannelError } from '../errors/channel-error.js';
import type { EmailFilter } from '../filters/email-filter.js';
import { requireFound } from '../kit/require-found.js';
import type { KitRuntime } from '../kit/runtime.js';
import type { RoutingRule } from '../routing/routing-rule.js';
import type { RecordRead } from '../storage/records.js';
import type { StorageOperations } from '../storage/storage.js';

/** Channels whose inbox `kit.ingest` remembers, per kit. */
const MAX_GUESSES = 10_000;

/** `found` if it is an active channel: `NOT_FOUND` when missing, `CHANNEL` when disconnected. */
export function checkedChannel(found: Channel | null | undefined, channelId: string): Channel {
  const channel = requireFound(found ?? null, 'channel', channelId);
  if (channel.status !== 'active') throw new ChannelError(channel.type, `channel "${channel.id}" is disconnected`);
  return channel;
}

/** Configuration a caller of `ingestInTransaction` has read already; what is left out is read there. */
export interface KnownConfiguration {
  /** The filters of the channel's inbox. */
  readonly filters?: readonly EmailFilter[];
  /** The channel's own routing rule (`null`: none). */
  readonly rule?: RoutingRule | null;
  /** The chatflow the message's origin names (`null`: none). */
  readonly chatflow?: Chatflow | null;
}

/**
 * Reads the channel of `message` in its transaction (`NOT_FOUND`, or `CHANNEL` when
 * disconnected) and, where the store has `records.readMany`, in the same round trip what
 * ingest consults next: the channel's routing rule, the chatflow the message names, and the
 * filters of the inbox the channel was in for the last message (checked against the channel).
 */
export async function readConfiguration(runtime: KitRuntime, tx: StorageOperations, message: ParsedInbound): Promise<{ channel: Channel; known: KnownConfiguration }> {
  const { workspaceId, channelId } = message;
  if (!tx.records.readMany) return { channel: checkedChannel(await tx.records.get(workspaceId, 'channel', channelId), channelId), known: {} };
  const key = `${workspaceId}/${channelId}`;
  const inboxId = runtime.channelInboxes.get(key);
  const chatflowId = message.origin?.kind === 'chatflow' ? message.origin.id : undefined;
  const reads: RecordRead[] = [{ kind: 'channel', id: channelId }, { kind: 'routingRule', id: channelId }];
  if (chatflowId) reads.push({ kind: 'chatflow', id: chatflowId });
  if (inboxId !== undefined) reads.push({ kind: 'emailFilter', where: { inboxId } });
  const [channels, rules, ...rest] = await tx.records.readMany(workspaceId, reads);
  const channel = checkedChannel(channels?.[0] as Channel | undefined, channelId);
  const known: { -readonly [K in keyof KnownConfiguration]: KnownConfiguration[K] } = { rule: (rules?.[0] as RoutingRule | undefined) ?? null };
  if (chatflowId) known.chatflow = (rest.shift()?.[0] as Chatflow | undefined) ?? null;
  if (channel.inboxId === inboxId) known.filters = rest[0] as EmailFilter[];
  else {
    // A guess per channel seen; a process seeing very many starts over rather than growing.
    if (runtime.channelInboxes.size >= MAX_GUESSES) runtime.channelInboxes.clear();
    runtime.channelInboxes.set(key, channel.inboxId);
  }
  return { channel, known };
}
