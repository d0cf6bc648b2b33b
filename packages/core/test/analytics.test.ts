import { describe, expect, it } from 'vitest';
import { conversationExportColumns, toCsv, type ConversationExportRow, type DurationStats } from '@inboxkit/core';
import { H, MIN, at, useAnalyticsKit } from './analytics-setup.js';

const day = { from: at('2026-11-02T00:00:00Z'), to: at('2026-11-03T00:00:00Z') };
const stats = (count: number, avg: number, median: number, p90: number): DurationStats => ({ count, avg, median, p90 });
const none: DurationStats = { count: 0, avg: null, median: null, p90: null };

describe('analytics through the kit', () => {
  const h = useAnalyticsKit();

  /**
   * Monday in the support inbox (ann) and the sales inbox (bob), every step through the kit
   * except the bot message:
   * 09:00 ann writes · 09:10 bob writes · 09:30 kari replies (ann waited 30 min, her first response)
   * 09:50 sven replies (bob waited 40 min) · 10:00 ann writes · 10:02 a bot answers · 10:03 ola comments
   * 11:00 ola replies (ann waited 60 min: the bot and the comment ended nothing) · 11:10 kari replies
   * 12:00 kari closes · 13:00 ann writes (reopens) · 13:20 kari replies (20 min) · 14:00 kari closes (5 h after creation)
   */
  async function monday() {
    const { acme, ws } = h;
    await h.at('2026-11-02T09:00:00Z');
    const ann = await h.incoming('ann@customer.test');
    await h.at('2026-11-02T09:10:00Z');
    const bob = await h.incoming('bob@customer.test', { channelId: acme.salesChannel.id });
    await h.at('2026-11-02T09:30:00Z');
    await ws.conversations.reply(ann.id, { authorId: acme.kari.id, text: 'Looking into it' });
    await h.at('2026-11-02T09:50:00Z');
    await ws.conversations.reply(bob.id, { authorId: acme.sven.id, text: 'Here is a quote' });
    await h.at('2026-11-02T10:00:00Z');
    await h.incoming('ann@customer.test', { conversation: ann });
    await h.at('2026-11-02T10:02:00Z');
    await h.bot(ann);
    await h.at('2026-11-02T10:03:00Z');
    await ws.conversations.comment(ann.id, { authorId: acme.ola.id, text: 'I take this one' });
    await h.at('2026-11-02T11:00:00Z');
    await ws.conversations.reply(ann.id, { authorId: acme.ola.id, text: 'Fixed' });
    await h.at('2026-11-02T11:10:00Z');
    await ws.conversations.reply(ann.id, { authorId: acme.kari.id, text: 'Anything else?' });
    await h.at('2026-11-02T12:00:00Z');
    await ws.conversations.close(ann.id, { by: acme.kari.id });
    await h.at('2026-11-02T13:00:00Z');
    await h.incoming('ann@customer.test', { conversation: ann });
    await h.at('2026-11-02T13:20:00Z');
    await ws.conversations.reply(ann.id, { authorId: acme.kari.id, text: 'Sure' });
    await h.at('2026-11-02T14:00:00Z');
    await ws.conversations.close(ann.id, { by: acme.kari.id });
    return { ann, bob };
  }

  it('counts replies per agent: users only, most conversations first', async () => {
    await monday();
    const { kari, ola, sven } = h.acme;
    const { items } = await h.ws.analytics.repliesByAgent(day);
    // kari: three replies in one conversation; ola and sven one each, tied, so ordered by id.
    const tied = [ola, sven].sort((a, b) => (a.id < b.id ? -1 : 1));
    expect(items).toEqual([
      { userId: kari.id, conversationsReplied: 1, messagesSent: 3 },
      ...tied.map((user) => ({ userId: user.id, conversationsReplied: 1, messagesSent: 1 })),
    ]);
    expect((await h.ws.analytics.repliesByAgent({ ...day, inboxId: h.acme.salesInbox.id })).items).toEqual([{ userId: sven.id, conversationsReplied: 1, messagesSent: 1 }]);
  });

  it('measures waits, ignoring bots and comments, across a reopen; time to close is the latest close', async () => {
    await monday();
    const { supportInbox, salesInbox } = h.acme;
    const { items } = await h.ws.analytics.responseTimes({ ...day, groupBy: 'inbox' });
    const byKey = new Map(items.map((g) => [g.key, g]));
    // Support waits: 30, 60, 20 min → mean 36⅔, median 30, p90 at rank 1.8 = 30 + 0.8·30.
    expect(byKey.get(supportInbox.id)).toEqual({
      key: supportInbox.id,
      firstResponse: stats(1, 30 * MIN, 30 * MIN, 30 * MIN),
      response: stats(3, (110 * MIN) / 3, 30 * MIN, 54 * MIN),
      timeToClose: stats(1, 5 * H, 5 * H, 5 * H),
    });
    expect(byKey.get(salesInbox.id)).toEqual({ key: salesInbox.id, firstResponse: stats(1, 40 * MIN, 40 * MIN, 40 * MIN), response: stats(1, 40 * MIN, 40 * MIN, 40 * MIN), timeToClose: none });
  });

  it('keeps every figure when contacts merge; the export shows the surviving contact', async () => {
    const { bob } = await monday();
    const before = await h.ws.analytics.responseTimes({ ...day, groupBy: 'agent' });
    const survivor = await h.ws.contacts.create({ email: 'robert@customer.test' });
    await h.ws.contacts.merge(survivor.id, bob.contactId);
    expect(await h.ws.analytics.responseTimes({ ...day, groupBy: 'agent' })).toEqual(before);
    const rows: ConversationExportRow[] = [];
    for await (const row of h.ws.analytics.exportConversations(day)) rows.push(row);
    expect(rows.find((row) => row.conversationId === bob.id)?.contactId).toBe(survivor.id);
  });

  it('exports one row per conversation, page by page, and as CSV', async () => {
    const { ann, bob } = await monday();
    const rows: ConversationExportRow[] = [];
    for await (const row of h.ws.analytics.exportConversations({ ...day, pageSize: 1 })) rows.push(row);
    expect(rows).toEqual([
      {
        conversationId: ann.id, inboxId: h.acme.supportInbox.id, channelId: h.acme.supportChannel.id, channelType: 'test', assigneeId: null, teamId: null,
        contactId: ann.contactId, status: 'closed', createdAt: at('2026-11-02T09:00:00Z'), firstIncomingAt: at('2026-11-02T09:00:00Z'),
        firstResponseAt: at('2026-11-02T09:30:00Z'), closedAt: at('2026-11-02T14:00:00Z'), incomingMessages: 3, userMessages: 4, botMessages: 1,
      },
      expect.objectContaining({ conversationId: bob.id, firstResponseAt: at('2026-11-02T09:50:00Z'), incomingMessages: 1, userMessages: 1, botMessages: 0 }),
    ]);
    const lines: string[] = [];
    for await (const line of toCsv(h.ws.analytics.exportConversations(day), conversationExportColumns)) lines.push(line);
    expect(lines).toHaveLength(3);
    expect(lines[0]).toBe(`${conversationExportColumns.join(',')}\r\n`);
    expect(lines[1]).toBe(`${ann.id},${h.acme.supportInbox.id},${h.acme.supportChannel.id},test,,,${ann.contactId},closed,2026-11-02T09:00:00.000Z,2026-11-02T09:00:00.000Z,2026-11-02T09:30:00.000Z,2026-11-02T14:00:00.000Z,3,4,1\r\n`);
  });

  it('counts volume per local day, channel type and state, reopens included', async () => {
    await monday();
    const { items } = await h.ws.analytics.volume({ from: day.from, to: at('2026-11-04T00:00:00Z'), interval: 'day', timeZone: 'UTC' });
    expect(items.map(({ start, created, closed, open, channels }) => ({ start, created, closed, open, channels }))).toEqual([
      // ann was closed at 12:00 and reopened: only its last close (14:00) counts; bob stays open.
      { start: day.from, created: 2, closed: 1, open: 1, channels: { test: { created: 2, closed: 1, open: 1 } } },
      { start: day.to, created: 0, closed: 0, open: 1, channels: { test: { created: 0, closed: 0, open: 1 } } },
    ]);
  });
});
