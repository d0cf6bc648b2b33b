import { routingStateKey } from '../routing/inbox-router.js';
import type { StorageOperations } from '../storage/storage.js';

/** The state key every change to who-references-whom serializes on. */
const DIRECTORY_KEY = 'directory';

/**
 * Takes the workspace's directory lock, held until commit. Deleting a user or team, and every
 * write that names users or teams (team members, inbox members, routing targets, chatflow
 * profiles, contact owners), take it first: a write can then never validate a reference that
 * a concurrent delete is removing. Directory changes are rare admin actions, so one row is enough.
 */
export async function lockDirectory(tx: StorageOperations, workspaceId: string): Promise<void> {
  await tx.state.get(workspaceId, DIRECTORY_KEY, { lock: true });
}

/**
 * Takes the routing lock of each inbox (the row routing, manual assignment and membership changes
 * of an inbox all serialize on), in id order so two changes never deadlock. Held until commit.
 */
export async function lockInboxes(tx: StorageOperations, workspaceId: string, inboxIds: Iterable<string>): Promise<void> {
  for (const inboxId of [...new Set(inboxIds)].sort()) await tx.state.get(workspaceId, routingStateKey(inboxId), { lock: true });
}
