import { InboxKitError, type Logger, type StateStore } from '@inboxkit/core';
import type { ImapFlow } from 'imapflow';
import { readCheckpoint, writeCheckpoint, type MailboxCheckpoint } from './checkpoint.js';
import type { ImapSettings } from './imap-settings.js';

/** Hands one fetched message's raw source to the email intake. Throws to stop the sync (retried later). */
export type RawIngest = (source: Buffer, meta: { uid: number; mailbox: string }) => Promise<void>;

/** What one sync pass needs. */
export interface SyncDeps {
  client: ImapFlow;
  settings: ImapSettings;
  state: StateStore;
  workspaceId: string;
  checkpointKey: string;
  batchSize: number;
  ingest: RawIngest;
  logger: Logger;
  /** Checked between messages: a stopping worker finishes the message in flight and returns. */
  aborted: () => boolean;
}

/**
 * Ingests every message above the checkpoint, in UID order, advancing the checkpoint after
 * each. A new UIDVALIDITY restarts from UID 0 (dedupe by Message-ID keeps it exactly-once).
 * Runs with the mailbox selected (the caller holds the mailbox lock). Returns how many messages were ingested.
 */
export async function syncMailbox(deps: SyncDeps): Promise<number> {
  const { client, settings, state, workspaceId, checkpointKey } = deps;
  const mailbox = client.mailbox;
  if (!mailbox) throw new Error('no mailbox selected');
  const uidValidity = String(mailbox.uidValidity);
  let checkpoint: MailboxCheckpoint | null = await readCheckpoint(state, workspaceId, checkpointKey);
  if (checkpoint && checkpoint.uidValidity !== uidValidity) {
    deps.logger.warn('email: UIDVALIDITY changed, rescanning mailbox', { mailbox: settings.mailbox, from: checkpoint.uidValidity, to: uidValidity });
    checkpoint = null;
  }
  const cp: MailboxCheckpoint = checkpoint ?? { uidValidity, lastUid: 0 };
  // `n:*` always matches the highest UID, even below n: filter to what is really new.
  const found = (await client.search({ uid: `${cp.lastUid + 1}:*` }, { uid: true })) || [];
  const uids = found.filter((uid) => uid > cp.lastUid).sort((a, b) => a - b);
  let ingested = 0;
  for (let start = 0; start < uids.length && !deps.aborted(); start += deps.batchSize) {
    const batch = uids.slice(start, start + deps.batchSize);
    // Collect the batch first: no other IMAP command may run while a FETCH is streaming.
    const fetched: { uid: number; source: Buffer }[] = [];
    for await (const message of client.fetch(batch.join(','), { uid: true, source: true }, { uid: true })) {
      if (message.source) fetched.push({ uid: message.uid, source: message.source });
    }
    fetched.sort((a, b) => a.uid - b.uid);
    const done: number[] = [];
    for (const { uid, source } of fetched) {
      if (deps.aborted()) break;
      await ingestOne(deps, source, uid);
      cp.lastUid = uid;
      await writeCheckpoint(state, workspaceId, checkpointKey, cp);
      done.push(uid);
      ingested++;
    }
    await afterIngest(client, settings, done);
  }
  if (!checkpoint && ingested === 0) await writeCheckpoint(state, workspaceId, checkpointKey, cp);
  return ingested;
}

async function ingestOne(deps: SyncDeps, source: Buffer, uid: number): Promise<void> {
  try {
    await deps.ingest(source, { uid, mailbox: deps.settings.mailbox });
  } catch (error) {
    // A message the kit rejects as invalid will never become valid: skip it rather than
    // wedge the mailbox. Anything else (storage down…) stops the sync to be retried.
    if (InboxKitError.isInstance(error) && error.code === 'VALIDATION') {
      deps.logger.warn('email: message rejected, skipped', { mailbox: deps.settings.mailbox, uid, error: error.message });
      return;
    }
    throw error;
  }
}

/** Marks ingested messages seen and/or moves them out, as configured. */
async function afterIngest(client: ImapFlow, settings: ImapSettings, uids: number[]): Promise<void> {
  if (uids.length === 0) return;
  const range = uids.join(',');
  if (settings.markSeen) await client.messageFlagsAdd(range, ['\\Seen'], { uid: true });
  if (settings.moveTo) await client.messageMove(range, settings.moveTo, { uid: true });
}
