// A kit on a memory store the tests can also write to directly (bot messages have no kit
// path yet: they come with the chat channel), with the seeded company of setup.ts.
import { afterEach, beforeEach } from 'vitest';
import { createInboxKit, type Conversation, type InboxKit, type Message, type Storage, type WorkspaceApi } from '@inboxkit/core';
import { createTestChannel, manualClock, type ManualClock } from '@inboxkit/core/testing';
import { memoryStorage } from '@inboxkit/storage-memory';
import { accepted, seedAcme, type Acme } from './setup.js';

/** What every analytics test gets. */
export interface AnalyticsHarness {
  kit: InboxKit;
  storage: Storage;
  clock: ManualClock;
  acme: Acme;
  ws: WorkspaceApi;
  /** Sets the clock to `iso`. */
  at(iso: string): Promise<void>;
  /** A message from `email` into the support inbox (or `channel`), continuing `conversation` when given. */
  incoming(email: string, options?: { conversation?: Conversation; channelId?: string }): Promise<Conversation>;
  /** A bot message written straight into the store, as the chat channel's bots will write them. */
  bot(conversation: Conversation): Promise<void>;
}

/** Epoch ms of an ISO time. */
export const at = (iso: string): number => Date.parse(iso);
/** ms in an hour and a minute. */
export const H = 3_600_000;
export const MIN = 60_000;

/** Registers a fresh kit (memory store, manual clock at Monday 2026-11-02 09:00Z) around every test. */
export function useAnalyticsKit(): AnalyticsHarness {
  const h = {} as AnalyticsHarness;
  let externalIds = 0;
  beforeEach(async () => {
    const clock = manualClock(at('2026-11-02T09:00:00Z'));
    const channel = createTestChannel();
    const storage = memoryStorage();
    const kit = createInboxKit({ storage, clock, channels: [channel], fallbackEmailDomain: 'in.example.com' });
    await kit.start();
    const acme = await seedAcme(kit);
    Object.assign(h, {
      kit,
      storage,
      clock,
      acme,
      ws: acme.ws,
      at: (iso: string) => clock.set(at(iso)),
      async incoming(email: string, options: { conversation?: Conversation; channelId?: string } = {}) {
        const result = await kit.ingest({
          workspaceId: acme.acme.id,
          channelId: options.channelId ?? options.conversation?.channelId ?? acme.supportChannel.id,
          externalId: `in-${++externalIds}`,
          from: { email },
          text: 'Hello?',
          conversationId: options.conversation?.id,
        });
        return accepted(result).conversation;
      },
      async bot(conversation: Conversation) {
        const message: Message = {
          kind: 'message', id: `itm_bot_${++externalIds}`, workspaceId: acme.acme.id, conversationId: conversation.id,
          channelId: conversation.channelId, direction: 'outgoing', author: { type: 'bot', id: null }, text: 'A bot answers',
          visibleText: null, html: null, attachments: [], externalId: null, metadata: {}, deliveryStatus: 'sent', deliveryError: null,
          createdAt: clock.now(),
        };
        await storage.timeline.insert(message);
      },
    });
  });
  afterEach(async () => {
    await h.kit.stop();
    await h.storage.close();
  });
  return h;
}
