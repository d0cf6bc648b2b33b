import type { AnalyticsConversationFilter, Conversation } from '@inboxkit/core';
import { compileFilter } from '../indexes/conversation-filter.js';
import type { BotTable } from '../tables/bot-table.js';
import type { ConversationTable } from '../tables/conversation-table.js';
import type { TimelineTable } from '../tables/timeline-table.js';

/** The tables analytics reads: the same ones the conversation and timeline stores write. */
export interface AnalyticsTables {
  conversations: ConversationTable;
  timeline: TimelineTable;
  bots: BotTable;
}

/** A report's conversation filter as one predicate: the given filters, and never spam. */
export function analyticsFilter(filter: AnalyticsConversationFilter): (row: Conversation) => boolean {
  const tagIds = filter.tagId === undefined ? undefined : [filter.tagId];
  return compileFilter({ inboxIds: filter.inboxIds, teamId: filter.teamId, channelType: filter.channelType, tagIds, spam: false });
}
