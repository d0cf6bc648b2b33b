import type { AnalyticsConversationFilter } from '@inboxkit/core';
import { Where } from '../where.js';

/**
 * The WHERE of a report's conversations (table alias `c`): the workspace, the filters, and never
 * spam. Pass `where` to add to a clause that already has parameters.
 */
export function conversationsWhere(workspaceId: string, filter: AnalyticsConversationFilter, where = new Where()): Where {
  return where
    .equals('c.workspace_id', workspaceId)
    .equals('c.spam', false)
    .oneOf('c.inbox_id', filter.inboxIds)
    .equals('c.team_id', filter.teamId)
    .equals('c.channel_type', filter.channelType)
    .overlaps('c.tag_ids', filter.tagId === undefined ? undefined : [filter.tagId]);
}

/** A count or bigint column as node-postgres returns it (a string), as a number. */
export const num = (value: string | number): number => Number(value);
