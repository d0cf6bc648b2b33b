import type { AnalyticsStore, Channel, Conversation, Inbox, Storage, TimelineItem } from '@inboxkit/core';
import type { ConformanceContext } from './harness.js';
import { fixtures } from './fixtures.js';
import { seedWorld, type World } from './seed.js';

/** One hour in ms: scenario times are written in hours so expectations read as arithmetic. */
export const H = 3_600_000;
/** One minute in ms. */
export const MIN = 60_000;

/**
 * One timeline entry of a scenario: `in` = a message from the contact, `user:<id>` = a reply by
 * that user, `bot` / `system` = outgoing messages by a bot or the system, `note:<id>` = a
 * comment by that user; `at` is epoch ms.
 */
export type Step = readonly [what: 'in' | 'bot' | 'system' | `user:${string}` | `note:${string}`, at: number];

/** Where a scenario conversation lives and what it is, besides its timeline. */
export interface ConversationSpec extends Partial<Omit<Conversation, 'inboxId' | 'channelId' | 'channelType'>> {
  /** Its inbox (default: the world's inbox). */
  inbox?: Inbox;
  /** Its channel type (default `email`); one channel per inbox and type is created on demand. */
  channelType?: string;
}

/** A workspace to write analytics scenarios into, straight through the store. */
export interface AnalyticsWorld extends World {
  /** The store under test. */
  storage: Storage;
  /** The store's analytics (the test skipped when it has none). */
  analytics: AnalyticsStore;
  /** Stores another inbox. */
  addInbox(name: string): Promise<Inbox>;
  /** Stores a conversation and its timeline (`createdAt` defaults to the first step's time). */
  scenario(spec: ConversationSpec, steps: readonly Step[]): Promise<Conversation>;
}

function item(conversation: Conversation, [what, createdAt]: Step): TimelineItem {
  if (what === 'in') return fixtures.message(conversation, { createdAt });
  if (what === 'bot' || what === 'system') {
    return fixtures.message(conversation, { createdAt, direction: 'outgoing', author: { type: what, id: null }, externalId: null, deliveryStatus: 'sent' });
  }
  const [kind, id] = what.split(':') as ['user' | 'note', string];
  return kind === 'user' ? fixtures.reply(conversation, id, { createdAt, deliveryStatus: 'sent' }) : fixtures.comment(conversation, id, { createdAt });
}

/** Seeds a world for analytics scenarios; skips the test when the store has no analytics capability. */
export async function analyticsWorld(ctx: ConformanceContext, name = 'Analytics'): Promise<AnalyticsWorld> {
  const { storage } = ctx;
  if (!storage.capabilities.analytics || !storage.analytics) ctx.skip('store has no analytics capability');
  const world = await seedWorld(storage, name);
  const channels = new Map<string, Channel>([[`${world.inbox.id}/${world.channel.type}`, world.channel]]);

  async function channelFor(storage: Storage, inbox: Inbox, type: string): Promise<Channel> {
    let channel = channels.get(`${inbox.id}/${type}`);
    if (!channel) {
      channel = fixtures.channel(world.workspace, { inboxId: inbox.id, type });
      await storage.records.put('channel', channel);
      channels.set(`${inbox.id}/${type}`, channel);
    }
    return channel;
  }

  return {
    ...world,
    storage,
    analytics: storage.analytics!,
    async addInbox(inboxName) {
      const inbox = fixtures.inbox(world.workspace, { name: inboxName });
      await storage.records.put('inbox', inbox);
      return inbox;
    },
    async scenario({ inbox = world.inbox, channelType = 'email', ...overrides }, steps) {
      const channel = await channelFor(storage, inbox, channelType);
      const createdAt = overrides.createdAt ?? steps[0]?.[1] ?? 0;
      const conversation = await world.conversation({
        inboxId: inbox.id,
        channelId: channel.id,
        channelType,
        createdAt,
        updatedAt: createdAt,
        lastMessageAt: Math.max(createdAt, ...steps.map(([, at]) => at)),
        messageCount: steps.filter(([what]) => !what.startsWith('note:')).length,
        ...overrides,
      });
      for (const step of steps) await world.item(item(conversation, step));
      return conversation;
    },
  };
}
