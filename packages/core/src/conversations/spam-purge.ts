import type { KitRuntime } from '../kit/runtime.js';
import { Scope } from '../kit/scope.js';
import { backgroundJob, type BackgroundJob } from '../runtime/background-job.js';
import { errorFields } from '../runtime/error-fields.js';
import type { StorageOperations } from '../storage/storage.js';

/** How often the purge looks for spam past its retention. */
export const SPAM_PURGE_EVERY_MS = 60 * 60_000;
/** Conversations listed per store call; each is still deleted in its own transaction. */
const BATCH = 100;
const DAY_MS = 86_400_000;

/** Blob keys of every attachment in a conversation's timeline. */
async function attachmentKeys(tx: StorageOperations, workspaceId: string, conversationId: string): Promise<string[]> {
  const keys: string[] = [];
  let cursor: string | null = null;
  do {
    const page = await tx.timeline.list(workspaceId, conversationId, { cursor, limit: 500 });
    for (const item of page.items) if (item.kind === 'message') keys.push(...item.attachments.map((a) => a.blobKey));
    cursor = page.nextCursor;
  } while (cursor);
  return keys;
}

/**
 * Deletes one spam conversation past `cutoff` with its timeline, in one transaction with
 * `conversation.purged`; the attachments' bytes go from the blob store after the commit (a
 * failure there is logged and leaves only unreferenced bytes). Re-checked under the row lock:
 * a conversation released, or written to, since it was listed stays. Returns whether it went.
 */
async function purgeOne(runtime: KitRuntime, workspaceId: string, conversationId: string, cutoff: number): Promise<boolean> {
  let blobKeys: string[] = [];
  const purged = await new Scope(runtime, workspaceId, null).mutate(async (tx, events) => {
    const current = await tx.conversations.get(workspaceId, conversationId, { lock: true });
    if (!current?.spam || current.spamAt === null || current.spamAt >= cutoff || current.lastMessageAt >= cutoff) return false;
    blobKeys = await attachmentKeys(tx, workspaceId, conversationId);
    await tx.conversations.delete(workspaceId, conversationId);
    events.record('conversation.purged', { conversationId, inboxId: current.inboxId });
    return true;
  });
  if (!purged) return false;
  for (const key of blobKeys) {
    try {
      await runtime.blobs.delete(key);
    } catch (error) {
      runtime.logger.error('deleting a purged attachment failed', { workspaceId, conversationId, ...errorFields(error) });
    }
  }
  return true;
}

/**
 * Purges every spam conversation that became spam, and last had a message, more than
 * `retentionDays` ago (by the kit's clock), across workspaces. One conversation failing is
 * logged and skipped (the next run tries it again). Returns how many were purged.
 */
export async function purgeOldSpam(runtime: KitRuntime, retentionDays: number): Promise<number> {
  let purged = 0;
  for (;;) {
    const cutoff = runtime.clock.now() - retentionDays * DAY_MS;
    const due = await runtime.storage.conversations.listSpamBefore(cutoff, BATCH);
    let progress = 0;
    for (const { workspaceId, id } of due) {
      try {
        if (await purgeOne(runtime, workspaceId, id, cutoff)) progress++;
      } catch (error) {
        runtime.logger.error('purging a spam conversation failed', { workspaceId, conversationId: id, ...errorFields(error) });
      }
    }
    purged += progress;
    // A short page was the last; a page that purged nothing would only come back the same.
    if (due.length < BATCH || progress === 0) return purged;
  }
}

/** The background job of the spam retention: purges now, then every `SPAM_PURGE_EVERY_MS`, on the kit's clock. */
export function spamPurgeJob(runtime: KitRuntime, retentionDays: number): BackgroundJob {
  return backgroundJob({
    name: 'spam purge',
    clock: runtime.clock,
    logger: runtime.logger,
    everyMs: SPAM_PURGE_EVERY_MS,
    run: async () => {
      await purgeOldSpam(runtime, retentionDays);
    },
  });
}
