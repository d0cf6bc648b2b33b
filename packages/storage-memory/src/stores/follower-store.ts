import type { FollowerStore } from '@inboxkit/core';
import { compareStrings } from '../indexes/compare.js';
import type { JournalSource } from '../journal.js';
import type { FollowerTable } from '../tables/follower-table.js';

/** Followers, kept in the shared `FollowerTable` (deleting a conversation forgets them too). */
export function followerStore(journal: JournalSource, table: FollowerTable): FollowerStore {
  return {
    async add(workspaceId, conversationId, userId) {
      return table.add(journal(), workspaceId, conversationId, userId);
    },
    async remove(workspaceId, conversationId, userId) {
      return table.remove(journal(), workspaceId, conversationId, userId);
    },
    async list(workspaceId, conversationId) {
      return [...(table.of(workspaceId, conversationId) ?? [])].sort(compareStrings);
    },
  };
}
