import type { Channel } from '../domain/channel.js';
import type { EventRecorder } from '../events/event-recorder.js';
import { ValidationError } from '../errors/validation-error.js';
import type { Scope } from '../kit/scope.js';
import type { StorageOperations } from '../storage/storage.js';

/** The channel type forms deliver through. */
export const FORMS_CHANNEL_TYPE = 'forms';

/**
 * The `forms` channel a form of `inboxId` delivers through, inside the caller's transaction:
 * the given `channelId` (an active forms channel of that inbox), else the inbox's first active
 * forms channel, else a new one connected now (`channel.connected`) when a `forms` adapter is
 * registered. `created` tells the caller to run the adapter's `onConnect` after the commit.
 */
export async function formsChannelFor(
  scope: Scope,
  tx: StorageOperations,
  events: EventRecorder,
  inboxId: string,
  channelId: string | undefined,
): Promise<{ channel: Channel; created: boolean }> {
  const { workspaceId, runtime } = scope;
  const fail = (path: string, message: string) => new ValidationError('form', [{ path, message }]);
  if (channelId !== undefined) {
    const channel = await tx.records.get(workspaceId, 'channel', channelId);
    if (!channel || channel.inboxId !== inboxId) throw fail('channelId', `unknown channel "${channelId}" in inbox "${inboxId}"`);
    if (channel.type !== FORMS_CHANNEL_TYPE || channel.status !== 'active') {
      throw fail('channelId', `channel "${channelId}" is not an active forms channel`);
    }
    return { channel, created: false };
  }
  const existing = await tx.records.list(workspaceId, 'channel', { where: { inboxId, type: FORMS_CHANNEL_TYPE, status: 'active' }, limit: 1 });
  if (existing.items[0]) return { channel: existing.items[0], created: false };
  const adapter = runtime.channels.get(FORMS_CHANNEL_TYPE);
  if (!adapter) throw fail('inboxId', 'no forms adapter is registered with the kit (add formsChannel() to channels)');
  const now = runtime.clock.now();
  const channel: Channel = {
    id: runtime.ids.next('ch'),
    workspaceId,
    inboxId,
    type: FORMS_CHANNEL_TYPE,
    name: 'Forms',
    config: adapter.parseConfig({}),
    status: 'active',
    createdAt: now,
    updatedAt: now,
  };
  await tx.records.put('channel', channel);
  events.record('channel.connected', { channelId: channel.id, inboxId, type: FORMS_CHANNEL_TYPE });
  return { channel, created: true };
}
