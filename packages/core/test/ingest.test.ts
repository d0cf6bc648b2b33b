import { describe, expect, it } from 'vitest';
import { ChannelError, NotFoundError, ValidationError, replyTokenFor } from '@inboxkit/core';
import { accepted, useAcme } from './setup.js';

describe('kit.ingest', () => {
  const t = useAcme();

  const inbound = (overrides: Record<string, unknown> = {}) => ({
    workspaceId: t.acme.acme.id,
    channelId: t.acme.supportChannel.id,
    externalId: 'msg-1@customer.test',
    from: { email: 'nora@customer.test', name: 'Nora' },
    subject: 'Hello',
    text: 'Hi there',
    ...overrides,
  });

  it('is idempotent: the same externalId returns the first result, marked duplicate, with no new events', async () => {
    const first = accepted(await t.h.kit.ingest(inbound()));
    const { nextCursor } = await t.acme.ws.events.read({ limit: 1000 });
    const second = accepted(await t.h.kit.ingest(inbound({ text: 'changed' })));
    expect(second).toMatchObject({ duplicate: true, created: false });
    expect(second.message.id).toBe(first.message.id);
    expect(second.message.text).toBe('Hi there');
    expect((await t.acme.ws.events.read({ after: nextCursor })).items).toEqual([]);
    expect((await t.acme.ws.conversations.timeline(first.conversation.id)).items).toHaveLength(1);
  });

  it('concurrent ingests of one externalId store exactly one message', async () => {
    const results = await Promise.all(Array.from({ length: 20 }, () => t.h.kit.ingest(inbound())));
    const ids = new Set(results.map((r) => accepted(r).message.id));
    expect(ids.size).toBe(1);
    expect(results.filter((r) => !r.duplicate)).toHaveLength(1);
    const list = await t.acme.ws.conversations.list();
    expect(list.items).toHaveLength(1);
  });

  it('finds or creates the contact by email, visitor id or phone, filling missing fields', async () => {
    const byEmail = accepted(await t.h.kit.ingest(inbound({ from: { email: 'NORA@customer.test' } })));
    expect(byEmail.contact).toMatchObject({ email: 'nora@customer.test', name: null });
    const named = accepted(await t.h.kit.ingest(inbound({ externalId: 'm2', from: { email: 'nora@customer.test', name: 'Nora N' } })));
    expect(named.contact).toMatchObject({ id: byEmail.contact.id, name: 'Nora N' });
    const visitor = accepted(await t.h.kit.ingest(inbound({ externalId: 'm3', from: { visitorId: 'v-1' } })));
    expect(visitor.contact.id).not.toBe(byEmail.contact.id);
    const again = accepted(await t.h.kit.ingest(inbound({ externalId: 'm4', from: { visitorId: 'v-1', phone: '+4712345678' } })));
    expect(again.contact).toMatchObject({ id: visitor.contact.id, phone: '+4712345678' });
  });

  it('never attaches a visitor id to a contact found by a claimed email', async () => {
    const known = accepted(await t.h.kit.ingest(inbound()));
    const claim = accepted(await t.h.kit.ingest(inbound({ externalId: 'm2', from: { email: 'nora@customer.test', visitorId: 'attacker' } })));
    expect(claim.contact.id).toBe(known.contact.id);
    expect(claim.contact.visitorIds).toEqual([]);
    expect(await t.acme.ws.contacts.findByVisitorId('attacker')).toBeNull();
  });

  it('threads by threadRefs and by reply token within the inbox, else opens a new conversation', async () => {
    const first = accepted(await t.h.kit.ingest(inbound()));
    const byRef = accepted(await t.h.kit.ingest(inbound({ externalId: 'm2', threadRefs: ['unknown', 'msg-1@customer.test'] })));
    expect(byRef.conversation.id).toBe(first.conversation.id);
    const byToken = accepted(await t.h.kit.ingest(inbound({ externalId: 'm3', replyToken: replyTokenFor(first.conversation) })));
    expect(byToken.conversation.id).toBe(first.conversation.id);
    const forged = accepted(await t.h.kit.ingest(inbound({ externalId: 'm4', replyToken: `${first.conversation.id}.wrongsecret` })));
    expect(forged.created).toBe(true);
    const otherInbox = accepted(await t.h.kit.ingest(inbound({ externalId: 'm5', channelId: t.acme.salesChannel.id, threadRefs: ['msg-1@customer.test'] })));
    expect(otherInbox.created).toBe(true);
    expect(otherInbox.conversation.inboxId).toBe(t.acme.salesInbox.id);
  });

  it('reopens closed and wakes snoozed conversations when the contact writes', async () => {
    const first = accepted(await t.h.kit.ingest(inbound()));
    await t.acme.ws.conversations.close(first.conversation.id);
    const reopened = accepted(await t.h.kit.ingest(inbound({ externalId: 'm2', threadRefs: ['msg-1@customer.test'] })));
    expect(reopened.conversation).toMatchObject({ status: 'open', closedAt: null, messageCount: 2 });
    await t.acme.ws.conversations.snooze(first.conversation.id, { until: t.h.clock.now() + 86_400_000 });
    const woke = accepted(await t.h.kit.ingest(inbound({ externalId: 'm3', threadRefs: ['m2'] })));
    expect(woke.conversation).toMatchObject({ status: 'open', snoozedUntil: null });
  });

  it('stores attachments as blobs with metadata on the message', async () => {
    const result = accepted(await t.h.kit.ingest(inbound({
      attachments: [{ filename: 'log file.txt', contentType: 'text/plain', content: new TextEncoder().encode('boom') }],
    })));
    expect(result.message.attachments).toEqual([
      expect.objectContaining({ filename: 'log file.txt', contentType: 'text/plain', size: 4, contentId: null }),
    ]);
  });

  it('rejects bad input with VALIDATION naming the field, and stores nothing', async () => {
    const attempts = [
      [inbound({ from: {} }), 'from.email'],
      [inbound({ from: { email: 'not-an-email' } }), 'from.email'],
      [inbound({ externalId: '' }), 'externalId'],
      [inbound({ text: 42 }), 'text'],
    ] as const;
    for (const [message, path] of attempts) {
      const error = await t.h.kit.ingest(message as never).catch((e: unknown) => e);
      expect(ValidationError.isInstance(error), String(error)).toBe(true);
      expect((error as ValidationError).issues.map((i) => i.path)).toContain(path);
    }
    expect((await t.acme.ws.conversations.list()).items).toEqual([]);
    expect((await t.acme.ws.contacts.list()).items).toEqual([]);
  });

  it('rejects unknown and disconnected channels', async () => {
    const unknown = await t.h.kit.ingest(inbound({ channelId: 'ch_missing' })).catch((e: unknown) => e);
    expect(NotFoundError.isInstance(unknown)).toBe(true);
    await t.acme.ws.channels.disconnect(t.acme.supportChannel.id);
    const gone = await t.h.kit.ingest(inbound()).catch((e: unknown) => e);
    expect(ChannelError.isInstance(gone)).toBe(true);
  });

  it('a chat session appends to its own conversation only', async () => {
    const first = accepted(await t.h.kit.ingest(inbound({ from: { visitorId: 'v-9' } })));
    const next = accepted(await t.h.kit.ingest(inbound({ externalId: 'm2', from: { visitorId: 'v-9' }, conversationId: first.conversation.id })));
    expect(next.conversation.id).toBe(first.conversation.id);
    const hijack = await t.h.kit
      .ingest(inbound({ externalId: 'm3', from: { visitorId: 'v-other' }, conversationId: first.conversation.id }))
      .catch((e: unknown) => e);
    expect(ValidationError.isInstance(hijack)).toBe(true);
    expect((hijack as ValidationError).issues[0]!.path).toBe('conversationId');
  });
});
