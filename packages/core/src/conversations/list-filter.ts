import type { ConversationStatus } from '../domain/conversation.js';
import type { Scope } from '../kit/scope.js';
import type { ConversationFilter } from '../storage/storage.js';

/** The parsed filters `conversations.list` and `conversations.search` share. */
export interface ConversationFilterInput {
  inboxId?: string;
  status?: ConversationStatus | ConversationStatus[];
  assignee?: string;
  teamId?: string;
  channelType?: string;
  channelId?: string;
  contactId?: string;
  tagId?: string;
  from?: number;
  to?: number;
  spam: boolean;
}

/**
 * The store filter of a list or search query, narrowed to the inboxes the caller may see, so
 * the store filters in its query and every page is full.
 */
export async function storeFilter(scope: Scope, q: ConversationFilterInput): Promise<ConversationFilter> {
  const visibleIds = await scope.access.visibleInboxIds();
  let inboxIds = q.inboxId ? [q.inboxId] : undefined;
  if (visibleIds) inboxIds = (inboxIds ?? visibleIds).filter((id) => visibleIds.includes(id));
  return {
    ...(inboxIds ? { inboxIds } : {}),
    ...(q.status ? { statuses: [...new Set([q.status].flat())] } : {}),
    ...(q.assignee !== undefined ? { assigneeId: q.assignee === 'unassigned' ? null : q.assignee } : {}),
    ...(q.teamId ? { teamId: q.teamId } : {}),
    ...(q.channelType ? { channelType: q.channelType } : {}),
    ...(q.channelId ? { channelId: q.channelId } : {}),
    ...(q.contactId ? { contactId: q.contactId } : {}),
    ...(q.tagId ? { tagIds: [q.tagId] } : {}),
    ...(q.from !== undefined || q.to !== undefined
      ? { lastMessageAt: { ...(q.from !== undefined ? { from: q.from } : {}), ...(q.to !== undefined ? { to: q.to } : {}) } }
      : {}),
    spam: q.spam,
  };
}
