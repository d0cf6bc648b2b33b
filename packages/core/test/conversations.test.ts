import { describe, expect, it } from 'vitest';
import { ChannelError, createInboxKit, ValidationError } from '@inboxkit/core';
import { createTestChannel, manualClock } from '@inboxkit/core/testing';
import { memoryStorage } from '@inboxkit/storage-memory';
import { accepted, useAcme } from './setup.js';

describe('conversations', () => {
  const t = useAcme();

  const push = async (n: number, overrides: Record<string, unknown> = {}) => {
    await t.h.clock.advance(1_000);
    return accepted(await t.h.kit.ingest({
      workspaceId: t.acme.acme.id, channelId: t.acme.supportChannel.id, externalId: `m-${n}`,
      from: { email: `c${n % 3}@c.test` }, text: `message ${n}`, ...overrides,
    })).conversation;
  };

  it('lists newest activity first with every filter, and pages with keyset cursors', async () => {
    const convs = [];
    for (let n = 0; n < 7; n++) convs.push(await push(n));
    const sales = await push(99, { channelId: t.acme.salesChannel.id });
    await t.acme.ws.conversations.assign(convs[1]!.id, { userId: t.acme.kari.id });
    await t.acme.ws.conversations.assign(convs[2]!.id, { teamId: t.acme.support.id });
    await t.acme.ws.conversations.close(convs[3]!.id);
    const ids = async (query: Parameters<typeof t.acme.ws.conversations.list>[0]) =>
      (await t.acme.ws.conversations.list(query)).items.map((c) => c.id);

    expect(await ids({})).toEqual([sales.id, ...convs.map((c) => c.id).reverse()]);
    expect(await ids({ inboxId: t.acme.salesInbox.id })).toEqual([sales.id]);
    expect(await ids({ status: 'closed' })).toEqual([convs[3]!.id]);
    await t.acme.ws.conversations.snooze(convs[4]!.id, { until: t.h.clock.now() + 60_000 });
    expect(await ids({ status: ['closed', 'snoozed'] })).toEqual([convs[4]!.id, convs[3]!.id]);
    expect(await ids({ status: ['open', 'open'] })).toEqual((await ids({ status: 'open' })));
    await t.acme.ws.conversations.reopen(convs[4]!.id);
    expect(await ids({ assignee: t.acme.kari.id })).toEqual([convs[1]!.id]);
    expect(await ids({ assignee: 'unassigned', inboxId: t.acme.supportInbox.id, status: 'open' })).toEqual(
      [convs[6], convs[5], convs[4], convs[2], convs[0]].map((c) => c!.id),
    );
    expect(await ids({ teamId: t.acme.support.id })).toEqual([convs[2]!.id]);
    expect(await ids({ contactId: convs[0]!.contactId, inboxId: t.acme.supportInbox.id })).toEqual([convs[6]!.id, convs[3]!.id, convs[0]!.id]);
    expect(await ids({ channelType: 'email' })).toEqual([]);

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await t.acme.ws.conversations.list({ limit: 3, cursor });
      seen.push(...page.items.map((c) => c.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(await ids({}));
  });

  it('rejects bad list queries naming the field', async () => {
    for (const [query, path] of [[{ limit: 0 }, 'limit'], [{ status: 'deleted' }, 'status'], [{ status: [] }, 'status'], [{ status: ['open', 'gone'] }, 'status'], [{ cursor: 'garbage' }, 'cursor']] as const) {
      const error = await t.acme.ws.conversations.list(query as never).catch((e: unknown) => e);
      expect(ValidationError.isInstance(error), String(error)).toBe(true);
      expect((error as ValidationError).issues[0]!.path).toBe(path);
    }
  });

  it('snoozed conversations wake up by the clock', async () => {
    const conv = await push(1);
    await t.acme.ws.conversations.snooze(conv.id, { until: new Date(t.h.clock.now() + 3_600_000) });
    expect((await t.acme.ws.conversations.get(conv.id)).status).toBe('snoozed');
    await t.h.clock.advance(3_599_000);
    expect((await t.acme.ws.conversations.get(conv.id)).status).toBe('snoozed');
    await t.h.clock.advance(1_000);
    expect(await t.acme.ws.conversations.get(conv.id)).toMatchObject({ status: 'open', snoozedUntil: null });
    const past = await t.acme.ws.conversations.snooze(conv.id, { until: t.h.clock.now() - 1 }).catch((e: unknown) => e);
    expect((past as ValidationError).issues[0]!.path).toBe('until');
  });

  it('records failed delivery on the message, with the reason and no secrets', async () => {
    const conv = await push(1);
    t.h.channel.failNext(1, 'mailbox unavailable');
    const failed = await t.acme.ws.conversations.reply(conv.id, { authorId: t.acme.kari.id, text: 'hello' });
    expect(failed).toMatchObject({ deliveryStatus: 'failed', deliveryError: '[test] mailbox unavailable' });
    const sent = await t.acme.ws.conversations.reply(conv.id, { authorId: t.acme.kari.id, text: 'again' });
    expect(sent.deliveryStatus).toBe('sent');
    const updated = await t.acme.ws.conversations.get(conv.id);
    expect(updated.firstResponseAt).toBe(failed.createdAt);
  });

  it('refuses to reply where nothing can send, storing nothing', async () => {
    const conv = await push(1);
    await t.acme.ws.channels.disconnect(t.acme.supportChannel.id);
    const error = await t.acme.ws.conversations.reply(conv.id, { authorId: t.acme.kari.id, text: 'x' }).catch((e: unknown) => e);
    expect(ChannelError.isInstance(error)).toBe(true);
    expect((await t.acme.ws.conversations.timeline(conv.id)).items).toHaveLength(1);
  });

  it('assign validates that the user can see the inbox', async () => {
    const conv = await push(1);
    const error = await t.acme.ws.conversations.assign(conv.id, { userId: t.acme.sven.id }).catch((e: unknown) => e);
    expect((error as ValidationError).issues[0]).toMatchObject({ path: 'userId' });
  });
});

describe('crash safety', () => {
  it('a reply interrupted by a crash is delivered once after a quick restart, with the id allocated before the crash', async () => {
    const storage = memoryStorage();
    const start = Date.UTC(2026, 0, 1);
    // The crashed process: its clock never moves again (its timers are dead) and its
    // delivery never returns, as if the process died inside doSend.
    const deadClock = manualClock(start);
    const crashing = createTestChannel();
    const hanging = { ...crashing, doSend: () => new Promise<never>(() => {}) };
    const kit1 = createInboxKit({ storage, clock: deadClock, channels: [hanging] });
    await kit1.start();
    const ws = await kit1.workspaces.create({ name: 'W' });
    const user = await kit1.workspace(ws.id).users.create({ name: 'A', email: 'a@w.test' });
    const inbox = await kit1.workspace(ws.id).inboxes.create({ name: 'I', members: { users: [user.id] } });
    const channel = await kit1.workspace(ws.id).channels.connect({ inboxId: inbox.id, type: 'test', name: 't' });
    const conv = accepted(await kit1.ingest({ workspaceId: ws.id, channelId: channel.id, externalId: 'x', from: { email: 'c@c.test' }, text: 'hi' }));
    void kit1.workspace(ws.id).conversations.reply(conv.conversation.id, { authorId: user.id, text: 'on its way' });
    await new Promise((r) => setTimeout(r, 10));
    const pending = (await kit1.workspace(ws.id).conversations.timeline(conv.conversation.id)).items[1];
    expect(pending).toMatchObject({ text: 'on its way', deliveryStatus: 'pending', externalId: expect.any(String) });

    const clock = manualClock(start + 1_000); // restarted a second later
    const healthy = createTestChannel();
    const kit2 = createInboxKit({ storage, clock, channels: [healthy] });
    await kit2.start();
    expect(healthy.sent, 'the crashed sender still holds the delivery lease').toEqual([]);
    await clock.advance(30_000); // the lease lapsed; the next sweep delivers
    expect(healthy.sent.map((s) => [s.message.text, s.externalId])).toEqual([['on its way', (pending as { externalId: string }).externalId]]);
    const after = (await kit2.workspace(ws.id).conversations.timeline(conv.conversation.id)).items[1];
    expect(after).toMatchObject({ deliveryStatus: 'sent', externalId: (pending as { externalId: string }).externalId });
    await clock.advance(120_000);
    expect(healthy.sent).toHaveLength(1);
    await kit2.stop();
  });
});
