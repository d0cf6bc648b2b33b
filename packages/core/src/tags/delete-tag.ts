import { actorOf } from '../conversations/status.js';
import type { EventRecorder } from '../events/event-recorder.js';
import { requireFound } from '../kit/require-found.js';
import type { Scope } from '../kit/scope.js';
import type { StorageOperations } from '../storage/storage.js';
import { lockTags } from './tag-locks.js';

/** Conversations cleared per store round trip. */
const BATCH = 200;

/**
 * Deletes a tag and takes it off every conversation carrying it, in the caller's transaction:
 * each conversation records `conversation.untagged` (reason `tag-deleted`), then `tag.deleted`.
 * Spam and closed conversations are cleared too: no conversation keeps a dangling tag id.
 */
export async function deleteTag(scope: Scope, tx: StorageOperations, events: EventRecorder, tagId: string): Promise<void> {
  const { workspaceId, runtime } = scope;
  await lockTags(tx, workspaceId, [tagId]);
  requireFound(await tx.records.get(workspaceId, 'tag', tagId), 'tag', tagId);
  const by = actorOf(scope.actorId);
  const now = runtime.clock.now();
  let untagged = 0;
  // No cursor: every conversation cleared leaves the filter, so the first page is always the next batch.
  for (;;) {
    const page = await tx.conversations.list(workspaceId, { tagIds: [tagId], limit: BATCH });
    for (const listed of page.items) {
      // Re-read under the row lock: a tag change committed since the list must not be overwritten.
      const current = await tx.conversations.get(workspaceId, listed.id, { lock: true });
      if (!current?.tagIds.includes(tagId)) continue;
      await tx.conversations.update({ ...current, tagIds: current.tagIds.filter((id) => id !== tagId), updatedAt: now });
      events.record('conversation.untagged', { conversationId: current.id, inboxId: current.inboxId, tagIds: [tagId], by, reason: 'tag-deleted' });
      untagged++;
    }
    if (page.nextCursor === null) break;
  }
  await tx.records.delete(workspaceId, 'tag', tagId);
  events.record('tag.deleted', { tagId, conversationsUntagged: untagged });
}
