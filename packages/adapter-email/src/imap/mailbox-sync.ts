import { InboxKitError, type Logger, type StateStore } from '@inboxkit/core';
import type { ImapFlow } from 'imapflow';
import { readCheckpoint, writeCheckpoint, type MailboxCheckpoint } from './checkpoint.js';
import type { RawIngestManyResult } from '../intake/raw-intake.js';
import type { ImapSettings } from './imap-settings.js';

/**
 * Hands a batch of fetched messages' raw sources (in UID order) to the email intake in one
 * call (`Intake.ingestManyInto`). Resolves with one result per source, in order; throws only
 * when the batch as a whole could not be tried (the sync stops and is retried).
 */
export type RawIngest = (sources: Buffer[], meta: { uids: number[]; mailbox: string }) => Promise<RawIngestManyResult[]>;

/** What one sync pass needs. */
export interface SyncDeps {
  client: ImapFlow;
  settings: ImapSettings;
  state: StateStore;
  workspaceId: string;
  checkpointKey: string;
  batchSize: number;
  /** A batch also ends before its raw messages pass this many bytes together (one big message still goes alone). */
  batchBytes: number;
  ingest: RawIngest;
  logger: Logger;
  /** Checked between batches: a stopping worker finishes the batch in flight and returns. */
  aborted: () => boolean;
}

/**
 * Ingests every message above the checkpoint, in UID order: a batch of up to `batchSize`
 * messages and `batchBytes` per FETCH and per `ingestMany` call, advancing the checkpoint
 * after each batch. A new UIDVALIDITY restarts from UID 0 (dedupe by Message-ID keeps it
 * exactly-once). Runs with the mailbox selected (the caller holds the mailbox lock). Returns
 * how many messages were ingested.
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
  for (let start = 0; start < uids.length && !deps.aborted(); ) {
    const batch = await fitting(client, uids.slice(start, start + deps.batchSize), deps.batchBytes);
    start += batch.length;
    // Collect the batch first: no other IMAP command may run while a FETCH is streaming.
    const fetched: { uid: number; source: Buffer }[] = [];
    for await (const message of client.fetch(batch.join(','), { uid: true, source: true }, { uid: true })) {
      if (message.source) fetched.push({ uid: message.uid, source: message.source });
    }
    if (fetched.length === 0) continue;
    fetched.sort((a, b) => a.uid - b.uid);
    const results = await deps.ingest(
      fetched.map((m) => m.source),
      { uids: fetched.map((m) => m.uid), mailbox: settings.mailbox },
    );
    const { done, failure } = settle(deps, fetched, results);
    if (done.length > 0) {
      // Only past what is stored or skipped: a failure and everything after it are fetched again.
      cp.lastUid = done[done.length - 1]!;
      await writeCheckpoint(state, workspaceId, checkpointKey, cp);
      ingested += done.length;
    }
    await afterIngest(client, settings, done);
    if (failure) throw failure;
  }
  if (!checkpoint && ingested === 0) await writeCheckpoint(state, workspaceId, checkpointKey, cp);
  return ingested;
}

/**
 * The batch's UIDs the checkpoint may pass, up to the first message that failed for a reason
 * other than being invalid; that failure stops the sync, to be retried (storage down…). A
 * message the kit rejects as invalid will never become valid: it is skipped rather than wedge
 * the mailbox.
 */
function settle(deps: SyncDeps, fetched: { uid: number }[], results: RawIngestManyResult[]): { done: number[]; failure: Error | null } {
  const done: number[] = [];
  for (const [index, { uid }] of fetched.entries()) {
    const result = results[index];
    if (!result) return { done, failure: new Error(`email intake returned no result for UID ${uid}`) };
    if (result.status === 'failed') {
      const { error } = result;
      if (!InboxKitError.isInstance(error) || error.code !== 'VALIDATION') return { done, failure: error };
      deps.logger.warn('email: message rejected, skipped', { mailbox: deps.settings.mailbox, uid, error: error.message });
    }
    done.push(uid);
  }
  return { done, failure: null };
}

/** The longest prefix of `uids` whose raw sizes (RFC822.SIZE, cheap for the server) fit `maxBytes`; at least one UID. */
async function fitting(client: ImapFlow, uids: number[], maxBytes: number): Promise<number[]> {
  if (uids.length <= 1 || maxBytes === Number.POSITIVE_INFINITY) return uids;
  const sizes = new Map<number, number>();
  for await (const message of client.fetch(uids.join(','), { uid: true, size: true }, { uid: true })) sizes.set(message.uid, message.size ?? 0);
  let total = 0;
  let count = 0;
  for (const uid of uids) {
    // A UID expunged meanwhile has no size: it costs nothing, the FETCH skips it.
    total += sizes.get(uid) ?? 0;
    if (count > 0 && total > maxBytes) break;
    count++;
  }
  return uids.slice(0, count);
}

/** Marks ingested messages seen and/or moves them out, as configured. */
async function afterIngest(client: ImapFlow, settings: ImapSettings, uids: number[]): Promise<void> {
  if (uids.length === 0) return;
  const range = uids.join(',');
  if (settings.markSeen) await client.messageFlagsAdd(range, ['\\Seen'], { uid: true });
  if (settings.moveTo) await client.messageMove(range, settings.moveTo, { uid: true });
}
