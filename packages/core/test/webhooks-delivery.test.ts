// Webhook delivery to a real HTTP receiver on 127.0.0.1 that verifies Standard Webhooks
// signatures, fails on purpose (500s, timeouts, a closed port) and comes back.
import { describe, expect, it } from 'vitest';
import type { InboxEvent } from '@inboxkit/core';
import { FAST, webhookHarness, type WebhookHarness } from './webhooks-setup.js';

/** The log's events of these types, in seq order. */
async function logged(h: WebhookHarness, prefix: string): Promise<InboxEvent[]> {
  return (await h.ws.events.read({ limit: 1000 })).items.filter((e) => e.type.startsWith(prefix));
}

/** Delivered ids with repeats removed (first arrival kept): what a deduping receiver sees. */
const deduped = (ids: string[]) => [...new Set(ids)];

describe('webhook delivery', () => {
  it('delivers every committed event at least once, in order, through 500s, timeouts and a receiver restart', async () => {
    const h = await webhookHarness();
    const hook = await h.ws.webhooks.create({ url: h.receiver.url('a'), events: ['contact.*'] });
    h.receiver.trust('a', hook.secret);
    await h.contacts(3);
    expect(h.receiver.received('a')).toHaveLength(3);

    h.receiver.script('a', [500, 'timeout', 503]);
    await h.contacts(3, 3);
    for (let i = 0; i < 3; i++) await h.advance(4_000);

    await h.receiver.stop();
    await h.contacts(2, 6);
    await h.advance(4_000); // connection refused: retried later
    await h.receiver.restart();
    const expected = (await logged(h, 'contact.')).map((e) => e.id);
    expect(expected).toHaveLength(8);
    await h.settle(() => new Set(h.receiver.received('a').map((r) => r.id)).size === 8);

    const arrivals = h.receiver.received('a').map((r) => r.id);
    expect(deduped(arrivals)).toEqual(expected);
    // Never ahead: each arrival is the next undelivered event or a repeat of one already seen.
    arrivals.forEach((id, i) => expect(expected.indexOf(id)).toBeLessThanOrEqual(new Set(arrivals.slice(0, i)).size));
    expect(h.receiver.invalid).toBe(0);
    const first = h.receiver.received('a')[0]!;
    const event = (await logged(h, 'contact.'))[0]!;
    expect(first).toMatchObject({ id: event.id, type: 'contact.created', occurredAt: new Date(event.at).toISOString(), data: event.data });
    await h.stop();
  });

  it('filters by event pattern and by inbox (events carrying inboxId)', async () => {
    const h = await webhookHarness();
    const support = await h.ws.inboxes.create({ name: 'Support' });
    const sales = await h.ws.inboxes.create({ name: 'Sales' });
    const channels = [support, sales].map((inbox) => h.ws.channels.connect({ inboxId: inbox.id, type: 'test', name: inbox.name }));
    const [supportChannel, salesChannel] = await Promise.all(channels);
    const all = await h.ws.webhooks.create({ url: h.receiver.url('all'), events: ['message.received'] });
    const scoped = await h.ws.webhooks.create({ url: h.receiver.url('scoped'), events: ['conversation.*', 'message.*'], inboxId: support.id });
    h.receiver.trust('all', all.secret);
    h.receiver.trust('scoped', scoped.secret);
    for (const [i, channel] of [supportChannel!, salesChannel!, supportChannel!].entries()) {
      await h.kit.ingest({ workspaceId: h.ws.id, channelId: channel.id, externalId: `m${i}`, from: { email: `c${i}@x.test` }, text: 'hi' });
    }
    await h.ws.contacts.create({ email: 'nobody@x.test' });
    await h.kit.idle();
    expect(h.receiver.received('all').map((r) => r.type)).toEqual(['message.received', 'message.received', 'message.received']);
    const scopedTypes = h.receiver.received('scoped').map((r) => [r.type, r.data.inboxId]);
    expect(scopedTypes.length).toBeGreaterThanOrEqual(4);
    expect(scopedTypes.every(([type, inboxId]) => /^(conversation|message)\./.test(String(type)) && inboxId === support.id)).toBe(true);
    expect(scopedTypes.filter(([type]) => type === 'message.received')).toHaveLength(2);
    await h.stop();
  });

  it('gives an event up after maxAttempts and goes on; the delivery log lists every attempt, newest first, redacted and truncated', async () => {
    const h = await webhookHarness({ ...FAST, maxAttempts: 3 });
    const hook = await h.ws.webhooks.create({ url: h.receiver.url('a'), events: ['contact.created'] });
    h.receiver.trust('a', hook.secret);
    const echo = `${hook.secret} ${'x'.repeat(5_000)}`; // an endpoint echoing what it got, secret included
    h.receiver.script('a', [500, { status: 502, body: echo }, 'timeout']);
    await h.contacts(2);
    for (let i = 0; i < 3; i++) await h.advance(4_000);
    const [given, next] = await logged(h, 'contact.created');
    expect(h.receiver.received('a').map((r) => r.id)).toEqual([next!.id]);

    const page = await h.ws.webhooks.deliveries(hook.id, { limit: 2 });
    const rest = await h.ws.webhooks.deliveries(hook.id, { cursor: page.nextCursor, limit: 10 });
    expect(rest.nextCursor).toBeNull();
    const log = [...page.items, ...rest.items];
    expect(log.map((d) => [d.number, d.eventId, d.attempt, d.status, d.httpStatus])).toEqual([
      [4, next!.id, 1, 'succeeded', 204],
      [3, given!.id, 3, 'failed', null],
      [2, given!.id, 2, 'retrying', 502],
      [1, given!.id, 1, 'retrying', 500],
    ]);
    expect(log[1]!.error).toMatch(/timed out after 1000 ms/);
    expect(log[2]!.error).toBe('HTTP 502');
    expect(log[2]!.responseBody!.length).toBeLessThanOrEqual(1024);
    expect(log[2]!.responseBody).toMatch(/^\[redacted\] x+$/);
    expect(log.every((d) => d.durationMs >= 0 && d.webhookId === hook.id && d.seq > 0)).toBe(true);
    expect(JSON.stringify([log, h.lines])).not.toContain(hook.secret.slice(6));
    await h.stop();
  });

  it('keeps only the last deliveryLogSize attempts', async () => {
    const h = await webhookHarness({ ...FAST, deliveryLogSize: 3 });
    const hook = await h.ws.webhooks.create({ url: h.receiver.url('a'), events: ['contact.created'] });
    h.receiver.trust('a', hook.secret);
    await h.contacts(5);
    const log = await h.ws.webhooks.deliveries(hook.id);
    expect(log.items.map((d) => d.number)).toEqual([5, 4, 3]);
    expect(log.nextCursor).toBeNull();
    await h.ws.webhooks.delete(hook.id);
    expect(JSON.stringify(await Promise.all([0, 1, 2].map((slot) => h.storage.state.get(h.ws.id, `webhook:${hook.id}:log:${slot}`))))).toBe('[null,null,null]');
    await h.stop();
  });

  it('disables a webhook failing for long enough with a webhook.disabled event; re-enabling resumes where it stopped', async () => {
    const h = await webhookHarness({ ...FAST, maxAttempts: 2, disableAfter: { failures: 4, ms: 5_000 } });
    const hook = await h.ws.webhooks.create({ url: h.receiver.url('a'), events: ['contact.created'] });
    h.receiver.trust('a', hook.secret);
    const disabled: InboxEvent[] = [];
    h.kit.events.on('webhook.disabled', (e) => disabled.push(e));
    h.receiver.script('a', [500, 500, 500, 500, 500, 500]);
    await h.contacts(4); // attempt 1 of event 1 fails at t0
    await h.advance(4_000); // its attempt 2 fails (given up); event 2's first attempt fails
    expect(disabled).toEqual([]);
    await h.advance(4_000); // failure 4, 8 s after the first: disabled
    expect(disabled).toHaveLength(1);
    expect(disabled[0]!.data).toEqual({ webhookId: hook.id, inboxId: null, failures: 4, failingSince: expect.any(Number), lastError: 'HTTP 500' });
    expect(await h.ws.webhooks.get(hook.id)).toMatchObject({ enabled: false, disabledReason: 'failing' });
    expect(h.receiver.requests).toBe(4);
    await h.contacts(1, 10);
    await h.advance(120_000);
    expect(h.receiver.requests).toBe(4);

    await h.ws.webhooks.update(hook.id, { enabled: true });
    await h.kit.idle(); // event 3: the two 500s left
    await h.advance(4_000);
    const created = (await logged(h, 'contact.created')).map((e) => e.id);
    expect(h.receiver.received('a').map((r) => r.id)).toEqual([created[3], created[4]]);
    expect(await h.ws.webhooks.get(hook.id)).toMatchObject({ enabled: true, disabledReason: null });
    await h.stop();
  });

  it('a new url for a webhook waiting to retry retries at once', async () => {
    const h = await webhookHarness({ ...FAST, retry: { initialMs: 60_000, maxMs: 60_000 } });
    const hook = await h.ws.webhooks.create({ url: h.receiver.url('old'), events: ['contact.created'] });
    h.receiver.trust('old', hook.secret);
    h.receiver.trust('new', hook.secret);
    h.receiver.script('old', [500]);
    await h.contacts(1);
    expect(h.receiver.received()).toEqual([]);
    await h.ws.webhooks.update(hook.id, { url: h.receiver.url('new') });
    await h.kit.idle();
    expect(h.receiver.received('new').map((r) => r.type)).toEqual(['contact.created']);
    await h.stop();
  });

  it('kit.stop() stops delivery; kit.start() delivers the backlog from the cursor', async () => {
    const h = await webhookHarness();
    const hook = await h.ws.webhooks.create({ url: h.receiver.url('a'), events: ['contact.created'] });
    h.receiver.trust('a', hook.secret);
    await h.contacts(1);
    await h.kit.stop();
    await h.contacts(2, 1);
    await h.clock.advance(120_000);
    expect(h.receiver.received()).toHaveLength(1);
    await h.kit.start();
    await h.kit.idle();
    expect(h.receiver.received().map((r) => r.id)).toEqual((await logged(h, 'contact.created')).map((e) => e.id));
    await h.stop();
  });

  it('never sends one workspace’s events to another workspace’s webhook', async () => {
    const h = await webhookHarness();
    const other = h.kit.workspace((await h.kit.workspaces.create({ name: 'Globex' })).id);
    const mine = await h.ws.webhooks.create({ url: h.receiver.url('acme'), events: ['*'] });
    const theirs = await other.webhooks.create({ url: h.receiver.url('globex'), events: ['*'] });
    h.receiver.trust('acme', mine.secret);
    h.receiver.trust('globex', theirs.secret);
    await h.contacts(2);
    await other.contacts.create({ email: 'g@globex.test' });
    await h.kit.idle();
    const acmeIds = new Set((await h.ws.events.read({ limit: 1000 })).items.map((e) => e.id));
    const globexIds = new Set((await other.events.read({ limit: 1000 })).items.map((e) => e.id));
    expect(h.receiver.received('acme').map((r) => r.type)).toEqual(['webhook.created', 'contact.created', 'contact.created']);
    expect(h.receiver.received('acme').every((r) => acmeIds.has(r.id))).toBe(true);
    expect(h.receiver.received('globex').map((r) => r.type)).toEqual(['webhook.created', 'contact.created']);
    expect(h.receiver.received('globex').every((r) => globexIds.has(r.id))).toBe(true);
    await h.stop();
  });
});
