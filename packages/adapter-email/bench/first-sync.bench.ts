// IMAP first-sync throughput: one mailbox of N messages on a private Dovecot, synced into a fresh
// kit by the worker's own `syncMailbox`, in the same run: one message at a time as before this
// change (FETCH of 25, `ingestInto` and a checkpoint write per message) against `ingestMany` per
// fetched batch (a checkpoint per batch). On the memory store and on Postgres (DATABASE_URL, else
// the local server; its own schema, dropped after). Modes alternate, best of ROUNDS each.
// Run: npm run bench:first-sync -w @inboxkit/adapter-email   (needs dovecot-imapd)
import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import { createInboxKit, silentLogger, type ChannelContext, type Storage } from '@inboxkit/core';
import { memoryStorage } from '@inboxkit/storage-memory';
import { postgresStorage } from '@inboxkit/storage-postgres';
import pg from 'pg';
import { parseEmailOptions } from '../src/config.js';
import { emailChannel } from '../src/index.js';
import { checkpointKey, writeCheckpoint } from '../src/imap/checkpoint.js';
import type { ImapSettings } from '../src/imap/imap-settings.js';
import { syncMailbox, type RawIngest } from '../src/imap/mailbox-sync.js';
import { createIntake, type RawIngestResult } from '../src/intake/raw-intake.js';
import { dovecotAvailable, dovecotSkipReason, startDovecot, type Dovecot } from '../test/dovecot.js';
import { customerMail } from '../test/mail-fixtures.js';

const N = Number(process.env.BENCH_MESSAGES ?? 1000);
const ROUNDS = 2;
const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

const { batchBytes } = parseEmailOptions({}).imap;
type Mode = { name: string; path: 'one-by-one' | 'batched' | 'fetch-only'; batchSize: number; batchBytes: number };
const modes: Mode[] = [
  // Before this change a batch had no byte bound: no RFC822.SIZE round trip.
  { name: 'one by one (before): FETCH 25, ingest + checkpoint per message', path: 'one-by-one', batchSize: 25, batchBytes: Number.POSITIVE_INFINITY },
  { name: 'ingestMany per FETCH of 25', path: 'batched', batchSize: 25, batchBytes },
  { name: 'ingestMany per FETCH of 100 (default)', path: 'batched', batchSize: 100, batchBytes },
  { name: 'reference: FETCH of 100 only, nothing parsed or stored', path: 'fetch-only', batchSize: 100, batchBytes },
];

/** A mailbox with N customer messages (mixed: a fifth are replies into an earlier thread). */
async function fill(dovecot: Dovecot): Promise<string> {
  const user = `bench${randomBytes(3).toString('hex')}`;
  await dovecot.addUser(user, 'bench-pass');
  const client = await dovecot.client(user);
  try {
    for (let i = 0; i < N; i++) {
      const parent = i % 5 === 4 ? `bench-${i - 1}@customer.test` : null;
      const mail = customerMail({
        messageId: `bench-${i}@customer.test`,
        from: `Customer ${i % 97} <c${i % 97}@customer.test>`,
        subject: parent ? `Re: Case ${i - 1}` : `Case ${i}`,
        text: `Hello team, message ${i}: the printer on floor three keeps jamming. `.repeat(20),
        ...(parent ? { inReplyTo: `<${parent}>`, references: [`<${parent}>`] } : {}),
      });
      await client.append('INBOX', mail);
    }
  } finally {
    await client.logout();
  }
  return user;
}

/** One first sync of the whole mailbox into a fresh workspace; messages per second of wall time. */
async function firstSync(storage: Storage, dovecot: Dovecot, user: string, mode: Mode): Promise<number> {
  let context: ChannelContext | null = null;
  const email = emailChannel();
  const kit = createInboxKit({
    storage,
    channels: [
      {
        ...email,
        start: (ctx) => {
          context = ctx;
          return email.start!(ctx);
        },
      },
    ],
    logger: silentLogger,
    fallbackEmailDomain: 'in.acme.test',
  });
  await kit.start();
  const ws = kit.workspace((await kit.workspaces.create({ name: 'Bench' })).id);
  const inbox = await ws.inboxes.create({ name: 'Support', members: { users: [] } });
  // No `imap` config: no worker of its own; the bench drives the sync.
  const channel = await ws.channels.connect({ inboxId: inbox.id, type: 'email', name: 's', config: { address: 'support@acme.test' } });
  const intake = createIntake(parseEmailOptions({}), () => context!);
  const client = await dovecot.client(user);
  const lock = await client.getMailboxLock('INBOX');
  const key = checkpointKey(channel.id, 'INBOX');
  const uidValidity = String(client.mailbox && client.mailbox.uidValidity);
  const oneByOne: RawIngest = async (sources, { uids }) => {
    const results: RawIngestResult[] = [];
    for (const [i, source] of sources.entries()) {
      results.push(await intake.ingestInto(source, channel));
      await writeCheckpoint(storage.state, channel.workspaceId, key, { uidValidity, lastUid: uids[i]! });
    }
    return results;
  };
  const batched: RawIngest = (sources) => intake.ingestManyInto(sources, channel);
  const fetchOnly: RawIngest = async (sources) => sources.map(() => ({ status: 'skipped', reason: 'bench', externalId: '', bounce: null }));
  const settings: ImapSettings = { host: dovecot.host, port: dovecot.port, secure: false, user, passwordRef: 'x', mailbox: 'INBOX', markSeen: false, moveTo: null };
  try {
    const start = performance.now();
    const ingested = await syncMailbox({
      client,
      settings,
      state: storage.state,
      workspaceId: channel.workspaceId,
      checkpointKey: key,
      batchSize: mode.batchSize,
      batchBytes: mode.batchBytes,
      ingest: { 'one-by-one': oneByOne, batched, 'fetch-only': fetchOnly }[mode.path],
      logger: silentLogger,
      aborted: () => false,
    });
    const seconds = (performance.now() - start) / 1000;
    if (ingested !== N) throw new Error(`${mode.name}: synced ${ingested} of ${N}`);
    return N / seconds;
  } finally {
    lock.release();
    await client.logout();
    await kit.stop();
  }
}

async function postgres(): Promise<{ storage: Storage; drop: () => Promise<void> } | null> {
  const schema = `bench_first_sync_${randomBytes(4).toString('hex')}`;
  const storage = postgresStorage({ connectionString: DATABASE_URL, schema });
  try {
    await storage.migrate();
  } catch (error) {
    console.warn(`Postgres at ${DATABASE_URL} unusable (${String(error)}): its rows are left out`);
    await storage.close().catch(() => undefined);
    return null;
  }
  return {
    storage,
    async drop() {
      await storage.close();
      const admin = new pg.Client({ connectionString: DATABASE_URL });
      await admin.connect();
      await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await admin.end();
    },
  };
}

if (!dovecotAvailable) {
  console.warn(dovecotSkipReason);
  process.exit(0);
}
const loadBefore = loadavg();
const dovecot = await startDovecot();
const rows: string[][] = [];
try {
  const user = await fill(dovecot);
  const pgStore = await postgres();
  const stores: { name: string; storage: () => Storage }[] = [{ name: 'memory', storage: () => memoryStorage() }];
  if (pgStore) stores.push({ name: 'Postgres', storage: () => pgStore.storage });
  try {
    for (const store of stores) {
      const best = new Map<Mode, number>();
      for (let round = 0; round < ROUNDS; round++) {
        for (const mode of modes) best.set(mode, Math.max(best.get(mode) ?? 0, await firstSync(store.storage(), dovecot, user, mode)));
      }
      const baseline = best.get(modes[0]!)!;
      for (const mode of modes) rows.push([store.name, mode.name, best.get(mode)!.toFixed(0), (best.get(mode)! / baseline).toFixed(2)]);
    }
  } finally {
    await pgStore?.drop();
  }
} finally {
  await dovecot.close();
}
const fmt = (l: number[]) => l.map((x) => x.toFixed(2)).join(' ');
console.log(`\nIMAP first sync of ${N} messages (real Dovecot, syncMailbox, best of ${ROUNDS}, modes alternating)\n`);
console.log('| store | path | messages/s | ratio to one by one |');
console.log('|---|---|---:|---:|');
for (const row of rows) console.log(`| ${row.join(' | ')} |`);
console.log(`\nload average before: ${fmt(loadBefore)}, after: ${fmt(loadavg())}`);
