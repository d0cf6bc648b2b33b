import type { FollowerStore } from '@inboxkit/core';
import { compareStrings } from '../indexes/compare.js';
import type { JournalSource } from '../journal.js';

/** Followers per `workspaceId\nconversationId`; writes journal their undo. */
export function followerStore(journal: JournalSource): FollowerStore {
  const followers = new Map<string, Set<string>>();
  const key = (workspaceId: string, conversationId: string) => `${workspaceId}\n${conversationId}`;

  return {
    async add(workspaceId, conversationId, userId) {
      const k = key(workspaceId, conversationId);
      const set = followers.get(k) ?? new Set<string>();
      if (set.has(userId)) return false;
      set.add(userId);
      followers.set(k, set);
      journal().record(() => set.delete(userId));
      return true;
    },
    async remove(workspaceId, conversationId, userId) {
      const set = followers.get(key(workspaceId, conversationId));
      if (!set?.delete(userId)) return false;
      journal().record(() => set.add(userId));
      return true;
    },
    async list(workspaceId, conversationId) {
      return [...(followers.get(key(workspaceId, conversationId)) ?? [])].sort(compareStrings);
    },
  };
}
