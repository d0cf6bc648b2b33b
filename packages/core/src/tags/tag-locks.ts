import type { StorageOperations } from '../storage/storage.js';

/** The state key tag name changes serialize on (names are unique per workspace). */
const TAG_NAMES_KEY = 'tags:names';

/**
 * Takes the workspace's tag-name lock, held until commit: two creates (or renames) with the
 * same name cannot both pass the uniqueness check. Tag config writes are rare admin actions.
 */
export async function lockTagNames(tx: StorageOperations, workspaceId: string): Promise<void> {
  await tx.state.get(workspaceId, TAG_NAMES_KEY, { lock: true });
}

/**
 * Takes the lock of each tag, in id order so two callers never deadlock; held until commit.
 * Tagging a conversation and deleting the tag both take it (before any conversation lock):
 * a tag added while its delete is clearing conversations would otherwise outlive the tag.
 */
export async function lockTags(tx: StorageOperations, workspaceId: string, tagIds: Iterable<string>): Promise<void> {
  for (const tagId of [...new Set(tagIds)].sort()) await tx.state.get(workspaceId, `tag:${tagId}`, { lock: true });
}
