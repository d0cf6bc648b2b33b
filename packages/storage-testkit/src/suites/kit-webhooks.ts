import { createInboxKit, type InboxKit, type Storage } from '@inboxkit/core';
import { createWebhookReceiver, manualClock, type ManualClock, type WebhookReceiver } from '@inboxkit/core/testing';
import { expect } from 'vitest';
import { defineSuite } from '../harness.js';

const webhooks = {
  encryptionKey: 'conformance-key-0123456789-0123456789-01',
  retry: { initialMs: 1_000, maxMs: 4_000 },
  timeoutMs: 1_000,
  disableAfter: { failures: 1_000, ms: 0 },
};

/** A started kit on the store; its clock starts at real time (+ `offsetMs`) so receivers accept the signature timestamps. */
async function startedKit(storage: Storage, offsetMs = 0): Promise<{ kit: InboxKit; clock: ManualClock; advance(ms: number): Promise<void> }> {
  const clock = manualClock(Date.now() + offsetMs);
  const kit = createInboxKit({ storage, clock, webhooks, fallbackEmailDomain: 'in.conformance.test' });
  await kit.start();
  return {
    kit,
    clock,
    async advance(ms) {
      await clock.advance(ms);
      await kit.idle();
    },
  };
}

/** A workspace with a webhook on `receiver` for `contact.created`. */
async function withWebhook(kit: InboxKit, receiver: WebhookReceiver) {
  const ws = kit.workspace((await kit.workspaces.create({ name: 'Hooks' })).id);
  const hook = await ws.webhooks.create({ url: receiver.url('a'), events: ['contact.created'] });
  receiver.trust('a', hook.secret);
  return { ws, hook };
}

async function createdIds(kit: InboxKit, workspaceId: string): Promise<string[]> {
  const { items } = await kit.workspace(workspaceId).events.read({ limit: 1000 });
  return items.filter((e) => e.type === 'contact.created').map((e) => e.id);
}

/** Webhook delivery through real kits on the store's event log, state and leases. */
export const webhooksKitSuite = defineSuite('kit-webhooks', (t) => {
  t.test('a restarted kit resumes each webhook from its cursor: every event arrives, in order, none twice', async ({ storage }) => {
    const receiver = await createWebhookReceiver();
    const first = await startedKit(storage);
    const { ws } = await withWebhook(first.kit, receiver);
    for (let i = 0; i < 3; i++) await ws.contacts.create({ email: `before${i}@hooks.test` });
    await first.kit.idle();
    expect(receiver.received()).toHaveLength(3);
    await receiver.stop();
    for (let i = 0; i < 3; i++) await ws.contacts.create({ email: `down${i}@hooks.test` });
    await first.kit.idle(); // one refused attempt, a retry scheduled on a clock that dies with the kit
    await first.kit.stop();

    await receiver.restart();
    const second = await startedKit(storage);
    const api = second.kit.workspace(ws.id);
    await api.contacts.create({ email: 'after@hooks.test' });
    await second.kit.idle();
    await second.advance(4_000);
    expect(receiver.received().map((r) => r.id)).toEqual(await createdIds(second.kit, ws.id));
    expect((await api.webhooks.deliveries((await api.webhooks.list()).items[0]!.id, { limit: 100 })).items[0]).toMatchObject({ status: 'succeeded' });
    await second.kit.stop();
    await receiver.stop();
  });

  t.test('a kit that dies after sending, before recording it: the next one takes the lease when it lapses and sends again, same webhook-id', async ({ storage }) => {
    const receiver = await createWebhookReceiver();
    const writer = createInboxKit({ storage, webhooks, fallbackEmailDomain: 'in.conformance.test' }); // commits, never delivers
    const { ws } = await withWebhook(writer, receiver);
    // Once the receiver has the event, its transactions never return: it hangs where the attempt would be recorded.
    const hang = () => new Promise<never>(() => {});
    const dying = new Proxy(storage, {
      get: (target, key) => (key === 'transaction' && receiver.received().length > 0 ? hang : Reflect.get(target, key)),
    });
    await startedKit(dying); // never stopped: its delivery hangs for good, as a crashed process's would
    await ws.contacts.create({ email: 'once@hooks.test' });
    for (let waited = 0; receiver.received().length === 0 && waited < 10_000; waited += 10) await new Promise((r) => setTimeout(r, 10));
    expect(receiver.received()).toHaveLength(1);

    const next = await startedKit(storage, 1_000);
    await next.kit.idle();
    expect(receiver.received(), 'the dead kit still holds the lease').toHaveLength(1);
    await next.advance(30_000); // the lease lapses; the sweep delivers
    await next.advance(60_000);
    const [id] = await createdIds(next.kit, ws.id);
    expect(receiver.received().map((r) => r.id)).toEqual([id, id]);
    await next.kit.stop();
    await receiver.stop();
  });

  t.test('two kits on one store deliver each event once: one delivers per workspace (the lease)', async ({ storage }) => {
    const receiver = await createWebhookReceiver();
    const [a, b] = await Promise.all([startedKit(storage), startedKit(storage)]);
    const { ws } = await withWebhook(a.kit, receiver);
    const onB = b.kit.workspace(ws.id);
    for (let i = 0; i < 10; i++) await (i % 2 === 0 ? ws : onB).contacts.create({ email: `c${i}@hooks.test` });
    for (let round = 0; round < 3; round++) {
      await Promise.all([a.kit.idle(), b.kit.idle()]);
      await Promise.all([a.advance(60_000), b.advance(60_000)]); // the sweeps pick up what a held lease made one skip
    }
    expect(receiver.received().map((r) => r.id)).toEqual(await createdIds(a.kit, ws.id));
    await Promise.all([a.kit.stop(), b.kit.stop()]);
    await receiver.stop();
  });
});
