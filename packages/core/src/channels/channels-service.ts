import {
  connectChannelInput,
  listChannelsQuery,
  updateChannelInput,
  type Channel,
  type ConnectChannelInput,
  type ListChannelsQuery,
  type UpdateChannelInput,
} from '../domain/channel.js';
import type { Page } from '../domain/common.js';
import { ValidationError } from '../errors/validation-error.js';
import { parseInput } from '../errors/parse.js';
import { changedFields, requireFound } from '../kit/require-found.js';
import type { Scope } from '../kit/scope.js';
import type { ChannelAdapter } from './channel-adapter.js';
import { assertNoInlineSecrets } from './inline-secrets.js';

/** Connected channels (one adapter connected to one inbox). */
export interface ChannelsApi {
  /** Connects a channel; `config` is validated by the adapter of `type`. Admin only. */
  connect(input: ConnectChannelInput): Promise<Channel>;
  /** The channel; `NOT_FOUND` when missing or its inbox is not visible. */
  get(id: string): Promise<Channel>;
  /** Channels ordered by id, optionally of one inbox. */
  list(query?: ListChannelsQuery): Promise<Page<Channel>>;
  /** Renames or reconfigures a channel (config re-validated). Admin only. */
  update(id: string, patch: UpdateChannelInput): Promise<Channel>;
  /** Disconnects a channel: it stops receiving and sending; its conversations stay. Admin only. Idempotent. */
  disconnect(id: string): Promise<Channel>;
}

/** Builds the channels API of a scope. */
export function channelsService(scope: Scope): ChannelsApi {
  const { workspaceId, runtime } = scope;

  function adapterFor(type: string, path: string): ChannelAdapter {
    const adapter = runtime.channels.get(type);
    if (!adapter) {
      const known = [...runtime.channels.keys()].join(', ') || 'none';
      throw new ValidationError('channel', [{ path, message: `no adapter for channel type "${type}" (registered: ${known})` }]);
    }
    return adapter;
  }

  function parseConfig(adapter: ChannelAdapter, config: unknown): Record<string, unknown> {
    assertNoInlineSecrets(config, `${adapter.type} channel config`);
    const parsed = adapter.parseConfig(config);
    assertNoInlineSecrets(parsed, `${adapter.type} channel config`);
    return parsed;
  }

  return {
    async connect(input) {
      await scope.access.requireAdmin('connect channels');
      const parsed = parseInput(connectChannelInput, input, 'channel');
      const adapter = adapterFor(parsed.type, 'type');
      const config = parseConfig(adapter, parsed.config);
      const now = runtime.clock.now();
      const channel: Channel = {
        id: runtime.ids.next('ch'),
        workspaceId,
        inboxId: parsed.inboxId,
        type: parsed.type,
        name: parsed.name,
        config,
        status: 'active',
        createdAt: now,
        updatedAt: now,
      };
      await scope.mutate(async (tx, events) => {
        if (!(await tx.records.get(workspaceId, 'inbox', parsed.inboxId))) {
          throw new ValidationError('channel', [{ path: 'inboxId', message: `unknown inbox "${parsed.inboxId}"` }]);
        }
        await tx.records.put('channel', channel);
        events.record('channel.connected', { channelId: channel.id, inboxId: channel.inboxId, type: channel.type });
      });
      await adapter.onConnect?.(channel);
      return channel;
    },
    async get(id) {
      const channel = requireFound(await scope.storage.records.get(workspaceId, 'channel', id), 'channel', id);
      await scope.access.requireInbox(channel.inboxId, 'channel', id);
      return channel;
    },
    async list(query = {}) {
      const { inboxId, cursor, limit } = parseInput(listChannelsQuery, query, 'channel query');
      const visible = await scope.access.visibleInboxIds();
      if (inboxId && visible && !visible.includes(inboxId)) return { items: [], nextCursor: null };
      // Filtered in the store, not after paging: an agent's pages are full.
      const inboxIds = inboxId ?? visible;
      const where = inboxIds ? { inboxId: inboxIds } : undefined;
      return scope.storage.records.list(workspaceId, 'channel', { where, cursor: cursor ?? null, limit });
    },
    async update(id, patch) {
      await scope.access.requireAdmin('update channels');
      const parsedPatch = parseInput(updateChannelInput, patch, 'channel');
      const current = requireFound(await scope.storage.records.get(workspaceId, 'channel', id), 'channel', id);
      const adapter = adapterFor(current.type, 'type');
      const name = parsedPatch.name ?? current.name;
      const config = parsedPatch.config === undefined ? current.config : parseConfig(adapter, parsedPatch.config);
      const next = await scope.mutate(async (tx, events) => {
        const fresh = requireFound(await tx.records.get(workspaceId, 'channel', id), 'channel', id);
        const updated: Channel = { ...fresh, name, config, updatedAt: runtime.clock.now() };
        await tx.records.put('channel', updated);
        events.record('channel.updated', { channelId: id, inboxId: fresh.inboxId, fields: changedFields(patch) });
        return updated;
      });
      await adapter.onConnect?.(next);
      return next;
    },
    async disconnect(id) {
      await scope.access.requireAdmin('disconnect channels');
      const { channel, changed } = await scope.mutate(async (tx, events) => {
        const current = requireFound(await tx.records.get(workspaceId, 'channel', id), 'channel', id);
        if (current.status === 'disconnected') return { channel: current, changed: false };
        const updated: Channel = { ...current, status: 'disconnected', updatedAt: runtime.clock.now() };
        await tx.records.put('channel', updated);
        events.record('channel.disconnected', { channelId: id, inboxId: current.inboxId, type: current.type });
        return { channel: updated, changed: true };
      });
      if (changed) await runtime.channels.get(channel.type)?.onDisconnect?.(channel);
      return channel;
    },
  };
}
