import type { InboxKit, Storage } from '@inboxkit/core';
import { memoryStorage } from '@inboxkit/storage-memory';
import { describe, expect, it } from 'vitest';
import { emailChannel, type EmailChannel } from '../src/index.js';
import { checkpointKey } from '../src/imap/checkpoint.js';
import { dovecotAvailable } from './dovecot.js';
import { dovecotPerSuite } from './dovecot-suite.js';
import { eventually, fastImap, incomingMessages, makeKit, seedWorkspace, type LogLine } from './kit-fixture.js';
import { customerMail } from './mail-fixtures.js';
import { storeKinds } from './stores.js';

const password = 'imap-Secret-3141';
const vault = { 'imap-support': password };
async function conversationCount(kit: InboxKit, workspaceId: string): Promise<number> {
  let count = 0;
  let cursor: string | null = null;
  do {
    const page = await kit.workspace(workspaceId).conversations.list({ cursor, limit: 200 });
    count += page.items.length;
    cursor = page.nextCursor;
  } while (cursor);
  return count;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.skipIf(!dovecotAvailable)('IMAP ingestion across restarts and processes (real Dovecot)', () => {
  const server = dovecotPerSuite();
  let users = 0;

  /** One "process": a kit with its own email adapter on the shared store. */
  async function process(storage: Storage, logs: LogLine[]): Promise<{ kit: InboxKit; email: EmailChannel }> {
    const email = emailChannel({ imap: fastImap });
    const kit = makeKit(storage, email, vault, logs);
    await kit.start();
    return { kit, email };
  }

  async function mailbox(storage: Storage, logs: LogLine[]) {
    const login = `restart${++users}`;
    await server().addUser(login, password);
    const first = await process(storage, logs);
    const seeded = await seedWorkspace(first.kit);
    const imap = { host: server().host, port: server().port, secure: false, user: login, passwordRef: 'imap-support' };
    const channel = await seeded.ws.channels.connect({ inboxId: seeded.inbox.id, type: 'email', name: login, config: { address: `${login}@acme.test`, imap } });
    return { ...seeded, login, channel, first };
  }

  it('two kits on one store: exactly one polls the mailbox; the other takes over when it stops', async () => {
    const storage = memoryStorage();
    const logs: LogLine[] = [];
    const { login, workspace, channel, first } = await mailbox(storage, logs);
    const second = await process(storage, logs);
    const owners = () => [first, second].filter((p) => p.email.imapStatus().some((m) => m.channelId === channel.id && m.owning));
    await eventually(() => owners().length === 1, 5_000, 'one owner');
    expect(second.email.imapStatus().map((m) => m.channelId)).toEqual([channel.id]); // standing by
    for (let i = 0; i < 5; i++) await server().append(login, customerMail({ messageId: `pair-${i}@customer.test`, subject: `Pair ${i}` }));
    await eventually(async () => (await incomingMessages(first.kit, workspace.id)).length === 5);
    for (let check = 0; check < 10; check++) {
      expect(owners()).toHaveLength(1);
      await sleep(100);
    }
    const [owner] = owners();
    const other = owner === first ? second : first;
    await owner!.kit.stop();
    await eventually(() => other.email.imapStatus().some((m) => m.owning), 5_000, 'hand-over');
    await server().append(login, customerMail({ messageId: 'after-handover@customer.test', subject: 'After' }));
    await eventually(async () => (await incomingMessages(other.kit, workspace.id)).length === 6);
    await other.kit.stop();
    expect(JSON.stringify(logs)).not.toContain(password);
  });

  it.each(storeKinds)('$bulk messages while the poller is stopped, restarted, replaced by a fresh kit and the server restarts: each exactly once ($name)', async ({ create, bulk }) => {
    const { storage, cleanup } = await create();
    const logs: LogLine[] = [];
    const { login, workspace, channel, first } = await mailbox(storage, logs);
    let current = first;
    const total = bulk;
    let appended = 0;
    let restartedServer = false;
    const appender = (async () => {
      const client = await server().client(login);
      try {
        for (; appended < total; appended++) {
          await client.append('INBOX', customerMail({ messageId: `bulk-${appended}@customer.test`, subject: `Bulk ${appended}` }));
        }
      } finally {
        await client.logout().catch(() => undefined);
      }
    })();
    let ingested = 0;
    let restarts = 0;
    let fresh = 0;
    // Keep going until everything is in and the chaos really happened (a server restart, 3+ poller kills).
    while (ingested < total || !restartedServer || restarts + fresh < 3) {
      await sleep(50 + Math.floor(Math.random() * 250));
      // Every bulk message opens its own conversation (distinct subjects): counting those is cheap.
      ingested = await conversationCount(current.kit, workspace.id);
      const roll = Math.random();
      if (!restartedServer && appended === total && ingested > total / 3) {
        restartedServer = true;
        await server().restart();
      } else if (roll < 0.3) {
        await current.kit.stop();
        await current.kit.start();
        restarts++;
      } else if (roll < 0.5) {
        await current.kit.stop();
        current = await process(storage, logs);
        fresh++;
      }
      if (appended === total) await appender;
    }
    await appender;
    await sleep(300); // anything still in flight would show up as a duplicate now
    const messages = await incomingMessages(current.kit, workspace.id);
    const ids = new Set(messages.map((m) => m.externalId));
    expect(messages).toHaveLength(total);
    expect(ids.size).toBe(total);
    const checkpoint = await storage.state.get<{ lastUid: number }>(workspace.id, checkpointKey(channel.id, 'INBOX'));
    expect(checkpoint!.lastUid).toBe(total);
    expect(restartedServer).toBe(true);
    expect(restarts + fresh).toBeGreaterThan(2);
    await current.kit.stop();
    await cleanup();
  }, 90_000);
});
