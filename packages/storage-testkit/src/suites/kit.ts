import { createInboxKit, type IngestResult, type InboundMessage, type InboxKitOptions, type Storage } from '@inboxkit/core';
import { createTestChannel, manualClock, type ManualClock } from '@inboxkit/core/testing';
import { expect } from 'vitest';
import { defineSuite } from '../harness.js';
import { registerDeliveryTests } from './kit-delivery.js';

/** A kit on the store under test with one workspace, inbox, agent and test channel. */
export async function kitOn(storage: Storage, options: Pick<InboxKitOptions, 'notifier'> & { clock?: ManualClock } = {}) {
  const channel = createTestChannel();
  const clock = options.clock ?? manualClock();
  const kit = createInboxKit({ storage, channels: [channel], clock, notifier: options.notifier, fallbackEmailDomain: 'in.conformance.test' });
  const ws = await kit.workspaces.create({ name: 'Kit' });
  const api = kit.workspace(ws.id);
  const agent = await api.users.create({ name: 'Agent', email: 'agent@kit.test' });
  const inbox = await api.inboxes.create({ name: 'Inbox', members: { users: [agent.id] } });
  const ch = await api.channels.connect({ inboxId: inbox.id, type: 'test', name: 'kit' });
  const message = (n: number, overrides: Partial<InboundMessage> = {}): InboundMessage => ({
    workspaceId: ws.id, channelId: ch.id, externalId: `kit-${n}`, from: { email: `c${n}@kit.test` }, text: `message ${n}`, ...overrides,
  });
  return { kit, api, agent, inbox, clock, message };
}

/** What `kitOn` sets up. */
export type KitWorld = Awaited<ReturnType<typeof kitOn>>;

/** The result narrowed to `accepted`; throws on a filtered one. */
export const accepted = (r: IngestResult) => {
  if (r.status !== 'accepted') throw new Error(`expected accepted, got ${r.status}`);
  return r;
};

// The pipeline's guarantees through a real kit on the store: these exercise the store's
// transactions, unique keys and locks the way production does.
export const kitSuite = defineSuite('kit', (t) => {
  t.test('concurrent ingests of one externalId store one message; the rest are duplicates', async ({ storage }) => {
    const { kit, api, message } = await kitOn(storage);
    const results = (await Promise.all(Array.from({ length: 12 }, () => kit.ingest(message(1))))).map(accepted);
    expect(new Set(results.map((r) => r.message.id)).size).toBe(1);
    expect(results.filter((r) => !r.duplicate)).toHaveLength(1);
    const list = await api.conversations.list();
    expect(list.items).toHaveLength(1);
    expect((await api.conversations.timeline(list.items[0]!.id)).items).toHaveLength(1);
  });

  t.test('concurrent first messages from one new sender create one contact', async ({ storage }) => {
    const { kit, api, message } = await kitOn(storage);
    const results = (await Promise.all(
      Array.from({ length: 8 }, (_, n) => kit.ingest(message(n, { from: { email: 'same@kit.test' } }))),
    )).map(accepted);
    expect(new Set(results.map((r) => r.contact.id)).size).toBe(1);
    expect((await api.conversations.list({ limit: 50 })).items).toHaveLength(8);
  });

  t.test('concurrent messages threaded into one conversation all land, counted once each', async ({ storage }) => {
    const { kit, api, message } = await kitOn(storage);
    const first = accepted(await kit.ingest(message(0)));
    await Promise.all(Array.from({ length: 10 }, (_, n) => kit.ingest(message(n + 1, { threadRefs: ['kit-0'], from: { email: 'c0@kit.test' } }))));
    const conversation = await api.conversations.get(first.conversation.id);
    expect(conversation.messageCount).toBe(11);
    expect((await api.conversations.timeline(first.conversation.id, { limit: 50 })).items).toHaveLength(11);
  });

  t.test('conversations.list takes one status or several, paging through the union', async ({ storage }) => {
    const { kit, api, message } = await kitOn(storage);
    const ids = [];
    for (let n = 0; n < 5; n++) ids.push(accepted(await kit.ingest(message(n))).conversation.id);
    await api.conversations.close(ids[0]!);
    await api.conversations.close(ids[3]!);
    await api.conversations.snooze(ids[1]!, { until: Date.UTC(2100, 0, 1) });
    const list = async (status: 'open' | Array<'open' | 'closed' | 'snoozed'>) => {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: Awaited<ReturnType<typeof api.conversations.list>> = await api.conversations.list({ status, cursor, limit: 1 });
        seen.push(...page.items.map((c) => c.id));
        cursor = page.nextCursor;
      } while (cursor !== null);
      return seen;
    };
    expect(await list('open')).toEqual([ids[4], ids[2]]);
    expect(await list(['closed', 'snoozed'])).toEqual([ids[3], ids[1], ids[0]]);
    expect(await list(['open', 'closed', 'snoozed'])).toEqual([...ids].reverse());
  });

  t.test('a state change and its events commit together, in log order', async ({ storage }) => {
    const { kit, api, agent, message } = await kitOn(storage);
    const { conversation } = accepted(await kit.ingest(message(1)));
    await Promise.all([
      api.conversations.assign(conversation.id, { userId: agent.id }),
      api.conversations.comment(conversation.id, { authorId: agent.id, text: 'note' }),
      api.conversations.close(conversation.id),
    ]);
    const log = await api.events.read({ limit: 1000 });
    expect(log.items.map((e) => e.seq)).toEqual(log.items.map((_, i) => i + 1));
    const types = log.items.map((e) => e.type);
    for (const type of ['conversation.assigned', 'comment.created', 'conversation.status.changed'] as const) {
      expect(types.filter((x) => x === type)).toHaveLength(1);
    }
    expect(await api.conversations.get(conversation.id)).toMatchObject({ assigneeId: agent.id, status: 'closed' });
  });

  registerDeliveryTests(t);
});
