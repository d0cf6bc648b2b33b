import type { StateStore } from '@inboxkit/core';

/**
 * How far a mailbox has been ingested: every message with `uid <= lastUid` under this
 * `uidValidity` is in the kit (or was skipped). Written after a batch's ingest committed, so a
 * crash re-ingests at most the batch in flight (which dedupe turns into no-ops).
 */
export interface MailboxCheckpoint {
  /** The mailbox's UIDVALIDITY (a 32-bit number kept as a string: imapflow reports a bigint). */
  uidValidity: string;
  /** Highest UID ingested. */
  lastUid: number;
}

/** The `context.state` key of a channel's mailbox checkpoint. */
export function checkpointKey(channelId: string, mailbox: string): string {
  return `email.imap.checkpoint:${channelId}:${mailbox}`;
}

/** Reads a checkpoint; a malformed value reads as none (the mailbox is rescanned, dedupe keeps it exactly-once). */
export async function readCheckpoint(state: StateStore, workspaceId: string, key: string): Promise<MailboxCheckpoint | null> {
  const value = await state.get<Partial<MailboxCheckpoint>>(workspaceId, key);
  if (!value || typeof value.uidValidity !== 'string' || typeof value.lastUid !== 'number') return null;
  return { uidValidity: value.uidValidity, lastUid: value.lastUid };
}

/** Writes a checkpoint. */
export async function writeCheckpoint(state: StateStore, workspaceId: string, key: string, checkpoint: MailboxCheckpoint): Promise<void> {
  await state.put(workspaceId, key, checkpoint);
}
