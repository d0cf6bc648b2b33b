// A mailbox's first sync (a backlog) goes through core's batch door, `context.ingestMany`,
// one call per fetched batch, with the checkpoint rules of the one-by-one path.
import type { ChannelContext, InboundMessage, InboxKit, Storage } from '@inboxkit/core';
import { memoryStorage } from '@inboxkit/storage-memory';
import type { ImapFlow } from 'imapflow';
import { describe, expect, it } from 'vitest';
import { emailChannel, type EmailChannel } from '../src/index.js';
import { checkpointKey } from '../src/imap/checkpoint.js';
import { dovecotAvailable } from './dovecot.js';
import { dovecotPerSuite } from './dovecot-suite.js';
import { eventually, fastImap, incomingMessages, makeKit, seedWorkspace, type LogLine } from './kit-fixture.js';
import { customerMail } from './mail-fixtures.js';
import { storeKinds } from './stores.js';

const password = 'imap-Secret-2718';
const vault = { 'imap-support': password };

/** What the adapter asked of its context, and a hook to change a batch on its way to core. */
interface Spy {
  batches: number[];
  singles: number;
  /** Replaces the call to core's `ingestMany` (default: pass the batch through). */
  ingestMany?: (real: ChannelContext['ingestMany'], batch: readonly InboundMessage[]) => ReturnType<ChannelContext['ingestMany']>;
}

/** The email adapter with its context's ingest doors observed. */
function spied(email: EmailChannel, spy: Spy): EmailChannel {
  return {
    ...email,
    start: (ctx) =>
      email.start!({
        ...ctx,
        ingest: (message) => {
          spy.singles += 1;
          return ctx.ingest(message);
        },
        ingestMany: (batch) => {
          spy.batches.push(batch.length);
          return spy.ingestMany ? spy.ingestMany((b) => ctx.ingestMany(b), batch) : ctx.ingestMany(batch);
        },
      }),
  };
}

const bare = (id: string | null) => (id ?? '').replace(/^<|>$/g, '');

describe.skipIf(!dovecotAvailable)('IMAP first sync through ingestMany (real Dovecot)', () => {
  const server = dovecotPerSuite();
  let users = 0;

  /** A mailbox with `count` messages already in it (UIDs 1..count), before any kit sees it. */
  async function backlog(count: number, text?: string) {
    const login = `first${++users}`;
    await server().addUser(login, password);
    const client: ImapFlow = await server().client(login);
    try {
      for (let i = 1; i <= count; i++) await client.append('INBOX', customerMail({ messageId: `backlog-${i}@customer.test`, subject: `Backlog ${i}`, ...(text ? { text } : {}) }));
    } finally {
      await client.logout().catch(() => undefined);
    }
    return login;
  }

  async function connect(storage: Storage, login: string, spy: Spy, batchSize: number, batchBytes?: number) {
    const logs: LogLine[] = [];
    const imapOptions = { ...fastImap, batchSize, ...(batchBytes ? { batchBytes } : {}) };
    const kit: InboxKit = makeKit(storage, spied(emailChannel({ imap: imapOptions }), spy), vault, logs);
    await kit.start();
    const seeded = await seedWorkspace(kit);
    const imap = { host: server().host, port: server().port, secure: false, user: login, passwordRef: 'imap-support' };
    const channel = await seeded.ws.channels.connect({ inboxId: seeded.inbox.id, type: 'email', name: login, config: { address: `${login}@acme.test`, imap } });
    const lastUid = async () => (await storage.state.get<{ lastUid: number }>(seeded.workspace.id, checkpointKey(channel.id, 'INBOX')))?.lastUid;
    return { ...seeded, kit, logs, channel, lastUid };
  }

  it.each(storeKinds)('a backlog of 250 goes in as batches of 100, 100, 50: each message once, checkpoint at the last UID, a full re-sync adds nothing ($name)', async ({ create }) => {
    const { storage, cleanup } = await create();
    const login = await backlog(250);
    const spy: Spy = { batches: [], singles: 0 };
    const { kit, workspace, channel, lastUid } = await connect(storage, login, spy, 100);
    await eventually(async () => (await lastUid()) === 250, 60_000, 'checkpoint at UID 250');
    expect(spy.batches).toEqual([100, 100, 50]);
    expect(spy.singles).toBe(0);
    const messages = await incomingMessages(kit, workspace.id);
    expect(messages).toHaveLength(250);
    expect(new Set(messages.map((m) => bare(m.externalId))).size).toBe(250);

    // Forget the checkpoint (a crash before any was written): the whole mailbox comes again, as duplicates.
    await kit.stop();
    await storage.state.delete(workspace.id, checkpointKey(channel.id, 'INBOX'));
    spy.batches = [];
    await kit.start();
    await eventually(async () => (await lastUid()) === 250 && spy.batches.length === 3, 60_000, 'the re-sync');
    expect(spy.batches).toEqual([100, 100, 50]);
    expect(await incomingMessages(kit, workspace.id)).toHaveLength(250);
    await kit.stop();
    await cleanup();
  }, 120_000);

  // Six messages of about 30 KB: two fit in 70 KB, a third would not; one alone is above 20 KB and still goes.
  it.each([
    { batchBytes: 70_000, batches: [2, 2, 2] },
    { batchBytes: 20_000, batches: [1, 1, 1, 1, 1, 1] },
  ])('a batch also ends before its raw messages pass batchBytes ($batchBytes): memory stays bounded for big mail', async ({ batchBytes, batches }) => {
    const login = await backlog(6, 'Lorem ipsum dolor sit amet. '.repeat(1_100));
    const spy: Spy = { batches: [], singles: 0 };
    const { kit, workspace, lastUid } = await connect(memoryStorage(), login, spy, 100, batchBytes);
    await eventually(async () => (await lastUid()) === 6, 30_000, 'checkpoint at UID 6');
    expect(spy.batches).toEqual(batches);
    expect(await incomingMessages(kit, workspace.id)).toHaveLength(6);
    await kit.stop();
  }, 60_000);

  it('a crash in the middle of a batch (half of it committed, no checkpoint) re-syncs the batch without duplicates', async () => {
    const storage = memoryStorage();
    const login = await backlog(30);
    let crashed = false;
    const spy: Spy = {
      batches: [],
      singles: 0,
      async ingestMany(real, batch) {
        if (crashed || batch.length < 10) return real(batch);
        crashed = true;
        // The second batch commits its first half, then the process "dies" before the checkpoint.
        await real(batch.slice(0, 5));
        throw new Error('simulated crash mid-batch');
      },
    };
    const { kit, workspace, logs, lastUid } = await connect(storage, login, spy, 10);
    await eventually(async () => (await lastUid()) === 30, 30_000, 'checkpoint at UID 30');
    expect(crashed).toBe(true);
    expect(spy.batches).toEqual([10, 10, 10, 10]); // the crashed batch of UIDs 1–10 came again
    expect(logs.some((l) => l.message === 'email: IMAP connection failed, reconnecting' && String(l.fields?.error).includes('simulated crash'))).toBe(true);
    const messages = await incomingMessages(kit, workspace.id);
    expect(messages.map((m) => bare(m.externalId)).sort()).toEqual(Array.from({ length: 30 }, (_, i) => `backlog-${i + 1}@customer.test`).sort());
    await kit.stop();
  }, 60_000);

  it('a poison message mid-batch is logged and skipped; a failing one stops the checkpoint before it and is retried', async () => {
    const storage = memoryStorage();
    const login = await backlog(20);
    let failures = 0;
    const spy: Spy = {
      batches: [],
      singles: 0,
      ingestMany(real, batch) {
        // UID 5 is invalid for the kit (core answers VALIDATION); UID 15's channel is gone the first time (NOT_FOUND).
        const tampered = batch.map((m) => {
          if (m.externalId.includes('backlog-5@')) return { ...m, from: { email: 'not an address' } };
          if (m.externalId.includes('backlog-15@') && failures++ === 0) return { ...m, channelId: 'ch_gone' };
          return m;
        });
        return real(tampered);
      },
    };
    const { kit, workspace, logs, lastUid } = await connect(storage, login, spy, 10);
    await eventually(async () => (await lastUid()) === 20, 30_000, 'checkpoint at UID 20');
    // Batch 1–10 once (poison skipped), batch 11–20 twice: it stopped at 15, the retry fetched 15–20.
    expect(spy.batches).toEqual([10, 10, 6]);
    expect(failures).toBe(2);
    const rejected = logs.filter((l) => l.message === 'email: message rejected, skipped');
    expect(rejected.map((l) => l.fields?.uid)).toEqual([5]);
    expect(logs.some((l) => l.message === 'email: IMAP connection failed, reconnecting' && String(l.fields?.error).includes('ch_gone'))).toBe(true);
    const ids = (await incomingMessages(kit, workspace.id)).map((m) => bare(m.externalId));
    expect(ids).toHaveLength(19);
    expect(new Set(ids).size).toBe(19);
    expect(ids).not.toContain('backlog-5@customer.test');
    expect(ids).toContain('backlog-15@customer.test');
    await kit.stop();
  }, 60_000);
});
