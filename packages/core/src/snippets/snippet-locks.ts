import type { EventRecorder } from '../events/event-recorder.js';
import type { StorageOperations } from '../storage/storage.js';

/** The state key snippet writes serialize on. */
const SNIPPETS_KEY = 'snippets';

/**
 * Takes the workspace's snippet lock, held until commit. Snippet writes take it (two snippets
 * with one shortcut cannot both pass the uniqueness check), and so does deleting an inbox: a
 * snippet saved for the inbox meanwhile cannot outlive it. Rare admin actions, one row.
 */
export async function lockSnippets(tx: StorageOperations, workspaceId: string): Promise<void> {
  await tx.state.get(workspaceId, SNIPPETS_KEY, { lock: true });
}

/** Deletes the snippets of an inbox being deleted, in its transaction (`snippet.deleted` each). */
export async function deleteInboxSnippets(tx: StorageOperations, events: EventRecorder, workspaceId: string, inboxId: string): Promise<void> {
  await lockSnippets(tx, workspaceId);
  for (const snippet of (await tx.records.list(workspaceId, 'snippet', { where: { inboxId } })).items) {
    await tx.records.delete(workspaceId, 'snippet', snippet.id);
    events.record('snippet.deleted', { snippetId: snippet.id, inboxId });
  }
}
