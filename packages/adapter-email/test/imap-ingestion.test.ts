import { memoryStorage } from '@inboxkit/storage-memory';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emailChannel } from '../src/email-channel.js';
import type { ImapSettings } from '../src/imap/imap-settings.js';
import { checkpointKey } from '../src/imap/checkpoint.js';
import { dovecotAvailable, startDovecot, type Dovecot } from './dovecot.js';
import { eventually, fastImap, incomingMessages, makeKit, seedWorkspace, type LogLine } from './kit-fixture.js';
import { customerMail } from './mail-fixtures.js';

/** Message-IDs as the intake stores them (with or without angle brackets). */
const bare = (id: string | null) => (id ?? '').replace(/^<|>$/g, '');

describe.skipIf(!dovecotAvailable)('IMAP ingestion against a real Dovecot', () => {
  let dovecot: Dovecot;
  const password = 'imap-Secret-9431';
  const vault: Record<string, string> = { 'imap-support': password };
  let user = 0;

  beforeAll(async () => {
    dovecot = await startDovecot();
  });
  afterAll(async () => {
    await dovecot?.close();
  });

  async function setup(overrides: Partial<ImapSettings> = {}) {
    const login = `support${++user}`;
    await dovecot.addUser(login, password);
    const storage = memoryStorage();
    const logs: LogLine[] = [];
    const adapter = emailChannel({ imap: fastImap });
    const kit = makeKit(storage, adapter, vault, logs);
    await kit.start();
    const seeded = await seedWorkspace(kit);
    const imap: ImapSettings = {
      host: dovecot.host,
      port: dovecot.port,
      secure: false,
      user: login,
      passwordRef: 'imap-support',
      mailbox: 'INBOX',
      markSeen: false,
      moveTo: null,
      ...overrides,
    };
    const channel = await seeded.ws.channels.connect({ inboxId: seeded.inbox.id, type: 'email', name: `${login}@acme.test`, config: { address: `${login}@acme.test`, imap } });
    return { ...seeded, storage, logs, adapter, kit, login, channel, imap };
  }

  it('turns appended mail into conversations and checkpoints the last UID', async () => {
    const { kit, workspace, login, storage, channel } = await setup();
    const uid = await dovecot.append(login, customerMail({ messageId: 'first@customer.test', subject: 'Order 1' }));
    await eventually(async () => (await incomingMessages(kit, workspace.id)).length === 1, 10_000, 'first message');
    const [message] = await incomingMessages(kit, workspace.id);
    expect(bare(message!.externalId)).toBe('first@customer.test');
    await eventually(async () => (await storage.state.get<{ lastUid: number }>(workspace.id, checkpointKey(channel.id, 'INBOX')))?.lastUid === uid);
    await kit.stop();
  });

  it('resumes from the checkpoint after a restart: mail that arrived meanwhile once, nothing twice', async () => {
    const { kit, workspace, login } = await setup();
    await dovecot.append(login, customerMail({ messageId: 'a@customer.test', subject: 'A' }));
    await eventually(async () => (await incomingMessages(kit, workspace.id)).length === 1);
    await kit.stop();
    await dovecot.append(login, customerMail({ messageId: 'b@customer.test', subject: 'B' }));
    await dovecot.append(login, customerMail({ messageId: 'c@customer.test', subject: 'C' }));
    await kit.start();
    await eventually(async () => (await incomingMessages(kit, workspace.id)).length === 3);
    const ids = (await incomingMessages(kit, workspace.id)).map((m) => bare(m.externalId)).sort();
    expect(ids).toEqual(['a@customer.test', 'b@customer.test', 'c@customer.test']);
    await kit.stop();
  });

  it('rescans when UIDVALIDITY changes and keeps every message exactly once', async () => {
    const { kit, workspace, login, storage, channel } = await setup({ mailbox: 'Support' });
    const admin = await dovecot.client(login);
    await admin.mailboxCreate('Support');
    for (const id of ['u1', 'u2']) await admin.append('Support', customerMail({ messageId: `${id}@customer.test`, subject: id }));
    await eventually(async () => (await incomingMessages(kit, workspace.id)).length === 2);
    const before = await storage.state.get<{ uidValidity: string }>(workspace.id, checkpointKey(channel.id, 'Support'));
    await kit.stop();
    // Recreating the mailbox gives it a new UIDVALIDITY; the same two messages come back with new UIDs.
    await admin.mailboxDelete('Support');
    await admin.mailboxCreate('Support');
    for (const id of ['u1', 'u2', 'u3']) await admin.append('Support', customerMail({ messageId: `${id}@customer.test`, subject: id }));
    await admin.logout();
    await kit.start();
    await eventually(async () => (await incomingMessages(kit, workspace.id)).length >= 3);
    const after = await storage.state.get<{ uidValidity: string; lastUid: number }>(workspace.id, checkpointKey(channel.id, 'Support'));
    expect(after!.uidValidity).not.toBe(before!.uidValidity);
    await eventually(async () => (await storage.state.get<{ lastUid: number }>(workspace.id, checkpointKey(channel.id, 'Support')))?.lastUid === 3);
    expect((await incomingMessages(kit, workspace.id)).map((m) => bare(m.externalId)).sort()).toEqual(['u1@customer.test', 'u2@customer.test', 'u3@customer.test']);
    await kit.stop();
  });

  it('marks ingested mail seen and moves it out when configured', async () => {
    const { kit, workspace, login } = await setup({ markSeen: true, moveTo: 'Processed' });
    const admin = await dovecot.client(login);
    await admin.mailboxCreate('Processed');
    await admin.append('INBOX', customerMail({ messageId: 'move@customer.test' }));
    await eventually(async () => (await incomingMessages(kit, workspace.id)).length === 1);
    await eventually(async () => ((await admin.status('INBOX', { messages: true })) || { messages: -1 }).messages === 0, 5_000, 'move out of INBOX');
    const lock = await admin.getMailboxLock('Processed');
    try {
      const [moved] = await admin.fetchAll('1:*', { flags: true, envelope: true });
      expect(moved!.envelope!.messageId).toBe('<move@customer.test>');
      expect(moved!.flags!.has('\\Seen')).toBe(true);
    } finally {
      lock.release();
    }
    await admin.logout();
    await kit.stop();
  });

  it('reconnects after the IMAP server restarts', async () => {
    const { kit, workspace, login, logs } = await setup();
    await dovecot.append(login, customerMail({ messageId: 'before-restart@customer.test' }));
    await eventually(async () => (await incomingMessages(kit, workspace.id)).length === 1);
    await dovecot.restart();
    await dovecot.append(login, customerMail({ messageId: 'after-restart@customer.test' }));
    await eventually(async () => (await incomingMessages(kit, workspace.id)).length === 2, 15_000, 'mail after restart');
    expect(logs.map((l) => l.message)).toContain('email: IMAP connection failed, reconnecting');
    await kit.stop();
  });

  it('stops a disconnected channel and never logs the password, even when login fails', async () => {
    const { kit, workspace, login, logs, ws, channel, adapter } = await setup();
    await eventually(() => adapter.imapStatus().some((m) => m.channelId === channel.id && m.owning));
    await ws.channels.disconnect(channel.id);
    expect(adapter.imapStatus()).toEqual([]);
    await dovecot.append(login, customerMail({ messageId: 'ignored@customer.test' }));
    // A second channel with a wrong password keeps retrying with backoff and says why.
    vault['imap-wrong'] = 'Wrong-Password-5521';
    const wrong = await ws.channels.connect({
      inboxId: channel.inboxId,
      type: 'email',
      name: 'wrong@acme.test',
      config: { address: 'wrong@acme.test', imap: { ...(channel.config.imap as ImapSettings), passwordRef: 'imap-wrong' } },
    });
    await eventually(() => logs.some((l) => l.message.includes('reconnecting') && l.fields?.channelId === wrong.id));
    expect(logs.find((l) => l.fields?.channelId === wrong.id)!.fields!.error).toMatch(/auth/i);
    expect(await incomingMessages(kit, workspace.id)).toEqual([]);
    const text = JSON.stringify(logs);
    expect(text).not.toContain(password);
    expect(text).not.toContain('Wrong-Password-5521');
    await kit.stop();
  });
});
