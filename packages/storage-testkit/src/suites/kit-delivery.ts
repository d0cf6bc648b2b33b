import { createInboxKit, type InboxKit, type Message, type Storage } from '@inboxkit/core';
import { createTestChannel, manualClock, type TestChannel } from '@inboxkit/core/testing';
import { expect } from 'vitest';
import type { SuiteApi } from '../harness.js';

const START = Date.UTC(2026, 0, 1);

async function until(what: string, check: () => boolean): Promise<void> {
  for (let waited = 0; !check(); waited += 5) {
    if (waited > 10_000) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/**
 * A process that crashes inside `doSend`: the attempt record is written, the send never
 * reaches the channel, and its clock never moves again (its timers died with it).
 */
async function crashMidSend(storage: Storage) {
  let reached = 0;
  const hanging: TestChannel = { ...createTestChannel(), doSend: () => (reached++, new Promise<never>(() => {})) };
  const kit = createInboxKit({ storage, clock: manualClock(START), channels: [hanging], fallbackEmailDomain: 'in.conformance.test' });
  await kit.start();
  const ws = await kit.workspaces.create({ name: 'Crash' });
  const api = kit.workspace(ws.id);
  const agent = await api.users.create({ name: 'Agent', email: 'agent@crash.test' });
  const inbox = await api.inboxes.create({ name: 'Inbox', members: { users: [agent.id] } });
  const channel = await api.channels.connect({ inboxId: inbox.id, type: 'test', name: 'crash' });
  const inbound = await kit.ingest({ workspaceId: ws.id, channelId: channel.id, externalId: 'c-1', from: { email: 'c@crash.test' }, text: 'hi' });
  if (inbound.status !== 'accepted') throw new Error('expected accepted');
  void api.conversations.reply(inbound.conversation.id, { authorId: agent.id, text: 'on its way' });
  await until('the crashing process to call doSend', () => reached === 1);
  const [, reply] = (await api.conversations.timeline(inbound.conversation.id)).items as [Message, Message];
  return { dead: kit, workspaceId: ws.id, reply };
}

/** A restarted process on the same store, a second after the crash. */
function restarted(storage: Storage): { kit: InboxKit; channel: TestChannel; clock: ReturnType<typeof manualClock> } {
  const channel = createTestChannel();
  const clock = manualClock(START + 1_000);
  return { kit: createInboxKit({ storage, clock, channels: [channel], fallbackEmailDomain: 'in.conformance.test' }), channel, clock };
}

/** Crash safety of outgoing messages, through real kits on the store's leases and timeline. */
export function registerDeliveryTests(t: SuiteApi): void {
  t.test('a reply interrupted between its attempt record and the send is delivered once after an immediate restart, same externalId', async ({ storage }) => {
    const { dead, workspaceId, reply } = await crashMidSend(storage);
    expect(reply).toMatchObject({ deliveryStatus: 'pending', externalId: expect.any(String) });
    const next = restarted(storage);
    await next.kit.start();
    expect(next.channel.sent, 'the crashed sender still holds the delivery lease').toEqual([]);
    await next.clock.advance(30_000);
    expect(next.channel.sent.map((s) => [s.message.id, s.externalId])).toEqual([[reply.id, reply.externalId]]);
    expect(await storage.timeline.get(workspaceId, reply.id)).toMatchObject({ deliveryStatus: 'sent', externalId: reply.externalId });
    await next.clock.advance(120_000);
    expect(next.channel.sent).toHaveLength(1);
    await next.kit.stop();
    await dead.stop();
  });

  t.test('two processes restarting at once deliver a crashed reply exactly once (repeated)', async ({ storage }) => {
    for (let trial = 0; trial < 5; trial++) {
      const { dead, workspaceId, reply } = await crashMidSend(storage);
      const a = restarted(storage);
      const b = restarted(storage);
      await Promise.all([a.kit.start(), b.kit.start()]);
      await Promise.all([a.clock.advance(30_000), b.clock.advance(30_000)]);
      await Promise.all([a.clock.advance(30_000), b.clock.advance(30_000)]);
      const sends = [...a.channel.sent, ...b.channel.sent].filter((s) => s.message.id === reply.id);
      expect(sends, `trial ${trial}`).toHaveLength(1);
      expect(sends[0]!.externalId).toBe(reply.externalId);
      expect(await storage.timeline.get(workspaceId, reply.id)).toMatchObject({ deliveryStatus: 'sent' });
      await Promise.all([a.kit.stop(), b.kit.stop(), dead.stop()]);
    }
  });
}
