import type { Channel } from '../domain/channel.js';
import { NotFoundError } from '../errors/not-found-error.js';
import type { KitRuntime } from '../kit/runtime.js';
import { Scope } from '../kit/scope.js';

// Encoded so no inbox id can forge another's lock key.
const fallbackLockKey = (type: string, inboxId: string) => `channel:fallback:${encodeURIComponent(type)}:${encodeURIComponent(inboxId)}`;

/** The id of an inbox's implicit fallback channel of one type: deterministic, so creating it is idempotent. */
export const fallbackChannelId = (inboxId: string, type: string) => `${inboxId}.${type}-fallback`;

/**
 * The inbox's implicit channel of `type` on its fallback address (`config: { address }`), created
 * on first use in one transaction with a `channel.connected` event. Used for mail to a fallback
 * address and for replies to conversations whose channel answers through `type` (forms → email)
 * when the inbox has no connected channel of that type. Unknown inbox → `NOT_FOUND`; an adapter
 * whose config needs more than an address throws its `VALIDATION` error.
 */
export async function ensureFallbackChannel(runtime: KitRuntime, workspaceId: string, inboxId: string, type: string): Promise<Channel> {
  const id = fallbackChannelId(inboxId, type);
  const existing = await runtime.storage.records.get(workspaceId, 'channel', id);
  if (existing) return existing;
  const adapter = runtime.channels.get(type);
  if (!adapter) throw new NotFoundError('channel adapter', type);
  return new Scope(runtime, workspaceId, null).mutate(async (tx, events) => {
    // The lock serializes concurrent first uses in one inbox: one creates, the others read it.
    await tx.state.get(workspaceId, fallbackLockKey(type, inboxId), { lock: true });
    const raced = await tx.records.get(workspaceId, 'channel', id);
    if (raced) return raced;
    const inbox = await tx.records.get(workspaceId, 'inbox', inboxId);
    if (!inbox) throw new NotFoundError('inbox', inboxId);
    const now = runtime.clock.now();
    const channel: Channel = {
      id,
      workspaceId,
      inboxId,
      type,
      name: inbox.fallbackAddress,
      config: adapter.parseConfig({ address: inbox.fallbackAddress }),
      status: 'active',
      createdAt: now,
      updatedAt: now,
    };
    await tx.records.put('channel', channel);
    events.record('channel.connected', { channelId: id, inboxId, type });
    return channel;
  });
}
