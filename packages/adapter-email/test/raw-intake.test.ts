import { PGlite } from '@electric-sql/pglite';
import { InboxKitError } from '@inboxkit/core';
import { memoryStorage } from '@inboxkit/storage-memory';
import { postgresStorage } from '@inboxkit/storage-postgres';
import { afterEach, describe, expect, it } from 'vitest';
import { basic } from './corpus/build.js';
import { corpus } from './corpus/cases.js';
import { corpusKit, type CorpusKit } from './corpus/harness.js';

let k: CorpusKit | null = null;
const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  await k?.stop();
  k = null;
  for (const close of closers.splice(0)) await close();
});

const notFound = (e: unknown) => InboxKitError.isInstance(e) && e.code === 'NOT_FOUND';

describe('ingestRaw to an inbox fallback address', () => {
  it('lands in the inbox through its implicit fallback channel, created once', async () => {
    k = await corpusKit(memoryStorage());
    const recipient = k.inbox.fallbackAddress.toUpperCase();
    const a = await k.email.ingestRaw(basic(1, { To: recipient }), { recipient });
    const b = await k.email.ingestRaw(basic(2, { To: recipient }), { recipient: k.inbox.fallbackAddress });
    if (a.status !== 'accepted' || b.status !== 'accepted') throw new Error('not accepted');
    expect(a.conversation.inboxId).toBe(k.inbox.id);
    expect(a.conversation.channelId).toBe(b.conversation.channelId);
    const channel = await k.ws.channels.get(a.conversation.channelId);
    expect(channel).toMatchObject({ type: 'email', inboxId: k.inbox.id, config: { address: k.inbox.fallbackAddress } });
    expect((await k.ws.channels.list({ inboxId: k.inbox.id })).items.filter((c) => c.type === 'email')).toHaveLength(2);
  });

  it('mail from the fallback address itself is our own and skipped', async () => {
    k = await corpusKit(memoryStorage());
    const result = await k.email.ingestRaw(basic(3, { From: k.inbox.fallbackAddress }), { recipient: k.inbox.fallbackAddress });
    expect(result.status).toBe('skipped');
  });

  it('an unknown recipient or channel is NOT_FOUND and stores nothing', async () => {
    k = await corpusKit(memoryStorage());
    await expect(k.email.ingestRaw(basic(4), { recipient: 'nobody@in.acme.test' })).rejects.toSatisfy(notFound);
    await expect(k.email.ingestRaw(basic(4), { channelId: k.testChannel.id })).rejects.toSatisfy(notFound); // not an email channel
    expect((await k.ws.conversations.list()).items).toHaveLength(0);
  });

  it('a disconnected channel refuses mail with CHANNEL', async () => {
    k = await corpusKit(memoryStorage());
    await k.ws.channels.disconnect(k.channel.id);
    await expect(k.email.ingestRaw(basic(5), { channelId: k.channel.id })).rejects.toSatisfy((e: unknown) => InboxKitError.isInstance(e) && e.code === 'CHANNEL');
  });

  it('reads a stream source', async () => {
    k = await corpusKit(memoryStorage());
    const { Readable } = await import('node:stream');
    const raw = basic(6);
    const stream = Readable.from([raw.subarray(0, 50), raw.subarray(50)]);
    const result = await k.email.ingestRaw(stream, { channelId: k.channel.id });
    expect(result.status === 'accepted' && result.message.externalId).toBe('<corpus-6@example.test>');
  });
});

// The raw intake path on PGlite: the store's transactions, locks and JSON round-trips.
const onPglite = ['ISO-8859-1 quoted-printable', 'attachment streamed to the blob store', 'In-Reply-To threads into the conversation',
  'Auto-Submitted: auto-replied', 'DSN bounce for a message we sent marks it failed', 'missing Message-ID: a stable synthesized id, redelivery is a duplicate'];

describe('corpus subset on PGlite', () => {
  it.each(onPglite)('%s', async (name) => {
    const client = await PGlite.create();
    const storage = postgresStorage({ client });
    await storage.migrate();
    closers.push(async () => {
      await storage.close();
      await client.close();
    });
    k = await corpusKit(storage);
    const c = corpus.find((x) => x.name === name)!;
    await c.before?.(k);
    await c.check(await k.email.ingestRaw(await c.raw(k), { channelId: k.channel.id }), k);
  });
});

describe('subject threading (opt-in)', () => {
  const DAY = 86_400_000;
  const noHeaders = (n: number, from: string, subject: string) => basic(n, { From: from, Subject: subject });

  it('a header-less reply from the same contact with the same normalized subject joins, within the window only', async () => {
    k = await corpusKit(memoryStorage(), { subjectThreading: { windowMs: 7 * DAY } });
    const first = await k.email.ingestRaw(noHeaders(1, 'c1@example.test', 'Printer broken'), { channelId: k.channel.id });
    const again = await k.email.ingestRaw(noHeaders(2, 'c1@example.test', 'AW: RE:  printer broken'), { channelId: k.channel.id });
    const other = await k.email.ingestRaw(noHeaders(3, 'c2@example.test', 'Re: Printer broken'), { channelId: k.channel.id });
    if (first.status !== 'accepted' || again.status !== 'accepted' || other.status !== 'accepted') throw new Error('not accepted');
    expect(again.conversation.id).toBe(first.conversation.id);
    expect(other.conversation.id).not.toBe(first.conversation.id);
    const fwd = await k.email.ingestRaw(noHeaders(4, 'c1@example.test', 'Fwd: Printer broken'), { channelId: k.channel.id });
    expect(fwd.status === 'accepted' && fwd.created).toBe(true);
    k.clock.advance(8 * DAY);
    const late = await k.email.ingestRaw(noHeaders(5, 'c1@example.test', 'Re: Printer broken'), { channelId: k.channel.id });
    expect(late.status === 'accepted' && late.created).toBe(true);
  });

  it('is off by default', async () => {
    k = await corpusKit(memoryStorage());
    await k.email.ingestRaw(noHeaders(1, 'c1@example.test', 'Printer'), { channelId: k.channel.id });
    const again = await k.email.ingestRaw(noHeaders(2, 'c1@example.test', 'Re: Printer'), { channelId: k.channel.id });
    expect(again.status === 'accepted' && again.created).toBe(true);
  });
});
