import type { Message } from '../domain/timeline.js';
import { resolveSecret } from '../conversations/deliver.js';
import { ingest } from '../ingest/ingest.js';
import { ingestMany } from '../ingest/ingest-many.js';
import type { KitRuntime } from '../kit/runtime.js';
import { Scope } from '../kit/scope.js';
import { channelBots } from '../bots/channel-bots.js';
import { channelForms } from '../forms/channel-forms.js';
import { workspaceApi } from '../kit/workspace-api.js';
import type { ChannelContext } from './channel-adapter.js';
import { ensureFallbackChannel } from './fallback-channel.js';

const MAX_REASON = 1000;

// Encoded so no id can forge another's key.
const skipKey = (channelId: string, externalId: string) => `ingest:skipped:${encodeURIComponent(channelId)}:${encodeURIComponent(externalId)}`;


// The runtime behind each kit, so core's own test helpers (channel conformance) can build a
// real adapter context for a kit they created. Internal: not exported from the package.
const runtimes = new WeakMap<object, KitRuntime>();

/** Remembers `kit`'s runtime (called by `createInboxKit`). Internal. */
export function registerRuntime(kit: object, runtime: KitRuntime): void {
  runtimes.set(kit, runtime);
}

/** The adapter context `kit` would hand the adapter of `type`. Internal (core's testing entry). */
export function adapterContextOf(kit: object, type: string): ChannelContext {
  const runtime = runtimes.get(kit);
  if (!runtime) throw new TypeError('not a kit made by createInboxKit');
  return adapterContext(runtime, type);
}

/** Builds the context handed to the adapter of `type` at `kit.start()`. */
export function adapterContext(runtime: KitRuntime, type: string): ChannelContext {
  const { storage } = runtime;
  const scope = (workspaceId: string) => new Scope(runtime, workspaceId, null);
  return {
    ingest: (message) => ingest(runtime, message),
    ingestMany: (messages) => ingestMany(runtime, messages),
    listChannels: (query = {}) =>
      storage.records.listAll('channel', { where: { type, status: 'active' }, cursor: query.cursor ?? null, limit: query.limit ?? 100 }),
    async findChannel(channelId) {
      const page = await storage.records.listAll('channel', { where: { id: channelId, type }, limit: 1 });
      return page.items[0] ?? null;
    },
    resolveAddress: (address) => storage.addresses.get(address.trim().toLowerCase()),
    fallbackChannel: ({ workspaceId, inboxId }) => ensureFallbackChannel(runtime, workspaceId, inboxId, type),
    markDeliveryFailed({ workspaceId, externalId, reason }) {
      return scope(workspaceId).mutate(async (tx, events) => {
        const found = await tx.timeline.findByExternalIds(workspaceId, [externalId]);
        if (!found || found.direction !== 'outgoing') return null;
        // Lock the conversation so two bounces for one message serialize (one event, one update).
        await tx.conversations.get(workspaceId, found.conversationId, { lock: true });
        const current = (await tx.timeline.get(workspaceId, found.id)) as Message;
        if (current.deliveryStatus === 'failed') return current; // a second bounce for one message
        const error = runtime.redactor.redact(reason).slice(0, MAX_REASON);
        const next: Message = { ...current, deliveryStatus: 'failed', deliveryError: error };
        await tx.timeline.update(next);
        events.record('message.delivery.changed', { conversationId: next.conversationId, messageId: next.id, status: 'failed', error });
        return next;
      });
    },
    recordSkip({ workspaceId, channelId, externalId, reason }) {
      runtime.logger.info('inbound message skipped', { workspaceId, channelId, externalId, reason });
      return scope(workspaceId).mutate(async (tx, events) => {
        const key = skipKey(channelId, externalId);
        if (await tx.state.get(workspaceId, key, { lock: true })) return false; // a redelivery
        await tx.state.put(workspaceId, key, { reason });
        events.record('message.skipped', { channelId, externalId, reason: reason.slice(0, MAX_REASON) });
        return true;
      });
    },
    resolveSecret: (ref) => resolveSecret(runtime, ref),
    state: storage.state,
    leases: storage.leases,
    clock: runtime.clock,
    logger: runtime.logger,
    blobs: runtime.blobs,
    bots: channelBots((workspaceId) => workspaceApi(runtime, workspaceId, null)),
    forms: channelForms(storage),
    events: runtime.bus.emitter,
    workspace: (workspaceId) => workspaceApi(runtime, workspaceId, null),
  };
}
